#!/usr/bin/env bash
# Installs every Debian 12 package Flowbench needs to build, run and test.
# Safe to run again: apt skips what is already there.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev
  libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libgl-dev
  qtkeychain-qt6-dev libgraphviz-dev graphviz libjq-dev libhiredis-dev libyaml-cpp-dev libsqlite3-dev libpq-dev
  fonts-dejavu-core
  # test: real servers started by the tests on loopback ports, XML validation, screenshots
  postgresql redis-server xvfb xauth sqlite3 libxml2-utils openssl
  # fuzz: libFuzzer and the sanitizers' runtimes (scripts/fuzz.sh, CMake preset "fuzz")
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
