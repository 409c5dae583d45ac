#!/usr/bin/env bash
# Runner benchmark: N http checks (status == 200 + one JSON path) against the demo
# backend's GET /health on 127.0.0.1, run by `flowbench-cli run` and by `newman run`
# (the same requests as a Postman v2.1 collection), wall time and peak RSS side by side,
# plus the server's own ceiling with wrk. Not a test: it prints figures.
#   bench/runner/run.sh [COUNT]        (BUILD_DIR=... to reuse a Release build)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD_DIR:-$SRC/build-release}
COUNT=${1:-1000}

BUILD_LOG=$(mktemp)
if ! { cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
         -DFLOWBENCH_BUILD_TESTS=OFF -DFLOWBENCH_BUILD_GUI=OFF &&
       cmake --build "$BUILD" -j2 --target flowbench-cli flowbench-demo-backend flowbench-bench-runner-gen; } >"$BUILD_LOG" 2>&1; then
  tail -n 40 "$BUILD_LOG"; rm -f "$BUILD_LOG"; exit 1
fi
rm -f "$BUILD_LOG"

WORK=$(mktemp -d)
BACKEND_PID=
cleanup() {
  if [ -n "$BACKEND_PID" ]; then kill "$BACKEND_PID" 2>/dev/null || true; wait "$BACKEND_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BUILD/examples/demo-backend/flowbench-demo-backend" --port 0 --db "$WORK/shop.db" --log "$WORK/shop.log" \
    >"$WORK/backend.out" 2>&1 &
BACKEND_PID=$!
PORT=
for _ in $(seq 150); do
  PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$WORK/backend.out")
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { echo "the demo backend did not start:"; cat "$WORK/backend.out"; exit 1; }
URL="http://127.0.0.1:$PORT/health"

"$BUILD/bench/runner/flowbench-bench-runner-gen" --url "$URL" --count "$COUNT" \
    --project "$WORK/bench.flowbench" --postman "$WORK/bench.postman_collection.json"

if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time missing: apt-get install -y time"; exit 1
fi

# measure LABEL CMD...: wall seconds and peak RSS (MB) of CMD via /usr/bin/time -v.
declare -A WALL RSS CODE
measure() {
  local label=$1; shift
  local code=0
  /usr/bin/time -v "$@" >"$WORK/$label.out" 2>"$WORK/$label.time" || code=$?
  WALL[$label]=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; printf "%.2f", s}' "$WORK/$label.time")
  RSS[$label]=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$WORK/$label.time")
  CODE[$label]=$code
}

CLI="$BUILD/app/flowbench-cli"
measure flowbench "$CLI" run "$WORK/bench.flowbench" --env bench
measure flowbench-c1 "$CLI" run "$WORK/bench.flowbench" --env bench --concurrency 1
tail -n 2 "$WORK/flowbench.out" | head -n 1

HAVE_NEWMAN=0
if command -v newman >/dev/null 2>&1; then
  HAVE_NEWMAN=1
  measure newman newman run "$WORK/bench.postman_collection.json" --reporters cli
  grep -E "assertions|requests" "$WORK/newman.out" | head -n 2 || true
fi

echo
echo "$COUNT http checks against $URL ($(nproc) cores)"
printf "%-34s %10s %12s %6s\n" "runner" "wall (s)" "peak RSS MB" "exit"
printf "%-34s %10s %12s %6s\n" "flowbench-cli run (concurrency 8)" "${WALL[flowbench]}" "${RSS[flowbench]}" "${CODE[flowbench]}"
printf "%-34s %10s %12s %6s\n" "flowbench-cli run (concurrency 1)" "${WALL[flowbench-c1]}" "${RSS[flowbench-c1]}" "${CODE[flowbench-c1]}"
if [ "$HAVE_NEWMAN" = 1 ]; then
  printf "%-34s %10s %12s %6s\n" "newman run ($(newman --version))" "${WALL[newman]}" "${RSS[newman]}" "${CODE[newman]}"
  awk -v f="${WALL[flowbench]}" -v f1="${WALL[flowbench-c1]}" -v n="${WALL[newman]}" \
      -v fr="${RSS[flowbench]}" -v nr="${RSS[newman]}" 'BEGIN {
        printf "ratio newman/flowbench: wall %.1fx (concurrency 8), %.1fx (concurrency 1); peak RSS %.1fx\n",
               n / f, n / f1, nr / fr }'
else
  echo "newman: not available"
fi

echo
if command -v wrk >/dev/null 2>&1; then
  echo "server ceiling (wrk -t2 -c8 -d5s $URL):"
  wrk -t2 -c8 -d5s "$URL" | grep -E "Requests/sec|Latency" || true
else
  echo "wrk: not available (apt-get install -y wrk)"
fi
