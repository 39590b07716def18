#!/usr/bin/env bash
# Time from process start to the first served request, and resident memory idle and under load.
#   bench/startup.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SHARED="${SHARED_BENCH:-$HERE/../../shared/bench}"
RUNDIR="${TMPDIR:-/tmp}/gatehouse-startup"
mkdir -p "$RUNDIR"
cleanup() {
  [ -f "$RUNDIR/gatehouse.pid" ] && kill "$(cat "$RUNDIR/gatehouse.pid")" 2>/dev/null || true
  "$SHARED/proxy-bench.sh" down --rundir "$RUNDIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$SHARED/proxy-bench.sh" up --rundir "$RUNDIR" >/dev/null 2>&1
ROOT="$HERE/.."
. "$ROOT/scripts/find-jdk.sh"; gh_find_jdk
[ -f "$ROOT/app/target/gatehouse.jar" ] || (cd "$ROOT" && ./dev build -q)
cd "$HERE"
t0=$(date +%s%N)
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dio.netty.noUnsafe=false -XX:+UseParallelGC -jar "$ROOT/app/target/gatehouse.jar" \
  run -c "$HERE/gatehouse-bench.yaml" >"$RUNDIR/gatehouse.log" 2>&1 &
echo $! > "$RUNDIR/gatehouse.pid"
for _ in $(seq 1 2000); do
  if curl -s -o /dev/null --max-time 1 http://127.0.0.1:18100/1k; then break; fi
  sleep 0.005
done
t1=$(date +%s%N)
echo "start to first served request: $(( (t1 - t0) / 1000000 )) ms"
pid=$(cat "$RUNDIR/gatehouse.pid")
rss() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status"; }
sleep 2; echo "resident memory idle: $(rss)"
timeout 40 wrk -t2 -c64 -d20s http://127.0.0.1:18100/1k >/dev/null &
wrk_pid=$!
sleep 15; echo "resident memory under load (64 connections): $(rss)"
wait "$wrk_pid"
echo "resident memory after load: $(rss)"
