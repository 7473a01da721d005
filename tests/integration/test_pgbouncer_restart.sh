# PgBouncer restarted while `dharma blueprint push` runs: every push either
# succeeds or exits 3 naming the server, and the store never holds a
# half-written version (versions of the blueprint are 1..latest with no gap,
# each with its source, and every push that reported success is stored).
# Uses a private PgBouncer (same settings as the stack's, own port and pid
# file) so other tests keep the shared one.
source "$(dirname "$0")/lib.sh"
new_database bouncer
command -v pgbouncer >/dev/null || fail "pgbouncer is not installed"
run migrate db migrate
expect_status 0 migrate
run create tenant create acme --name Acme
expect_status 0 create

password_of() { sed -E 's#^[a-z]+://[^:/@]+:([^@]+)@.*#\1#' <<<"$1"; }
pg_port=$(sed -E 's#.*@[^:/]+:([0-9]+)/.*#\1#' <<<"$DIRECT_URL")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bdir=$(mktemp -d /tmp/dharma-bouncer-XXXXXX)
echo "\"dharma_app\" \"$(password_of "$DHARMA_DATABASE_URL")\"" >"$bdir/userlist.txt"
cat >"$bdir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$pg_port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
pidfile = $bdir/pgbouncer.pid
logfile = $bdir/pgbouncer.log
auth_type = scram-sha-256
auth_file = $bdir/userlist.txt
pool_mode = transaction
default_pool_size = 25
server_reset_query = DISCARD ALL
INI
as_user=()
if [[ $(id -u) == 0 ]]; then
  chown -R postgres "$bdir"
  as_user=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
bouncer_start() {
  "${as_user[@]}" pgbouncer -d "$bdir/pgbouncer.ini" || fail "private PgBouncer did not start"
  for _ in $(seq 50); do
    [[ -s $bdir/pgbouncer.pid ]] && return 0
    sleep 0.1
  done
  fail "private PgBouncer wrote no pid file"
}
bouncer_stop() { [[ -s $bdir/pgbouncer.pid ]] && kill -TERM "$(cat "$bdir/pgbouncer.pid")" 2>/dev/null; sleep 0.3; }
cleanup() { bouncer_stop; rm -rf "$bdir"; drop_database; }
trap cleanup EXIT
bouncer_start
export DHARMA_DATABASE_URL=$(sed -E "s#@127\.0\.0\.1:[0-9]+/#@127.0.0.1:$port/#" <<<"$APP_URL")

cp "$repo/examples/aws-web-app.yaml" web.yaml
name=$(sed -nE 's/^  name: *([a-z0-9._-]+).*/\1/p' web.yaml | head -1)
pusher() {  # pusher W — 15 pushes of new content, each outcome in W.N.{out,err,rc}
  for n in $(seq 1 15); do
    { cat web.yaml; echo "# worker $1 push $n"; } >"w$1.$n.yaml"
    "$dharma" blueprint push "w$1.$n.yaml" --project shop --tenant acme --set db_password=x --set cache_auth_token=test-token-0123456789 >"w$1.$n.out" 2>"w$1.$n.err"
    echo $? >"w$1.$n.rc"
  done
}
pusher 1 & p1=$!
pusher 2 & p2=$!
sleep 0.5
bouncer_stop
sleep 1
bouncer_start
wait $p1 $p2

ok=0 unavailable=0
for w in 1 2; do
  for n in $(seq 1 15); do
    case $(cat "w$w.$n.rc") in
      0) ok=$((ok + 1))
         v=$(sed -nE 's/.* version ([0-9]+) .*/\1/p' "w$w.$n.out")
         [[ -n $v ]] || fail "w$w.$n: no version in $(cat "w$w.$n.out")"
         "$dharma" blueprint pull "$name@$v" --project shop --tenant acme >pulled.yaml || fail "pull $v"
         cmp -s pulled.yaml "w$w.$n.yaml" || fail "version $v is not what push w$w.$n stored" ;;
      3) unavailable=$((unavailable + 1)); expect_in "w$w.$n.err" "127.0.0.1:$port" ;;
      *) cat "w$w.$n.err" >&2; fail "push w$w.$n exited $(cat "w$w.$n.rc")" ;;
    esac
  done
done
echo "pushes: $ok stored, $unavailable exit 3 while PgBouncer was down"
((ok > 0)) || fail "no push succeeded"
A=$(owner_sql "SELECT id FROM tenants WHERE slug = 'acme'")
check=$(psql -X -q -tA "$DIRECT_URL" -c "BEGIN" -c "SET LOCAL dharma.tenant_id = '$A'" -c "
  SELECT b.latest_version = count(v.*) AND count(v.*) = max(v.version)
         AND bool_and(length(v.source_yaml) > 0 AND v.content_hash = encode(sha256(convert_to(v.source_yaml, 'UTF8')), 'hex'))
  FROM blueprints b JOIN blueprint_versions v ON v.blueprint_id = b.id GROUP BY b.latest_version" -c "COMMIT" | grep -E '^[tf]$')
expect_eq "$check" t "versions 1..latest, each complete"
# A push whose COMMIT was cut off says so ("may or may not have been saved"): only those may add unreported versions.
in_doubt=$(cat w*.err | grep -c "may or may not have been saved")
stored=$(psql -X -q -tA "$DIRECT_URL" -c "BEGIN" -c "SET LOCAL dharma.tenant_id = '$A'" -c "SELECT count(*) FROM blueprint_versions" -c "COMMIT" | grep -E '^[0-9]+$')
((stored >= ok && stored <= ok + in_doubt)) || fail "stored $stored versions for $ok successful pushes ($in_doubt in doubt)"
echo "ok"
