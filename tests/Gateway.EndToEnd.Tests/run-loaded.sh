#!/usr/bin/env bash
# Runs the end-to-end suite N times in a row (default 20) on a loaded machine and counts failures: the
# check that these tests never flake. Load: stress-ng on every core when it is installed (Debian package
# stress-ng), else a Release build of the solution looping beside the tests.
#   tests/Gateway.EndToEnd.Tests/run-loaded.sh [N]
set -uo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20}
dotnet build tests/Gateway.EndToEnd.Tests -nologo -v q >/dev/null || { echo "build failed"; exit 2; }
if command -v stress-ng >/dev/null; then
  stress-ng --cpu "$(nproc)" --timeout 0 >/dev/null 2>&1 & LOAD=$!
  echo "load: stress-ng --cpu $(nproc)"
else
  ( while true; do dotnet build Gateway.sln -c Release -nologo -v q -p:OutDir="${TMPDIR:-/tmp}/gateway-load/" >/dev/null 2>&1; done ) & LOAD=$!
  echo "load: a Release build of Gateway.sln in a loop"
fi
trap 'kill $LOAD 2>/dev/null; pkill -P $LOAD 2>/dev/null' EXIT
failed=0
for i in $(seq 1 "$N"); do
  log="${TMPDIR:-/tmp}/gateway-e2e-run-$i.log"
  if dotnet test tests/Gateway.EndToEnd.Tests --no-build >"$log" 2>&1; then echo "run $i: passed"
  else failed=$((failed + 1)); echo "run $i: FAILED (see $log)"; fi
done
echo "end-to-end runs: $((N - failed)) passed, $failed failed of $N"
[ "$failed" -eq 0 ]
