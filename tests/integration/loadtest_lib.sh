# Shared by the tests/integration/test_loadtest_*.sh: source it after lib.sh.
#
# Private servers for tests that stall, starve or flood them, so the stack
# other tests share is never paused or filled: a PgBouncer in front of the
# stack's PostgreSQL (own port, own pool size, trust auth on loopback, an
# admin console for SHOW POOLS) and a Redis. Ports are free ones from
# 57100-57199; every server is stopped by the EXIT trap, whatever happens.

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

free_port() {  # free_port — a loopback port in 57100-57199 nothing listens on
  local port
  for port in $(shuf -i 57100-57199); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free port in 57100-57199"
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
  BOUNCER_PORT=$(free_port)
  local app_user app_password pg_port
  app_user=$(user_of "$APP_URL") app_password=$(password_of "$APP_URL") pg_port=$(port_of "$DIRECT_URL")
  printf '"%s" "%s"\n"lt_admin" "lt_admin"\n' "$app_user" "$app_password" >"$dir/userlist.txt"
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
  wait_port "$BOUNCER_PORT"
  BOUNCER_APP_URL="postgresql://$app_user:$app_password@127.0.0.1:$BOUNCER_PORT/$TEST_DB"
  BOUNCER_ADMIN_URL="postgresql://lt_admin:lt_admin@127.0.0.1:$BOUNCER_PORT/pgbouncer"
}

# start_redis — sets REDIS_PORT, REDIS_PID, PRIVATE_REDIS_URL.
start_redis() {
  REDIS_PORT=$(free_port)
  trap stop_private EXIT
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --dir "$scratch" >"$scratch/redis.log" 2>&1 &
  REDIS_PID=$!
  private_pids+=("$REDIS_PID")
  wait_port "$REDIS_PORT"
  PRIVATE_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
}

# json FILE FILTER — jq -r over a report
json() { jq -r "$2" "$1"; }
