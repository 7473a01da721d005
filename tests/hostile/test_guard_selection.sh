# guard's own inputs: a selection of policies that would check nothing (or
# less than asked) and pass, and a working directory dharma cannot search.
source "$(dirname "$0")/lib.sh"

mkdir in && cp "$examples/aws-web-app.yaml" in/web.yaml
before=$(snapshot in)

case_begin "--only X --skip X is refused, not a silent pass of nothing"
run only_skip guard in/web.yaml --only cost-001 --skip cost-001
expect_status 2 only_skip
expect_in only_skip.err "--only and --skip leave no policy to run: cost-001 is given to both"

case_begin "every --only id skipped, in comma-separated lists too"
run only_skip_list guard in/web.yaml --only sec-001,cost-001 --skip comp-001,cost-001 --skip sec-001
expect_status 2 only_skip_list
expect_in only_skip_list.err "--only and --skip leave no policy to run: sec-001, cost-001 are given to both"

case_begin "skipping some of the --only ids still runs the rest"
run only_skip_some guard in/web.yaml --only sec-001,cost-001 --skip cost-001
[[ $status == 0 || $status == 1 ]] || { cat only_skip_some.err >&2; fail "only_skip_some: exit $status"; }
expect_in only_skip_some.out "against 1 policy"

case_begin "--only with no ids is refused, not 'every policy'"
run only_empty guard in/web.yaml --only ' , '
expect_status 2 only_empty
expect_in only_empty.err "--only: no policy ids given"

case_begin "--skip with no ids is refused"
run skip_empty guard in/web.yaml --skip ''
expect_status 2 skip_empty
expect_in skip_empty.err "--skip: no policy ids given"
expect_unchanged in "$before"

case_begin "guard from a directory the user cannot search: exit 2 with a message"
if ! command -v setpriv >/dev/null || [[ $(id -u) != 0 ]]; then
  echo "SKIPPED: needs root and setpriv to run as another user" >&2
  exit 77
fi
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
if ! as_nobody "$dharma" --version >/dev/null 2>&1 || ! as_nobody test -r in/web.yaml; then
  echo "SKIPPED: user nobody cannot run dharma or read the scratch folder here" >&2
  exit 77
fi
mkdir locked && chmod 700 locked && touch locked/dharma.yaml
run_sh unreadable "cd locked && setpriv --reuid=nobody --regid=nogroup --clear-groups \"\$DHARMA\" guard $PWD/in/web.yaml"
expect_status 2 unreadable
expect_in unreadable.err "cannot tell whether dharma.yaml exists: Permission denied"
run_sh unreadable_cost "cd locked && setpriv --reuid=nobody --regid=nogroup --clear-groups \"\$DHARMA\" cost $PWD/in/web.yaml"
expect_status 2 unreadable_cost
expect_in unreadable_cost.err "cannot tell whether dharma.yaml exists"
