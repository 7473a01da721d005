#!/usr/bin/env bash
# start.sh DIR PORT VERSION COLOUR — the deploy section's start command in the
# tests: launches service.py in the background and returns. Sleeps first
# while DIR/slow-start exists (so a test can kill dharma during this step).
# With DIR/hang-start-VERSION it never returns: it waits on a child of its
# own (pid in DIR/hang-child.pid), as a stuck `systemctl start` would.
dir=$1 port=$2 version=$3 colour=$4
while [[ -e $dir/slow-start ]]; do sleep 0.1; done
if [[ -e $dir/hang-start-$version ]]; then
  sleep 600 &
  echo $! >"$dir/hang-child.pid"
  wait
fi
echo "start $colour $version $port" >>"$dir/commands.log"
python3 "$(dirname "$0")/service.py" "$port" "$version" "$colour" "$dir" >>"$dir/service-$port.log" 2>&1 </dev/null &
echo $! >"$dir/service-$port.pid"
