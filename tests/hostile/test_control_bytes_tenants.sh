#!/usr/bin/env bash
# Tenant names come from whoever created the tenant; `tenant list` and
# `tenant show` print them to the person reading, so their control bytes
# (ESC, BEL) are shown escaped, while --format json keeps them exact. Runs on
# a database of its own (dropped at the end) on the stack's server.
source "$(dirname "$0")/lib.sh"
require_stack
url_for() { local base=${1%%\?*}; echo "${base%/*}/$2"; }
test_db="ht_control_$$"
admin_url=$(url_for "$DHARMA_DATABASE_DIRECT_URL" postgres)
psql -X -q -v ON_ERROR_STOP=1 "$admin_url" -c "CREATE DATABASE $test_db" >/dev/null || fail "cannot create $test_db"
trap 'psql -X -q "$admin_url" -c "DROP DATABASE IF EXISTS $test_db WITH (FORCE)" >/dev/null 2>&1' EXIT
export DHARMA_DATABASE_MIGRATION_URL=$(url_for "${DHARMA_DATABASE_MIGRATION_URL:-$DHARMA_DATABASE_DIRECT_URL}" "$test_db")
export DHARMA_DATABASE_DIRECT_URL=$(url_for "$DHARMA_DATABASE_DIRECT_URL" "$test_db")
export DHARMA_DATABASE_URL=$(url_for "$DHARMA_DATABASE_URL" "$test_db")
run migrate db migrate
expect_status 0 migrate

evil=$'Evil\e]0;pwned\a\e[2J Corp'
case_begin "tenant create: a name with control bytes is stored or refused, never echoed raw"
run create tenant create evil --name "$evil"
expect_no_control_bytes create.out; expect_no_control_bytes create.err
if [[ $status == 2 ]]; then
  expect_in create.err "name"
  echo "tenant names with control characters are refused; nothing to list"
  exit 0
fi
expect_status 0 create

case_begin "tenant list and show escape control bytes in the name"
for command in "tenant list" "tenant show evil"; do
  name=${command// /-}
  run "$name" $command
  expect_status 0 "$name"
  expect_no_control_bytes "$name.out"; expect_no_control_bytes "$name.err"
  expect_in "$name.out" 'Evil\x1b]0;pwned\x07\x1b[2J Corp'
done

case_begin "tenant list --format json keeps the exact name"
run list-json tenant list --format json
expect_status 0 list-json
python3 -c 'import json,sys; assert any(t["name"] == sys.argv[2] for t in json.load(open(sys.argv[1])))' \
  list-json.out "$evil" || fail "tenant list --format json lost the exact name"
case_begin "tenant list keeps its columns when a region holds control bytes"
run update tenant update evil --region $'eu\e[2J'
if [[ $status == 0 ]]; then
  run list-region tenant list
  expect_status 0 list-region
  expect_no_control_bytes list-region.out
  # CREATED starts at the same column in the header and in the row, escapes counted as shown.
  header_at=$(head -1 list-region.out | grep -bo CREATED | cut -d: -f1)
  row=$(grep -F 'eu\x1b[2J' list-region.out) || fail "the escaped region is not listed"
  row_at=$(grep -bo '20[0-9][0-9]-' <<<"$row" | head -1 | cut -d: -f1)
  [[ $header_at == "$row_at" ]] || { cat list-region.out >&2; fail "CREATED at $row_at in the row, $header_at in the header"; }
else
  expect_status 2 update
fi

echo "all tenant control byte cases held"
