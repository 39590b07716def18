#!/usr/bin/env bash
# Starts Gatehouse for the benchmarks, in the background, and writes its PID to RUNDIR/gatehouse.pid.
#   bench/run-gatehouse.sh RUNDIR [INSTALL_CONFIG] [taskset CPU list]
# Pinned layout (steadiest): bench/run-gatehouse.sh /tmp/gh bench/gatehouse-bench.yaml 1
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RUNDIR="$1"; CONFIG="${2:-$HERE/gatehouse-bench.yaml}"; CPUS="${3:-}"
# The JVM starts in the config's folder, so a relative path is made absolute first.
CONFIG="$(cd "$(dirname "$CONFIG")" && pwd)/$(basename "$CONFIG")"
mkdir -p "$RUNDIR"
ROOT="$HERE/.."
. "$ROOT/scripts/find-jdk.sh"; gh_find_jdk || exit 1
# GATEHOUSE_JAR runs another build (to compare two builds in one run); by default, this tree's.
JAR="${GATEHOUSE_JAR:-$ROOT/app/target/gatehouse.jar}"
[ -f "$JAR" ] || (cd "$ROOT" && ./dev build -q)
OPTS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dio.netty.noUnsafe=false
      -Xms256m -Xmx1g -XX:+AlwaysPreTouch)
case "${GATEHOUSE_JAVA_OPTS:-}" in *-XX:+Use*GC*) ;; *) OPTS+=(-XX:+UseParallelGC) ;; esac
PIN=()
if [ -n "$CPUS" ]; then
  n=$(echo "$CPUS" | tr ',' '\n' | wc -l)
  PIN=(taskset -c "$CPUS"); OPTS+=(-XX:ActiveProcessorCount="$n")
fi
cd "$(dirname "$CONFIG")"
"${PIN[@]}" "$JAVA_HOME/bin/java" "${OPTS[@]}" ${GATEHOUSE_JAVA_OPTS:-} -jar "$JAR" \
  run -c "$CONFIG" >"$RUNDIR/gatehouse.log" 2>&1 &
echo $! > "$RUNDIR/gatehouse.pid"
ADMIN=$(awk '/^api:/ {a=1; next} a && /address:/ { gsub(/[" ]/, "", $2); print $2; exit }' "$CONFIG")
for _ in $(seq 1 200); do
  curl -s -o /dev/null --max-time 1 "http://${ADMIN:-127.0.0.1:18190}/ping" && exit 0
  sleep 0.05
done
echo "gatehouse did not start; see $RUNDIR/gatehouse.log" >&2
exit 1
