# 10,000 VUs on one event loop against the local stack: each VU its own
# client connection through PgBouncer (a private one with max_client_conn
# 10,100 and a pool of 20), closed model for 5 s (CI) of the read mix.
# Zero errors; PgBouncer's server connections stay at or below the pool
# (sampled sv_active, threshold); dharma's peak RSS stays under 300 MB
# (/usr/bin/time). Prints the memory per VU: the peak RSS difference from
# a 100-VU run, divided by the 9,900 VUs. Label `slow`.
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/loadtest_lib.sh"
[[ -x /usr/bin/time ]] || { echo "SKIPPED: /usr/bin/time is missing" >&2; exit 77; }
case "${DHARMA_SANITIZED:-}" in 1) echo "SKIPPED: RSS means nothing under sanitizers" >&2; exit 77 ;; esac
new_database loadtest_10k
run migrate db migrate
expect_status 0 migrate
start_pgbouncer 20 10100
export DHARMA_DATABASE_URL=$BOUNCER_APP_URL DHARMA_PGBOUNCER_ADMIN_URL=$BOUNCER_ADMIN_URL
run prepare loadtest prepare --tenants 10
expect_status 0 prepare

scenario() {  # scenario VUS
  cat <<YAML
name: vus-$1
executor:
  type: constant-vus
  vus: $1
  duration: 5s
requests:
  - kind: pull
    weight: 8
  - kind: pull_uncached
    weight: 1
  - kind: quota
    weight: 1
tenants: 10
timeout: 30s
thresholds:
  - rate(errors) < 0.0001
  - pgbouncer.sv_active max <= 20
YAML
}
peak_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1.time"; }

for vus in 100 10000; do
  scenario "$vus" >"vus$vus.yaml"
  /usr/bin/time -v -o "vus$vus.time" "$dharma" loadtest run "vus$vus.yaml" --connect-timeout 60s --format json \
    >"vus$vus.out" 2>"vus$vus.err"
  status=$?
  expect_status 0 "vus$vus"
  expect_eq "$(json "vus$vus.out" '.tags.all.errors')" 0 "errors with $vus VUs"
  [[ $(json "vus$vus.out" '.tags.all.requests') -gt 0 ]] || fail "no requests with $vus VUs"
  expect_eq "$(json "vus$vus.out" '.thresholds[1].passed')" true "server connections within the pool ($vus VUs)"
done
peak_small=$(peak_kb vus100) peak=$(peak_kb vus10000)
per_vu=$(( (peak - peak_small) * 1024 / 9900 ))
echo "peak RSS: 100 VUs ${peak_small} KiB, 10,000 VUs ${peak} KiB; ${per_vu} bytes per VU"
echo "10,000 VUs: $(json vus10000.out '.tags.all.requests') requests, $(json vus10000.out '.tags.all.summary.ops_per_second') ops/s"
[[ $peak -lt $((300 * 1024)) ]] || fail "peak RSS ${peak} KiB is not under 300 MB"
echo "ok"
