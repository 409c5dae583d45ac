#!/usr/bin/env bash
# Builds the libFuzzer targets (CMake preset "fuzz": clang, ASan + UBSan, into build-fuzz/)
# and runs each for a bounded time from its seed corpus (fuzz/corpus/<target>/), then
# replays the inputs that once crashed it (fuzz/regressions/<target>/*). Exits non-zero
# if any target crashed, leaked, hit undefined behaviour, timed out or ran out of memory;
# the input that did it is named (build-fuzz/artifacts/<target>/...).
#
#   FUZZ_SECONDS   seconds per target (default 20)
#   FUZZ_TARGETS   targets to run, e.g. "dotimport jsonpath" (default: all)
#   FUZZ_TIMEOUT   seconds one input may take (default 10)
#   FUZZ_RSS_MB    memory limit per target in MB (default 2048)
#   JOBS           build jobs (default 2)
# fuzz/README.md says how to run one target longer.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-20}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
FUZZ_RSS_MB=${FUZZ_RSS_MB:-2048}
BUILD=build-fuzz

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${JOBS:-2}"

if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  targets=()
  for src in fuzz/fuzz_*.cpp; do
    name=$(basename "$src" .cpp)
    targets+=("${name#fuzz_}")
  done
fi

# halt_on_error + no recovery: every finding stops the run and leaves its input behind.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [ -f fuzz/lsan.supp ]; then
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0}
fi
export QT_QPA_PLATFORM=offscreen

failed=()
for t in "${targets[@]}"; do
  bin=$BUILD/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: no target $bin" >&2; failed+=("$t (missing)"); continue; }
  work=$BUILD/corpus/$t          # grows across local runs; the seeds stay as committed
  artifacts=$BUILD/artifacts/$t/
  log=$BUILD/logs/$t.log
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  options=()
  [ -f "fuzz/$t.dict" ] && options+=(-dict="fuzz/$t.dict") # the format's keywords
  dirs=("$work" "fuzz/corpus/$t")
  [ -d "fuzz/regressions/$t" ] && dirs+=("fuzz/regressions/$t")
  echo "fuzz: $t for ${FUZZ_SECONDS}s"
  if "$bin" -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" -rss_limit_mb="$FUZZ_RSS_MB" \
       -artifact_prefix="$artifacts" -print_final_stats=1 "${options[@]}" "${dirs[@]}" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "fuzz: $t ok: ${runs:-?} inputs, ${cov:-cov: ?}"
  else
    echo "fuzz: $t FAILED; the end of $log:" >&2
    tail -n 40 "$log" >&2
    echo "fuzz: the input is in $artifacts (once fixed, keep it in fuzz/regressions/$t/)" >&2
    failed+=("$t")
  fi
  # Inputs that crashed a target once are replayed one by one, as plain inputs.
  shopt -s nullglob
  regressions=("fuzz/regressions/$t"/*)
  shopt -u nullglob
  if [ ${#regressions[@]} -gt 0 ]; then
    if "$bin" "${regressions[@]}" >"$BUILD/logs/$t.regressions.log" 2>&1; then
      echo "fuzz: $t regressions ok: ${#regressions[@]} inputs"
    else
      echo "fuzz: $t regression input FAILED; the end of $BUILD/logs/$t.regressions.log:" >&2
      tail -n 40 "$BUILD/logs/$t.regressions.log" >&2
      failed+=("$t (regressions)")
    fi
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ok"
