#!/usr/bin/env bash
# Requests/s for the last-declared of N (default 10,000) routers versus a 10-router config, and the time to apply
# an N-router config at start and on reload. Both gateways run at once and take interleaved rounds of the
# shared proxy-bench.sh, so the ratio comes from one stretch of the machine.
#   bench/routers.sh [N=10000] [extra proxy-bench.sh bench options...]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SHARED="${SHARED_BENCH:-$HERE/../../shared/bench}"
N="${1:-10000}"; shift || true
RUNDIR="${TMPDIR:-/tmp}/gatehouse-routers"
mkdir -p "$RUNDIR/small" "$RUNDIR/large"
cleanup() {
  for d in small large; do
    [ -f "$RUNDIR/$d/gatehouse.pid" ] && kill "$(cat "$RUNDIR/$d/gatehouse.pid")" 2>/dev/null || true
  done
  "$SHARED/proxy-bench.sh" down --rundir "$RUNDIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT
write_install() { # write_install DIR PORT ADMIN_PORT
  cat > "$1/gatehouse.yaml" <<YAML
entryPoints:
  web:
    address: "127.0.0.1:$2"
providers:
  providersThrottleDuration: 0s
  file:
    filename: routes.yaml
    watch: true
api:
  address: "127.0.0.1:$3"
log:
  level: INFO
YAML
}
"$SHARED/proxy-bench.sh" up --rundir "$RUNDIR"
python3 "$HERE/gen-routes.py" 10 "$RUNDIR/small/routes.yaml"
python3 "$HERE/gen-routes.py" "$N" "$RUNDIR/large/routes.yaml"
write_install "$RUNDIR/small" 18100 18190
write_install "$RUNDIR/large" 18101 18191
"$HERE/run-gatehouse.sh" "$RUNDIR/small" "$RUNDIR/small/gatehouse.yaml"
"$HERE/run-gatehouse.sh" "$RUNDIR/large" "$RUNDIR/large/gatehouse.yaml"
SMALL_URL="http://127.0.0.1:18100/r9"; LARGE_URL="http://127.0.0.1:18101/r$((N - 1))"
for u in "$SMALL_URL" "$LARGE_URL"; do
  curl -sf -o /dev/null "$u" || { echo "$u not served" >&2; exit 1; }
done
"$SHARED/proxy-bench.sh" bench --rundir "$RUNDIR" --rounds 4 --conns 64 --duration 10 --initial-warmup 40 \
  --pid "routers10=$RUNDIR/small/gatehouse.pid" --pid "routers$N=$RUNDIR/large/gatehouse.pid" "$@" \
  "routers10=$SMALL_URL" "routers$N=$LARGE_URL" | tee "$RUNDIR/bench.out"
awk -v n="routers$N" '$2 == "routers10" { s = $4 } $2 == n { l = $4 }
  END { if (s && l) printf "median req/s: 10 routers %s, %s %s, ratio %.3f\n", s, n, l, l / s }' "$RUNDIR/bench.out"
echo "apply at start: $(grep "config applied" "$RUNDIR/large/gatehouse.log" | tail -1)"
# Reload: change every router's rule slightly and time the apply from the gateway's log.
python3 - "$RUNDIR/large/routes.yaml" <<'PY'
import sys; p = sys.argv[1]; s = open(p).read().replace("Path(`/r", "Path(`/s"); open(p, "w").write(s)
PY
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:18101/s$((N - 1))" && break; sleep 0.1; done
echo "apply on reload: $(grep "config applied" "$RUNDIR/large/gatehouse.log" | tail -1)"
