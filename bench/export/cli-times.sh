#!/usr/bin/env bash
# `flowbench-cli export` from a project file, per format, and `flowbench-cli report` (the
# HTML report of its run): what a CI job or a script pays, reading the file and building
# the scene included. Wall and CPU seconds, and the size.
#   bench/export/cli-times.sh [NODES...]        (default 5000; BUILD_DIR defaults to build)
# The project files are the bench's generated maps with results (bench_export keeps them).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
cli="$BUILD_DIR/app/flowbench-cli"
bench="$BUILD_DIR/bench/export/bench_export"
[ -x "$cli" ] && [ -x "$bench" ] || { echo "build flowbench-cli and bench_export first" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000)
BENCH_EXPORT_KEEP="$dir" BENCH_EXPORT_NO_DOT=1 QT_QPA_PLATFORM=offscreen "$bench" "${sizes[@]}" > /dev/null
printf '%6s %-4s %8s %8s %9s\n' nodes fmt "wall s" "cpu s" KiB
for n in "${sizes[@]}"; do
    for format in svg pdf png html; do
        out="$dir/cli-$n.$format"
        TIMEFORMAT='%R %U %S'
        if [ "$format" = html ]; then
            { time "$cli" report "$dir/map-$n.flowbench" -o "$out" > /dev/null 2>&1; } 2> "$dir/time"
        else
            { time "$cli" export --format "$format" --overlay results "$dir/map-$n.flowbench" -o "$out" \
                > /dev/null 2>&1; } 2> "$dir/time"
        fi
        read -r wall user sys < "$dir/time"
        printf '%6s %-4s %8s %8s %9d\n' "$n" "$format" "$wall" "$(awk "BEGIN { print $user + $sys }")" \
            $(( ($(stat -c %s "$out") + 512) / 1024 ))
    done
done
