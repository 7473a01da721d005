#!/usr/bin/env bash
# How fast `dharma deploy blue-green` moves traffic, measured from outside:
# ROUNDS deploys (default 6) alternate blue and green behind a real HAProxy
# under keep-alive load (the tests' independent client and wrk), and for each
# it prints, from the client's log and the journal's timestamps (one clock:
# same host):
#   switch_ms       the switch step as journalled (write map file, set map,
#                   show map, show servers state)
#   client_ms       from the switch step's start to the client's first answer
#                   from the new version (every later answer is new: one flip)
#   gap_ms          from the client's last answer from the old version to its
#                   first from the new one (one request's round trip bounds it)
#   healthy_ms      from "new colour healthy" (health gate passed) to that
#                   first answer: pre-promotion analysis + approval + switch
#   checks_ms       time in the health gate and both analyses
#   overhead_ms     the deploy's wall time minus checks_ms and the old colour's
#                   scale-down wait: starting processes, journal, lease, switch
#   cpu_ms          dharma's user+system CPU time
# Needs the stack (scripts/stack up; eval "$(scripts/stack env)"), haproxy, wrk.
#   bench/deploy_switch.sh [BUILD_DIR] [ROUNDS]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build} rounds=${2:-6}
export DHARMA_HOME=$root NO_COLOR=1
set -- "$build/cli/dharma" "$build/bench-deploy-switch"
source "$root/tests/integration/lib.sh"
source "$root/tests/integration/deploy/lib.sh"
post_checks=3
deploy_setup benchswitch 27064 27065 27280
run d0 deploy blue-green app.yaml --env prod --version r0
expect_status 0 d0
printf '%-6s %-7s %9s %9s %7s %10s %9s %11s %7s\n' round colour switch_ms client_ms gap_ms healthy_ms checks_ms overhead_ms cpu_ms
for round in $(seq 1 "$rounds"); do
  start_witnesses
  /usr/bin/time -f '%U %S %e' -o time.out "$dharma" deploy blue-green app.yaml --env prod --version "r$round" >d.out 2>d.err \
    || { cat d.err; fail "deploy r$round"; }
  stop_witnesses
  expect_no_failures
  [[ $(version_flips) == 1 ]] || fail "round $round: $(version_flips) flips"
  number=$((round + 1))
  first_new_ns=$(awk -v v="r$round" '$3 == v {print $1; exit}' client.log)
  last_old_ns=$(awk -v v="r$((round - 1))" '$3 == v {t = $1} END {print t}' client.log)
  read -r colour switch_ms switch_start_ns healthy_ns checks_ms wait_ms < <(journal_sql "
    SELECT d.color,
      (SELECT (detail->>'elapsed_ms') FROM deployment_steps WHERE deployment_id = d.id AND name = 'switch'),
      (SELECT (extract(epoch FROM started_at) * 1e9)::bigint FROM deployment_steps WHERE deployment_id = d.id AND name = 'switch'),
      (SELECT (extract(epoch FROM finished_at) * 1e9)::bigint FROM deployment_steps WHERE deployment_id = d.id AND name = 'health_gate'),
      (SELECT sum((detail->>'elapsed_ms')::bigint) FROM deployment_steps WHERE deployment_id = d.id AND name IN ('health_gate', 'pre_promotion', 'post_promotion')),
      (SELECT (detail->>'elapsed_ms')::bigint FROM deployment_steps WHERE deployment_id = d.id AND name = 'scale_down')
    FROM deployments d WHERE number = $number" | tr '|' ' ')
  read -r user system wall <time.out
  wall_ms=$(awk -v w="$wall" 'BEGIN {printf "%d", w * 1000}')
  printf '%-6s %-7s %9s %9d %7d %10d %9s %11d %7d\n' "$round" "$colour" "$switch_ms" \
    $(((first_new_ns - switch_start_ns) / 1000000)) $(((first_new_ns - last_old_ns) / 1000000)) \
    $(((first_new_ns - healthy_ns) / 1000000)) "$checks_ms" \
    $((wall_ms - checks_ms - wait_ms)) "$(awk -v u="$user" -v s="$system" 'BEGIN {printf "%d", (u + s) * 1000}')"
done
