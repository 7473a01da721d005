#!/usr/bin/env bash
# stop.sh DIR PORT — stops the instance on PORT (nothing when none runs) and
# waits up to 5 s for it to exit. Sleeps first while DIR/slow-stop exists.
dir=$1 port=$2
while [[ -e $dir/slow-stop ]]; do sleep 0.1; done
echo "stop $port" >>"$dir/commands.log"
pidfile=$dir/service-$port.pid
[[ -e $pidfile ]] || exit 0
pid=$(cat "$pidfile")
kill -TERM "$pid" 2>/dev/null
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -KILL "$pid" 2>/dev/null
rm -f "$pidfile"
exit 0
