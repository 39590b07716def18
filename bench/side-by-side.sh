#!/usr/bin/env bash
# Gatehouse beside nginx, HAProxy and Caddy, one run, interleaved rounds (the shared proxy-bench.sh).
#   bench/side-by-side.sh [--pinned] [extra proxy-bench.sh bench options...]
# --pinned: wrk on CPU 0; backend, peers and Gatehouse on CPU 1 (one worker each): the steadiest layout.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SHARED="${SHARED_BENCH:-$HERE/../../shared/bench}"
[ -x "$SHARED/proxy-bench.sh" ] || { echo "shared bench not found at $SHARED (set SHARED_BENCH)" >&2; exit 2; }
RUNDIR="${TMPDIR:-/tmp}/gatehouse-bench"
PIN=() ; GH_CPUS="" ; BENCH_OPTS=()
if [ "${1:-}" = "--pinned" ]; then
  shift
  PIN=(--server-cpus 1 --workers 1); BENCH_OPTS=(--client-cpus 0 --threads 1); GH_CPUS=1
fi
mkdir -p "$RUNDIR"
cleanup() {
  [ -f "$RUNDIR/gatehouse.pid" ] && kill "$(cat "$RUNDIR/gatehouse.pid")" 2>/dev/null || true
  "$SHARED/proxy-bench.sh" down --rundir "$RUNDIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$SHARED/proxy-bench.sh" up --rundir "$RUNDIR" "${PIN[@]}" nginx haproxy caddy
"$HERE/run-gatehouse.sh" "$RUNDIR" "$HERE/gatehouse-bench.yaml" "$GH_CPUS"
"$SHARED/proxy-bench.sh" bench --rundir "$RUNDIR" "${BENCH_OPTS[@]}" --pid "gatehouse=$RUNDIR/gatehouse.pid" \
  --initial-warmup 30 "$@" \
  nginx=http://127.0.0.1:18081/1k haproxy=http://127.0.0.1:18082/1k caddy=http://127.0.0.1:18083/1k \
  gatehouse=http://127.0.0.1:18100/1k
