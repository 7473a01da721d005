# After `dharma stack up`, commands on the state store work without
# `eval "$(dharma stack env)"`: with no connection configured (no flag,
# DHARMA_*_URL or dharma.yaml) dharma uses the running local stack's
# credentials file, and -v says so with the passwords masked. Anything
# configured wins, and the stack is never mixed in.
source "$(dirname "$0")/lib.sh"
require_stack
stack_dir=${DHARMA_STACK_DIR:-$repo/.dharma/stack}
[[ -r $stack_dir/secrets.env ]] || fail "the stack's credentials file $stack_dir/secrets.env is not readable"
no_password_in_stack() {  # no_password_in_stack FILE... — none of secrets.env's passwords appear
  local password
  for password in $(sed -n 's/^[a-z_]*_password=//p' "$stack_dir/secrets.env"); do
    if grep -qF -- "$password" "$@"; then fail "a stack password appears in $*"; fi
  done
}
unconfigured=(env -u DHARMA_DATABASE_URL -u DHARMA_DATABASE_MIGRATION_URL -u DHARMA_DATABASE_DIRECT_URL
              -u DHARMA_REDIS_URL DHARMA_STACK_DIR="$stack_dir")

# The issue's sequence: stack up, then db migrate (here: on the stack's own database).
"${unconfigured[@]}" "$dharma" -v db migrate >migrate.out 2>migrate.err
status=$?
expect_status 0 migrate
expect_in migrate.err "using the running local stack"
expect_in migrate.err "from the local stack in $stack_dir"
expect_in migrate.err "dharma_owner:****@127.0.0.1:"
no_password_in_stack migrate.out migrate.err

"${unconfigured[@]}" "$dharma" db status >status.out 2>status.err
status=$?
expect_status 0 status
[[ ! -s status.err ]] || { cat status.err; fail "without -v nothing is said about the stack"; }

# A configured endpoint wins: an unreachable one fails (exit 3) instead of
# falling back to the stack.
"${unconfigured[@]}" DHARMA_DATABASE_MIGRATION_URL=postgresql://dharma_owner@127.0.0.1:1/dharma \
  "$dharma" db status >configured.out 2>configured.err
status=$?
expect_status 3 configured
expect_in configured.err "127.0.0.1:1"

# A stack directory with no running stack: the defaults, as before.
mkdir -p stopped && cp "$stack_dir/secrets.env" stopped/
"${unconfigured[@]}" DHARMA_STACK_DIR="$PWD/stopped" "$dharma" -v db status >stopped.out 2>stopped.err
status=$?
grep -q "using the running local stack" stopped.err && fail "a stopped stack was used"
echo "ok: stack auto-connection"
