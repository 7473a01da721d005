# A `-- dharma:no-transaction` file with CREATE INDEX CONCURRENTLY runs on the
# direct URL while transactional files go through PgBouncer; it neither
# deadlocks on our own lock (flyway#3497) nor leaves a lease behind.
source "$(dirname "$0")/lib.sh"
new_database cic
mkdir migrations
cat >migrations/V001__events.sql <<'SQL'
CREATE TABLE events (id bigserial PRIMARY KEY, tenant text NOT NULL, at timestamptz NOT NULL DEFAULT now());
INSERT INTO events (tenant) SELECT 't' || (g % 50) FROM generate_series(1, 20000) g;
SQL
cat >migrations/V002__events_index.sql <<'SQL'
-- dharma:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS events_tenant_at;
CREATE INDEX CONCURRENTLY events_tenant_at ON events (tenant, at);
SQL
cat >migrations/V003__after.sql <<'SQL'
ALTER TABLE events ADD COLUMN note text;
SQL

# A wrong direct URL: exit 3 naming the direct server, password masked.
run baddirect db migrate --dir migrations --direct-url "postgresql://dharma_owner:wrongsecret@127.0.0.1:1/$TEST_DB"
expect_status 3 baddirect
expect_in baddirect.err "PostgreSQL (direct)"
expect_in baddirect.err "postgresql://dharma_owner:****@127.0.0.1:1/"
grep -q wrongsecret baddirect.err && fail "password printed"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE success")" 1 "V001 applied before the failure"

run ok db migrate --dir migrations --lock-timeout 30
expect_status 0 ok
expect_in ok.err "applying V002__events_index.sql (no transaction, direct connection)"
expect_eq "$(owner_sql "SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_tenant_at'::regclass")" t "index valid"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_migration_lease")" 0 "lease released"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE success")" 3 "all applied"
expect_eq "$(owner_sql "SELECT count(*) FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'note'")" 1 "V003 ran after the CIC file"

# A live lease held by another migrator makes a transactional migration wait, then exit 4.
cat >migrations/V004__later.sql <<'SQL'
CREATE TABLE later (x int);
SQL
# Two -c: the lease commits, then the same session (its backend) stays alive.
psql -X -q "$DIRECT_URL" -c "
  INSERT INTO dharma_migration_lease (id, holder, script, backend_pid, backend_start, expires_at)
  SELECT 1, 'other-host:42', 'V099__elsewhere.sql', pg_backend_pid(), backend_start, now() + interval '1 hour'
  FROM pg_stat_activity WHERE pid = pg_backend_pid()" -c "SELECT pg_sleep(3)" >/dev/null &
sleeper=$!
sleep 1
run leased db migrate --dir migrations --lock-timeout 1
expect_status 4 leased
expect_in leased.err "V099__elsewhere.sql is being applied outside a transaction by other-host:42"
wait "$sleeper"
# Its backend is gone now, so the lease is dead even though it has not expired.
run after db migrate --dir migrations --lock-timeout 10
expect_status 0 after
expect_in after.out "database at version 4"
run repair db repair --dir migrations
expect_status 0 repair
expect_in repair.out "removed the lease of a migrator that is gone"
echo "ok"
