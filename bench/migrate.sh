#!/usr/bin/env bash
# Benchmark: migrating an empty database to dharma's full schema with
# `dharma db migrate` against psql applying the same files, side by side in
# one run on the local stack (scripts/stack up; eval "$(scripts/stack env)").
#
#   bench/migrate.sh [DHARMA_BINARY] [ROUNDS]     (defaults: build/cli/dharma, 9)
#
# psql gets the same route dharma takes and its best case: one
# `psql --single-transaction -f V001 -f V002 ...` for all transactional files
# through PgBouncer as the schema owner (one process, one connection, one
# transaction), then plain `psql -f` for the `-- dharma:no-transaction` file on
# the direct URL (CREATE INDEX CONCURRENTLY cannot run in a transaction).
# dharma additionally keeps its history table, takes its lock per file and
# commits each file on its own. Rounds alternate
# which tool goes first; every round uses two fresh databases. Prints the
# median wall time of each and the ratio dharma / psql.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dharma=${1:-$root/build/cli/dharma}
rounds=${2:-9}
: "${DHARMA_DATABASE_MIGRATION_URL:?start the stack and eval \"\$(scripts/stack env)\" first}"
: "${DHARMA_DATABASE_DIRECT_URL:?}"

url_for() { local base=${1%%\?*}; echo "${base%/*}/$2"; }
admin=$(url_for "$DHARMA_DATABASE_DIRECT_URL" postgres)
databases=()
log=$(mktemp)
cleanup() { for db in "${databases[@]}"; do psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; done; }
trap 'cleanup; rm -f "$log"' EXIT
fresh() { local db="bench_migrate_$$_$1"; databases+=("$db"); psql -X -q "$admin" -c "CREATE DATABASE $db" >/dev/null; echo "$db"; }
now_ns() { date +%s%N; }

run_dharma() {
  local db=$1
  DHARMA_DATABASE_MIGRATION_URL=$(url_for "$DHARMA_DATABASE_MIGRATION_URL" "$db") \
  DHARMA_DATABASE_DIRECT_URL=$(url_for "$DHARMA_DATABASE_DIRECT_URL" "$db") \
    "$dharma" -q db migrate --dir "$root/migrations" >/dev/null
}

transactional=() concurrent=()
for file in "$root"/migrations/V*.sql; do
  if [[ $(head -1 "$file") == "-- dharma:no-transaction" ]]; then concurrent+=(-f "$file"); else transactional+=(-f "$file"); fi
done
run_psql() {
  local db=$1
  PGOPTIONS= psql -X -q -v ON_ERROR_STOP=1 --single-transaction "$(url_for "$DHARMA_DATABASE_MIGRATION_URL" "$db")" \
    "${transactional[@]}" >/dev/null 2>>"$log" || { cat "$log" >&2; exit 1; }
  if ((${#concurrent[@]})); then
    psql -X -q -v ON_ERROR_STOP=1 "$(url_for "$DHARMA_DATABASE_DIRECT_URL" "$db")" "${concurrent[@]}" \
      >/dev/null 2>>"$log" || { cat "$log" >&2; exit 1; }
  fi
}

time_ms() {  # time_ms COMMAND... — wall milliseconds
  local start; start=$(now_ns)
  "$@" || exit 1
  echo $((($(now_ns) - start) / 1000000))
}

dharma_times=() psql_times=()
for ((round = 0; round < rounds; round++)); do
  a=$(fresh "d$round") b=$(fresh "p$round")
  if ((round % 2 == 0)); then
    dharma_times+=("$(time_ms run_dharma "$a")"); psql_times+=("$(time_ms run_psql "$b")")
  else
    psql_times+=("$(time_ms run_psql "$b")"); dharma_times+=("$(time_ms run_dharma "$a")")
  fi
done

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
dm=$(median "${dharma_times[@]}") pm=$(median "${psql_times[@]}")
echo "files: $(ls "$root"/migrations/V*.sql | wc -l), rounds: $rounds"
echo "dharma db migrate   median ${dm} ms   (${dharma_times[*]})"
echo "psql -f (one run)   median ${pm} ms   (${psql_times[*]})"
awk -v d="$dm" -v p="$pm" 'BEGIN { printf "ratio dharma/psql: %.2f\n", d / p }'
