# Shared by the tests/integration/test_loadtest_*.sh: source it after lib.sh.
#
# Private servers for tests that stall, starve or flood them, so the stack
# other tests share is never paused or filled: a PgBouncer in front of the
# stack's PostgreSQL (own port, own pool size, trust auth on loopback, an
# admin console for SHOW POOLS) and a Redis. Ports are free ones from
# 27100-27199; every server is stopped by the EXIT trap, whatever happens.

private_pids=()

stop_private() {
  local pid
  for pid in "${private_pids[@]}"; do
    kill -CONT "$pid" 2>/dev/null
    kill "$pid" 2>/dev/null
  done
  for pid in "${private_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  drop_database
}
# lib.sh's new_database sets its own EXIT trap; each start_* sets this one
# (which drops the database too) after it.

free_port() {  # free_port — a loopback port in 27100-27199 no TCP socket uses
  # Not just "nothing listens": any TCP socket on the port makes bind() fail.
  # The range lies below the kernel's ephemeral ports (32768-60999), so the
  # thousands of client connections a load test opens never land on it.
  local port hex
  for port in $(shuf -i 27100-27199); do
    hex=$(printf '%04X' "$port")
    if ! awk 'NR > 1 { print $2 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -qi ":$hex\$"; then
      echo "$port"
      return 0
    fi
  done
  fail "no free port in 27100-27199"
}

# started PID PORT — true once process PID itself listens on PORT, false
# when it died first (the port was taken between free_port and bind: the
# caller tries another). Ownership is checked through the socket's inode,
# so another program listening there (a parallel test) is never mistaken
# for ours.
started() {
  local hex inode
  hex=$(printf '%04X' "$2")
  for _ in $(seq 100); do
    kill -0 "$1" 2>/dev/null || return 1
    inode=$(awk -v port=":$hex" 'NR > 1 && $4 == "0A" && toupper($2) ~ port "$" { print $10 }' /proc/net/tcp)
    if [[ -n $inode ]] && ls -l "/proc/$1/fd" 2>/dev/null | grep -q "socket:\[$inode\]"; then
      return 0
    fi
    sleep 0.1
  done
  fail "process $1 does not listen on port $2"
}

wait_port() {  # wait_port PORT — until something listens (10 s at most)
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  fail "nothing listens on port $1"
}

password_of() { sed -E 's#^[a-z]+://[^:/@]+:([^@]+)@.*#\1#' <<<"$1"; }
user_of() { sed -E 's#^[a-z]+://([^:/@]+):.*#\1#' <<<"$1"; }
port_of() { sed -E 's#^[a-z]+://[^@]+@[^:/]+:([0-9]+)/.*#\1#' <<<"$1"; }

# start_pgbouncer POOL_SIZE MAX_CLIENTS — sets BOUNCER_PORT, BOUNCER_PID,
# BOUNCER_APP_URL (application role, $TEST_DB) and BOUNCER_ADMIN_URL.
start_pgbouncer() {
  local pool=$1 max_clients=$2 dir=$scratch/pgbouncer
  mkdir -p "$dir"
  local app_user app_password pg_port
  app_user=$(user_of "$APP_URL") app_password=$(password_of "$APP_URL") pg_port=$(port_of "$DIRECT_URL")
  printf '"%s" "%s"\n"lt_admin" "lt_admin"\n' "$app_user" "$app_password" >"$dir/userlist.txt"
  local attempt
  for attempt in 1 2 3 4 5; do
  BOUNCER_PORT=$(free_port)
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$pg_port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
logfile = $dir/pgbouncer.log
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = lt_admin
stats_users = lt_admin
pool_mode = transaction
max_client_conn = $max_clients
default_pool_size = $pool
min_pool_size = 0
reserve_pool_size = 0
max_db_connections = $pool
ignore_startup_parameters = extra_float_digits
log_connections = 0
log_disconnections = 0
stats_period = 1
log_stats = 0
INI
  # PgBouncer refuses to run as root. setpriv (not runuser/su: their PAM
  # session would reset the open-file limit to 1024) execs it, so $! is
  # PgBouncer's own pid — the one SIGSTOP must reach.
  local user=()
  if [[ $(id -u) -eq 0 ]]; then
    chown -R "${DHARMA_STACK_USER:-postgres}" "$dir"
    user=(setpriv --reuid="${DHARMA_STACK_USER:-postgres}" --regid="${DHARMA_STACK_USER:-postgres}" --init-groups)
  fi
  trap stop_private EXIT
  (ulimit -n $((max_clients + 200)) 2>/dev/null; exec "${user[@]}" pgbouncer "$dir/pgbouncer.ini" >"$dir/stdout" 2>&1) &
  BOUNCER_PID=$!
  private_pids+=("$BOUNCER_PID")
  started "$BOUNCER_PID" "$BOUNCER_PORT" && break
  ((attempt < 5)) || fail "PgBouncer did not start: $(tail -3 "$dir/pgbouncer.log")"
  done
  BOUNCER_APP_URL="postgresql://$app_user:$app_password@127.0.0.1:$BOUNCER_PORT/$TEST_DB"
  BOUNCER_ADMIN_URL="postgresql://lt_admin:lt_admin@127.0.0.1:$BOUNCER_PORT/pgbouncer"
}

# start_redis — sets REDIS_PORT, REDIS_PID, PRIVATE_REDIS_URL.
start_redis() {
  trap stop_private EXIT
  local attempt
  for attempt in 1 2 3 4 5; do
    REDIS_PORT=$(free_port)
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
      --dir "$scratch" >"$scratch/redis.log" 2>&1 &
    REDIS_PID=$!
    private_pids+=("$REDIS_PID")
    started "$REDIS_PID" "$REDIS_PORT" && break
    ((attempt < 5)) || fail "Redis did not start: $(tail -3 "$scratch/redis.log")"
  done
  PRIVATE_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
}

# json FILE FILTER — jq -r over a report
json() { jq -r "$2" "$1"; }
