#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (CTest), then the fuzz
# targets for a bounded time.
# The tests start their own servers (PostgreSQL via initdb/pg_ctl, redis-server, the demo
# backend, Qt HTTP servers, a RabbitMQ node with its own epmd) in private temporary folders
# on 127.0.0.1 and stop them by pid.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --tests
# Release without debug info: ~130 test binaries each link the static core and ui
# libraries, and with -g they filled a CI disk. BUILD_TYPE=RelWithDebInfo to debug.
BUILD_TYPE=${BUILD_TYPE:-Release} ./scripts/build.sh -DFLOWBENCH_BUILD_TESTS=ON -DFLOWBENCH_BUILD_BENCH=ON
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure --timeout 300 -j"${TEST_JOBS:-2}")
# Every parser fuzzed for a bounded time (FUZZ_SECONDS each, default 20) in its own build
# (build-fuzz/: clang, ASan + UBSan), then the inputs that once crashed them (fuzz/README.md).
./scripts/fuzz.sh
# The Debian package: desktop entry, AppStream metadata, MIME type and icons validated.
./scripts/check-package.sh
