#!/usr/bin/env bash
# Builds the Debian package with CPack and checks what a desktop expects of it: the desktop
# entry (desktop-file-validate), the AppStream metadata (appstreamcli), the MIME type of
# *.flowbench files (xmllint), the icon in every hicolor size, and both programs.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD_DIR:-build}
desktop-file-validate packaging/io.flowbench.Flowbench.desktop
appstreamcli validate --no-net packaging/io.flowbench.Flowbench.metainfo.xml
xmllint --noout packaging/flowbench-mime.xml
(cd "$B" && cpack -G DEB >/dev/null)
deb=$(ls -t "$B"/flowbench_*.deb | head -1)
contents=$(dpkg-deb -c "$deb")
expect=(
  ./usr/bin/flowbench ./usr/bin/flowbench-cli
  ./usr/share/applications/io.flowbench.Flowbench.desktop
  ./usr/share/metainfo/io.flowbench.Flowbench.metainfo.xml
  ./usr/share/mime/packages/flowbench.xml
  ./usr/share/icons/hicolor/scalable/apps/flowbench.svg
)
for size in 16 24 32 48 64 128 256 512; do
  expect+=("./usr/share/icons/hicolor/${size}x${size}/apps/flowbench.png")
done
status=0
for path in "${expect[@]}"; do
  grep -q " $path\$" <<<"$contents" || { echo "check-package: $deb lacks $path" >&2; status=1; }
done
# The rendered icons are the size their folder says.
for size in 16 256; do
  file "$B/packaging/icons/$size/flowbench.png" | grep -q "$size x $size" ||
    { echo "check-package: icon $size is not ${size}x${size}" >&2; status=1; }
done
[ $status -eq 0 ] && echo "check-package: $deb ok ($(du -h "$deb" | cut -f1))"
exit $status
