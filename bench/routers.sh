#!/usr/bin/env bash
# Requests/s for the last-declared of 10,000 routers versus 10 routers, and the time to apply a 10,000-router
# reload. Needs the shared bench backend (proxy-bench.sh up) or starts it.
#   bench/routers.sh [N=10000]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SHARED="${SHARED_BENCH:-$HERE/../../shared/bench}"
N="${1:-10000}"
RUNDIR="${TMPDIR:-/tmp}/gatehouse-routers"
mkdir -p "$RUNDIR"
cleanup() {
  [ -f "$RUNDIR/gatehouse.pid" ] && kill "$(cat "$RUNDIR/gatehouse.pid")" 2>/dev/null || true
  "$SHARED/proxy-bench.sh" down --rundir "$RUNDIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$SHARED/proxy-bench.sh" up --rundir "$RUNDIR"
cat > "$RUNDIR/gatehouse.yaml" <<YAML
entryPoints:
  web:
    address: "127.0.0.1:18100"
providers:
  providersThrottleDuration: 0s
  file:
    filename: routes.yaml
    watch: true
api:
  address: "127.0.0.1:18190"
log:
  level: INFO
YAML
run_case() { # run_case N -> prints "N rps"
  python3 "$HERE/gen-routes.py" "$1" "$RUNDIR/routes.yaml"
  "$HERE/run-gatehouse.sh" "$RUNDIR" "$RUNDIR/gatehouse.yaml"
  local last=$(( $1 - 1 ))
  curl -sf -o /dev/null "http://127.0.0.1:18100/r$last" || { echo "route /r$last not served" >&2; exit 1; }
  timeout 60 wrk -t2 -c64 -d15s "http://127.0.0.1:18100/r$last" >/dev/null   # warm-up
  local rps; rps=$(timeout 60 wrk -t2 -c64 -d10s "http://127.0.0.1:18100/r$last" | awk '/Requests\/sec/ {print $2}')
  echo "$1 $rps"
}
small=$(run_case 10); kill "$(cat "$RUNDIR/gatehouse.pid")"; sleep 1
large=$(run_case "$N")
echo "routers=10 rps=${small#* }  routers=$N rps=${large#* }" | awk '{ split($2, a, "="); split($4, b, "="); printf "%s  %s  ratio=%.3f\n", $0, "", b[2] / a[2] }'
# Reload: change every router's rule slightly and time the apply from the gateway's log.
grep "config applied" "$RUNDIR/gatehouse.log" | tail -1
python3 - "$RUNDIR/routes.yaml" <<'PY'
import sys; p = sys.argv[1]; s = open(p).read().replace("Path(`/r", "Path(`/s"); open(p, "w").write(s)
PY
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:18100/s$((N - 1))" && break; sleep 0.1; done
grep "config applied" "$RUNDIR/gatehouse.log" | tail -1
