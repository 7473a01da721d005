# A run against a stopped stack ends with exit 3 and says what to check,
# within the connect timeout: the store's PgBouncer and Redis (private ones,
# stopped after prepare) are not listening; then a PgBouncer that listens
# but is stopped (SIGSTOP).
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/loadtest_lib.sh"
new_database loadtest_down
run migrate db migrate
expect_status 0 migrate
start_pgbouncer 5 100
start_redis
export DHARMA_DATABASE_URL=$BOUNCER_APP_URL DHARMA_REDIS_URL=$PRIVATE_REDIS_URL
run prepare loadtest prepare --tenants 1
expect_status 0 prepare
kill "$BOUNCER_PID" "$REDIS_PID"
wait "$BOUNCER_PID" "$REDIS_PID" 2>/dev/null
timeout 60 "$dharma" loadtest baseline --vus 2 --duration 2s --tenants 1 --connect-timeout 2s >down.out 2>down.err
status=$?
expect_status 3 down
expect_in down.err "dharma: error: cannot connect to"

# A stopped PgBouncer (SIGSTOP: the kernel still accepts the connection,
# nothing answers): exit 3 after the timeout --connect-timeout sets on the
# connection (libpq's own default would wait 10 s), naming where the URL
# came from.
start_pgbouncer 5 100
export DHARMA_DATABASE_URL=$BOUNCER_APP_URL
kill -STOP "$BOUNCER_PID"
timeout 60 "$dharma" loadtest baseline --vus 2 --duration 2s --tenants 1 --connect-timeout 2s >stopped.out 2>stopped.err
status=$?
expect_status 3 stopped
expect_in stopped.err "?connect_timeout=2 (PgBouncer, from DHARMA_DATABASE_URL): "
expect_in stopped.err "timeout expired"
echo "ok"
