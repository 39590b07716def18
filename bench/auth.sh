#!/usr/bin/env bash
# The API-gateway costs, one run, interleaved rounds: a bare route, the same route with `jwt`, and with
# `jwt` + `rateLimit` on Redis + `headers`. Reports p50 at one connection (the added latency), requests/s at
# 64 connections, Gatehouse CPU per request, and Redis round trips per request (the script calls, EVALSHA or
# EVAL: the commands a script runs inside Redis are counted by INFO too, but they are not round trips).
#   bench/auth.sh [--rounds N] [--duration S]
# Needs wrk, nginx (the shared bench backend), redis-server and python3. Loopback only; every loop bounded.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SHARED="${SHARED_BENCH:-$HERE/../../shared/bench}"
ROUNDS=3; DURATION=10
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2;;
    --duration) DURATION="$2"; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
RUNDIR="${TMPDIR:-/tmp}/gatehouse-auth-bench"
REDIS_PORT=18379
rm -rf "$RUNDIR"; mkdir -p "$RUNDIR"
SECRET="bench-signing-secret-0123456789abcdef"
cleanup() {
  [ -f "$RUNDIR/gatehouse.pid" ] && kill "$(cat "$RUNDIR/gatehouse.pid")" 2>/dev/null || true
  [ -f "$RUNDIR/redis.pid" ] && kill "$(cat "$RUNDIR/redis.pid")" 2>/dev/null || true
  "$SHARED/proxy-bench.sh" down --rundir "$RUNDIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
  --dir "$RUNDIR" >"$RUNDIR/redis.log" 2>&1 &
echo $! > "$RUNDIR/redis.pid"
for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done
"$SHARED/proxy-bench.sh" up --rundir "$RUNDIR" >/dev/null

sed -e "s/@SECRET@/$SECRET/" -e "s/@REDIS@/127.0.0.1:$REDIS_PORT/" "$HERE/auth-routes.yaml" > "$RUNDIR/auth-routes.yaml"
sed -e "s#bench-routes.yaml#$RUNDIR/auth-routes.yaml#" "$HERE/gatehouse-bench.yaml" > "$RUNDIR/gatehouse.yaml"
"$HERE/run-gatehouse.sh" "$RUNDIR" "$RUNDIR/gatehouse.yaml"
GH_PID=$(cat "$RUNDIR/gatehouse.pid")

TOKEN=$(python3 - "$SECRET" <<'PY'
import base64, hashlib, hmac, json, sys, time
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps({"sub": "bench-client", "iss": "https://issuer.bench", "aud": "bench",
                       "exp": int(time.time()) + 7200, "groups": ["bench"]}).encode())
sig = b64(hmac.new(sys.argv[1].encode(), f"{head}.{body}".encode(), hashlib.sha256).digest())
print(f"{head}.{body}.{sig}")
PY
)
AUTH="Authorization: Bearer $TOKEN"
BASE=http://127.0.0.1:18100
for p in bare jwt full; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$BASE/$p/1k")
  [ "$code" = 200 ] || { echo "/$p/1k answered $code; see $RUNDIR/gatehouse.log" >&2; exit 1; }
done
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/jwt/1k")
[ "$code" = 401 ] || { echo "/jwt/1k without a token answered $code, expected 401" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
# wrk summary -> "rps p50_ms"
run_wrk() { # conns path duration
  timeout $(( $3 + 20 )) wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"${3}s" --latency -H "$AUTH" "$BASE/$2/1k" \
  | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; p50=v} END {print rps, p50}'
}
echo "warm-up 20 s per route"
for p in bare jwt full; do run_wrk 64 "$p" 20 >/dev/null; done
OUT="$RUNDIR/results.tsv"
printf 'route\tround\tconns\trps\tp50_ms\tcpu_us_per_req\n' > "$OUT"
calls_before=$(redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | awk -F'[=,:]' '/^cmdstat_(evalsha|eval|evalsha_ro|eval_ro):/ {s+=$3} END {print s+0}')
full_requests=0
for r in $(seq 1 "$ROUNDS"); do
  for c in 1 64; do
    for p in bare jwt full; do
      t0=$(cpu_ticks "$GH_PID")
      read -r rps p50 < <(run_wrk "$c" "$p" "$DURATION")
      t1=$(cpu_ticks "$GH_PID")
      n=$(python3 -c "print(int(float('$rps') * $DURATION))")
      cpu=$(python3 -c "print(round(($t1 - $t0) * 1e6 / $HZ / max(1, $n), 1))")
      [ "$p" = full ] && full_requests=$(( full_requests + n ))
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$p" "$r" "$c" "$rps" "$p50" "$cpu" >> "$OUT"
      echo "round $r c=$c $p: rps=$rps p50=${p50}ms cpu/req=${cpu}us"
    done
  done
done
calls_after=$(redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | awk -F'[=,:]' '/^cmdstat_(evalsha|eval|evalsha_ro|eval_ro):/ {s+=$3} END {print s+0}')
redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | grep '^cmdstat_' > "$RUNDIR/commandstats.txt"
python3 - "$OUT" "$calls_before" "$calls_after" "$full_requests" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
med = lambda route, conns, key: statistics.median(float(r[key]) for r in rows if r['route'] == route and r['conns'] == conns)
print("\nroute   p50 @1 conn (ms)   req/s @64   cpu us/req @64")
for p in ("bare", "jwt", "full"):
    print(f"{p:6} {med(p,'1','p50_ms'):14.3f} {med(p,'64','rps'):13.0f} {med(p,'64','cpu_us_per_req'):14.1f}")
added = (med('jwt','1','p50_ms') - med('bare','1','p50_ms')) * 1000
print(f"\njwt adds {added:.0f} us at p50 (one connection; target <= 20 us)")
print(f"jwt + redis rateLimit + headers keep {med('full','64','rps') / med('bare','64','rps'):.2f} of the bare req/s (target >= 0.70)")
calls = int(sys.argv[3]) - int(sys.argv[2]); n = int(sys.argv[4])
print(f"Redis round trips per rate-limited request: {calls / max(1, n):.3f} ({calls} script calls, ~{n} requests; target <= 1)")
PY
