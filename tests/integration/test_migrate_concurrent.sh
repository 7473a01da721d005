# Four `dharma db migrate` started at the same moment through PgBouncer:
# every migration is applied exactly once, each run exits 0 (it waited) or 4
# (it gave up waiting), and history is not corrupted.
source "$(dirname "$0")/lib.sh"
new_database concurrent
migrations_copy migrations
# A slow file keeps the gate held long enough for the runs to overlap.
cat >migrations/V090__slow.sql <<'SQL'
CREATE TABLE slow_marker (applied_at timestamptz DEFAULT clock_timestamp());
SELECT pg_sleep(1);
INSERT INTO slow_marker DEFAULT VALUES;
SQL

pids=()
for i in 1 2 3 4; do
  "$dharma" db migrate --dir migrations --lock-timeout 120 >"run$i.out" 2>"run$i.err" &
  pids+=($!)
done
zero=0
for i in 1 2 3 4; do
  wait "${pids[$((i - 1))]}"
  code=$?
  [[ $code == 0 || $code == 4 ]] || { cat "run$i.err" >&2; fail "run $i exited $code"; }
  ((code == 0)) && zero=$((zero + 1))
  no_password_in "run$i.out" "run$i.err"
done
((zero >= 1)) || fail "no run succeeded"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE success")" $((migration_count + 1)) "successful rows"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE NOT success")" 0 "failed rows"
expect_eq "$(owner_sql "SELECT count(*) FROM (SELECT version FROM dharma_schema_history GROUP BY version HAVING count(*) > 1) d")" 0 "duplicate versions"
expect_eq "$(owner_sql "SELECT count(*) FROM slow_marker")" 1 "slow migration applied once"
applied=$(cat run*.err | grep -c '^applied V')
expect_eq "$applied" $((migration_count + 1)) "files applied across all runs"

# With a short lock timeout, a run that cannot get the gate exits 4 with a clear message.
cat >migrations/V091__slower.sql <<'SQL'
SELECT pg_sleep(4);
SQL
"$dharma" db migrate --dir migrations >holder.out 2>holder.err &
holder=$!
wait_for_statement 'SELECT pg_sleep(4)%' || fail "the holder never reached its slow statement"
run waiter db migrate --dir migrations --lock-timeout 1
expect_status 4 waiter
expect_in waiter.err "another \`dharma db migrate\` holds the migration lock"
wait "$holder" || fail "the holder failed"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE version = 91 AND success")" 1 "V091 applied once"
echo "ok"
