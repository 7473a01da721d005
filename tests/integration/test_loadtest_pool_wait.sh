# A PgBouncer with default_pool_size=2 under 200 VUs: clients queue in
# PgBouncer, the sampled cl_waiting passes 50, and the threshold
# `pgbouncer.cl_waiting max < 50` fails the run with exit 1 (the summary
# shows it failed with its observed value). With abort_on_fail (judged
# after 1 s) the run is aborted long before its 60 s are up. The server
# connections never exceed the pool; SHOW STATS shows the clients' wait and
# as many transactions a second as requests. A run with more VUs than PgBouncer's
# max_client_conn is warned about. Private PgBouncer: the shared stack's
# pool is not starved.
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/loadtest_lib.sh"
new_database loadtest_pool
run migrate db migrate
expect_status 0 migrate
start_pgbouncer 2 1000
export DHARMA_DATABASE_URL=$BOUNCER_APP_URL DHARMA_PGBOUNCER_ADMIN_URL=$BOUNCER_ADMIN_URL
run prepare loadtest prepare --tenants 2
expect_status 0 prepare

cat >waiting.yaml <<'YAML'
name: pool-wait
executor:
  type: constant-vus
  vus: 200
  duration: 4s
requests:
  - kind: quota
  - kind: pull_uncached
tenants: 2
thresholds:
  - pgbouncer.cl_waiting max < 50
  - pgbouncer.sv_active max <= 2
  - pgbouncer.avg_wait max > 0
  - pgbouncer.xacts avg > 0
YAML
run waiting loadtest run waiting.yaml --format json
expect_status 1 waiting
expect_eq "$(json waiting.out '.thresholds[0].passed')" false "cl_waiting threshold"
observed=$(json waiting.out '.thresholds[0].observed | floor')
[[ $observed -ge 50 ]] || fail "observed cl_waiting $observed"
expect_eq "$(json waiting.out '.thresholds[1].passed')" true "server connections within the pool"
# SHOW STATS: clients waited for the 2 server connections, and PgBouncer's
# transactions per second are the requests per second (one statement each).
expect_eq "$(json waiting.out '.thresholds[2].passed')" true "SHOW STATS avg_wait_time above 0"
xacts=$(json waiting.out '.thresholds[3].observed')
ops=$(json waiting.out '.tags.all.summary.ops_per_second')
awk -v x="$xacts" -v o="$ops" 'BEGIN { exit !(x > o / 2 && x < o * 2) }' ||
  fail "PgBouncer counted $xacts transactions a second for $ops requests a second"
expect_eq "$(json waiting.out '.aborted')" false "not aborted without abort_on_fail"
expect_eq "$(json waiting.out '.tags.all.errors')" 0 "errors"

run waiting_text loadtest run waiting.yaml
expect_status 1 waiting_text
grep -qE '^pgbouncer\.cl_waiting max < 50 +[0-9.]+ +FAILED$' waiting_text.out || { cat waiting_text.out >&2; fail "threshold line"; }

cat >abort.yaml <<'YAML'
name: pool-abort
executor:
  type: constant-vus
  vus: 200
  duration: 60s
requests:
  - kind: quota
tenants: 2
thresholds:
  - threshold: pgbouncer.cl_waiting max < 50
    abort_on_fail: true
    delay_abort_eval: 1s
YAML
run abort loadtest run abort.yaml --format json
expect_status 1 abort
expect_eq "$(json abort.out '.aborted')" true "aborted"
expect_in abort.out "failed (abort_on_fail)"
expect_eq "$(json abort.out '.thresholds[0].aborted_run')" true "the threshold that aborted"
seconds=$(json abort.out '.duration_ms / 1000 | floor')
[[ $seconds -lt 60 ]] || fail "the aborted run lasted ${seconds}s of 60"
expect_in abort.err "aborting the run"

# A run that may need more clients than PgBouncer admits says so before it starts.
cat >wide.yaml <<'YAML'
executor: {type: constant-arrival-rate, rate: 5, duration: 1s, pre_allocated_vus: 1, max_vus: 1500}
requests:
  - kind: quota
tenants: 1
YAML
run wide loadtest run wide.yaml
expect_status 0 wide
expect_in wide.err "dharma: warning: PgBouncer's max_client_conn is 1000, below the 1500 VUs of this run"
echo "ok"
