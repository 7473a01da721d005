# Shared by tests/hostile/test_*.sh. Usage of a test: bash test_x.sh DHARMA SCRATCH
#
# A hostile case runs dharma on an attacking input and asserts three things:
# the exit code from docs/cli.md (never a crash: > 4 other than 130 fails),
# the message, and that nothing outside the command's own output changed
# (snapshot a folder before, compare after). Each case is named after the
# behaviour it protects; `case_begin NAME` prints it so a failure says which.
set -uo pipefail
dharma=$1 scratch=$2
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
examples=$repo/examples
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 2

current_case=""
fail() { echo "FAIL${current_case:+ [$current_case]}: $*" >&2; exit 1; }
case_begin() { current_case=$1; echo "case: $1"; }

run() {  # run NAME ARGS... — dharma ARGS; output in NAME.out / NAME.err, status in $status
  local name=$1; shift
  "$dharma" "$@" >"$name.out" 2>"$name.err" </dev/null
  status=$?
  if ((status > 4 && status != 130)); then
    cat "$name.out" "$name.err" >&2
    fail "$name: exit $status (crash or internal error)"
  fi
}

run_sh() {  # run_sh NAME 'SHELL LINE' — like run, for lines with pipes or redirections ($DHARMA is set)
  local name=$1 line=$2
  DHARMA=$dharma bash -c "$line" >"$name.out" 2>"$name.err" </dev/null
  status=$?
}

expect_status() {  # expect_status CODE NAME
  [[ $status == "$1" ]] || { cat "$2.out" "$2.err" >&2; fail "$2: exit $status, expected $1"; }
}

expect_in() {  # expect_in FILE TEXT — FILE contains TEXT (fixed string)
  grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "$1 lacks: $2"; }
}

expect_not_in() {  # expect_not_in FILE TEXT
  if grep -qF -- "$2" "$1"; then echo "--- $1:" >&2; cat "$1" >&2; fail "$1 contains: $2"; fi
}

expect_no_control_bytes() {  # expect_no_control_bytes FILE — no C0 byte but tab and newline, no DEL
  if LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]' "$1"; then
    od -c "$1" | head -20 >&2
    fail "$1 holds control bytes"
  fi
}

snapshot() {  # snapshot DIR — prints a listing of every file with its hash and mode
  (cd "$1" && find . -printf '%p %y %m\n' | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2)
}

expect_unchanged() {  # expect_unchanged DIR BEFORE — DIR matches the snapshot text BEFORE
  local now; now=$(snapshot "$1")
  [[ $now == "$2" ]] || { diff <(echo "$2") <(echo "$now") >&2; fail "$1 changed"; }
}

require_stack() {  # skip (77) without the stack, fail under DHARMA_TEST_STRICT=1
  [[ -n ${DHARMA_DATABASE_URL:-} && -n ${DHARMA_DATABASE_DIRECT_URL:-} ]] && return 0
  [[ ${DHARMA_TEST_STRICT:-} == 1 ]] && fail "the stack is not running (scripts/stack up)"
  echo "SKIPPED: the stack is not running" >&2
  exit 77
}
