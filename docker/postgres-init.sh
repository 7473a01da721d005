#!/bin/bash
# Roles and database of the dharma stack (docker-compose.yml); scripts/stack
# does the same in pg_bootstrap_roles.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
CREATE ROLE dharma_owner LOGIN CREATEDB PASSWORD '${DHARMA_OWNER_PASSWORD}';
GRANT pg_signal_backend TO dharma_owner;
CREATE ROLE dharma_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${DHARMA_APP_PASSWORD}';
CREATE DATABASE dharma OWNER dharma_owner;
\connect dharma
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SQL
