#!/usr/bin/env bash
# Installs every Debian 12 package Flowbench needs to build, run and test.
# Safe to run again: apt skips what is already there.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev
  libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libgl-dev
  qtkeychain-qt6-dev libgraphviz-dev graphviz libjq-dev libhiredis-dev libyaml-cpp-dev libsqlite3-dev libpq-dev zlib1g-dev
  libvalijson-dev librabbitmq-dev
  fonts-dejavu-core
  # test: real servers started by the tests on loopback ports, XML validation, screenshots
  postgresql redis-server rabbitmq-server xvfb xauth sqlite3 libxml2-utils openssl
  chromium # the HTML report loaded in headless Chromium (tests/io/tst_htmlreport, tests/cli/tst_reportcli)
  # fuzz: libFuzzer and the sanitizers' runtimes (scripts/fuzz.sh, CMake preset "fuzz")
  clang libclang-rt-14-dev
  # packaging checks: the desktop entry, AppStream metadata, the .deb's icons
  desktop-file-utils appstream file dpkg-dev
  # map export tests: render PDFs back (pdftoppm) and read their text (pdftotext)
  poppler-utils
)

# --tests: also the npm peers the tests and benchmarks run (tools/node/package.json,
# pinned by its lock file): newman, the oracle of the Postman import tests.
with_tests=0
[ "${1:-}" = "--tests" ] && with_tests=1
install_node_tools() {
  [ "$with_tests" = 1 ] || return 0
  if [ ! -x tools/node/node_modules/.bin/newman ]; then
    echo "install-deps: npm ci in tools/node"
    (cd tools/node && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
cd "$(dirname "$0")/.."

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come from Debian (nodejs + npm) or from elsewhere with npm inside.
if [ "$with_tests" = 1 ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  install_node_tools
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
install_node_tools
