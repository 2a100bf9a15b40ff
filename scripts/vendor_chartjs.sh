#!/bin/sh
# Vendor Chart.js's built UMD file and its licence into the dashboard's static folder.
#
#   scripts/vendor_chartjs.sh 4.6.1
#
# Needs npm and the registry once, on a developer's machine; the service and CI only ever use the
# committed files. Review the diff (VERSION names the tarball's integrity), run the browser tests
# (python -m pytest tests/browser), then commit service/web/static/vendor/chart.js/.
set -eu
version=${1:?usage: scripts/vendor_chartjs.sh VERSION (see npm view chart.js version)}
dest="$(cd "$(dirname "$0")/.." && pwd)/service/web/static/vendor/chart.js"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent --json "chart.js@$version" > pack.json
tarball=$(node -e 'console.log(require("./pack.json")[0].filename)')
integrity=$(node -e 'console.log(require("./pack.json")[0].integrity)')
tar -xzf "$tarball"
mkdir -p "$dest"
cp package/dist/chart.umd.min.js package/LICENSE.md "$dest/"
{
  echo "chart.js $version from the npm registry (npm pack chart.js@$version)"
  echo "tarball integrity: $integrity"
  echo "file: package/dist/chart.umd.min.js (the UMD build; it bundles @kurkle/color, MIT, whose notice it keeps)"
  echo "sha256: $(sha256sum "$dest/chart.umd.min.js" | cut -d' ' -f1)"
  echo "licence: MIT (LICENSE.md)"
  echo "updated by: scripts/vendor_chartjs.sh $version"
} > "$dest/VERSION"
echo "vendored chart.js $version into $dest"
