#!/usr/bin/env bash
# Regenerates docs/report.png, the README's picture of the HTML report, from the examples.
# Needs engage installed and Chromium (Debian: apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
# The examples include over-claims, so check exits 1 by design.
engage check examples --format html -o docs/report.html || [ $? -eq 1 ]
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size=1280,1500 \
  --screenshot="$PWD/docs/report.png" "file://$PWD/docs/report.html" 2>/dev/null
echo "wrote docs/report.png"
