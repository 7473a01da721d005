# A file that fails half-way rolls back, is recorded as failed, is reported as
# FILE:LINE:COL with PostgreSQL's message, and the next migrate after a fix continues.
source "$(dirname "$0")/lib.sh"
new_database failure
mkdir migrations
cat >migrations/V001__base.sql <<'SQL'
CREATE TABLE base (id int PRIMARY KEY);
SQL
cat >migrations/V002__broken.sql <<'SQL'
CREATE TABLE half (id int PRIMARY KEY);
INSERT INTO half VALUES (1);
CREATE TABLE broken (
  id int,
  name txet
);
CREATE TABLE never (id int);
SQL

run broken db migrate --dir migrations
expect_status 2 broken
expect_in broken.err "migrations/V002__broken.sql:5:8: error: migration V002__broken.sql failed: type \"txet\" does not exist"
expect_in broken.err "rolled back"
expect_eq "$(owner_sql "SELECT to_regclass('half') IS NULL")" t "the failed file's first statements were rolled back"
expect_eq "$(owner_sql "SELECT to_regclass('base') IS NOT NULL")" t "V001 stays applied"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE version = 2 AND NOT success")" 1 "failure recorded"

run status db status --dir migrations
expect_status 0 status
expect_in status.out "failed"
run verify db verify --dir migrations
expect_status 4 verify
expect_in verify.out "V002__broken.sql: last attempt failed"

# Runtime errors (no LINE context) point at the failing statement.
sed -i 's/txet/text/; s/^INSERT INTO half VALUES (1);/INSERT INTO half VALUES (1), (1);/' migrations/V002__broken.sql
run dup db migrate --dir migrations
expect_status 2 dup
expect_in dup.err "migrations/V002__broken.sql:2:1: error: migration V002__broken.sql failed: duplicate key value"

sed -i 's/(1), (1)/(1)/' migrations/V002__broken.sql
run fixed db migrate --dir migrations
expect_status 0 fixed
expect_in fixed.out "applied 1 migration(s); database at version 2"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE NOT success")" 0 "failed rows replaced"
expect_eq "$(owner_sql "SELECT count(*) FROM half")" 1 "fixed file applied"
run verify2 db verify --dir migrations
expect_status 0 verify2
echo "ok"
