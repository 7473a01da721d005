-- Tenants with their quotas, and the application role.
--
-- dharma_app is the role the application connects as. It is not the owner of
-- any table and has no BYPASSRLS, so row-level security (V008) applies to it.
-- The local stack (scripts/stack) creates it with a login password; on other
-- servers create it the same way before migrating, or this file creates it
-- without a login (needs CREATEROLE) and you add a password afterwards.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dharma_app') THEN
    CREATE ROLE dharma_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;

-- The tenant of the current transaction: `SET LOCAL dharma.tenant_id = '<uuid>'`.
-- Unset or empty gives NULL, which matches no row.
CREATE FUNCTION dharma_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('dharma.tenant_id', true), '')::uuid $$;

CREATE TABLE tenants (
  id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  slug                  text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  region                text        NOT NULL DEFAULT 'us-east-1',
  status                text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  max_projects          integer     NOT NULL DEFAULT 20     CHECK (max_projects >= 0),
  max_blueprints        integer     NOT NULL DEFAULT 100    CHECK (max_blueprints >= 0),
  max_deployments       integer     NOT NULL DEFAULT 1000   CHECK (max_deployments >= 0),
  max_users             integer     NOT NULL DEFAULT 50     CHECK (max_users >= 0),
  max_storage_gb        integer     NOT NULL DEFAULT 100    CHECK (max_storage_gb >= 0),
  max_api_calls_per_day integer     NOT NULL DEFAULT 100000 CHECK (max_api_calls_per_day >= 0),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  deleted_at            timestamptz
);

-- API calls per tenant and UTC day, the PostgreSQL fallback for the Redis counter.
CREATE TABLE api_call_counts (
  tenant_id uuid   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  day       date   NOT NULL,
  calls     bigint NOT NULL DEFAULT 0 CHECK (calls >= 0),
  PRIMARY KEY (tenant_id, day)
);

-- Resolves a tenant slug to its id for the application role, which cannot
-- read the tenants table before it knows its tenant (V008). Runs as the owner.
CREATE FUNCTION dharma_tenant_id(tenant_slug text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT id FROM tenants WHERE slug = tenant_slug AND status = 'active' $$;
REVOKE ALL ON FUNCTION dharma_tenant_id(text) FROM PUBLIC;
