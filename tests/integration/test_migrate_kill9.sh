# kill -9 or Ctrl-C in the middle of a migration leaves the database as it
# was before that file, and the next run completes it.
source "$(dirname "$0")/lib.sh"
new_database kill9
mkdir migrations
cat >migrations/V001__knob.sql <<'SQL'
CREATE TABLE knob (seconds float NOT NULL);
INSERT INTO knob VALUES (60);
SQL
cat >migrations/V002__slow.sql <<'SQL'
CREATE TABLE first_half (id int);
SELECT pg_sleep((SELECT seconds FROM knob)) AS slow_step;
CREATE TABLE second_half (id int);
SQL

run v1 db migrate --dir migrations --to 1
expect_status 0 v1
"$dharma" db migrate --dir migrations >killed.out 2>killed.err &
victim=$!
for _ in $(seq 1 200); do
  [[ $(owner_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%slow_step%' AND pid <> pg_backend_pid()") != 0 ]] && break
  sleep 0.1
done
[[ $(owner_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%slow_step%' AND pid <> pg_backend_pid()") != 0 ]] \
  || fail "the migration never reached its slow statement"
kill -9 "$victim"
wait "$victim" 2>/dev/null

expect_eq "$(owner_sql "SELECT to_regclass('first_half') IS NULL")" t "state before V002 (first_half)"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE version = 2")" 0 "no history row for V002"

# Ctrl-C (SIGINT) in the same place: exit 130, one line saying nothing was
# left half-done, and the database is as it was before V002.
"$dharma" db migrate --dir migrations >interrupted.out 2>interrupted.err &
victim=$!
for _ in $(seq 1 200); do
  [[ $(owner_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%slow_step%' AND state = 'active' AND pid <> pg_backend_pid()") != 0 ]] && break
  sleep 0.1
done
kill -INT "$victim"
wait "$victim"
interrupted_status=$?
expect_eq "$interrupted_status" 130 "exit status after SIGINT"
expect_in interrupted.err "dharma: interrupted;"
for _ in $(seq 1 50); do  # the server notices the closed connection within a second
  [[ $(owner_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%slow_step%' AND state = 'active' AND pid <> pg_backend_pid()") == 0 ]] && break
  sleep 0.2
done
expect_eq "$(owner_sql "SELECT to_regclass('first_half') IS NULL")" t "state before V002 after SIGINT"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE version = 2")" 0 "no history row for V002 after SIGINT"

owner_sql "UPDATE knob SET seconds = 0" >/dev/null
run resumed db migrate --dir migrations --lock-timeout 120
expect_status 0 resumed
expect_in resumed.out "database at version 2"
expect_eq "$(owner_sql "SELECT to_regclass('first_half') IS NOT NULL AND to_regclass('second_half') IS NOT NULL")" t "V002 complete"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history WHERE success")" 2 "history"
echo "ok"
