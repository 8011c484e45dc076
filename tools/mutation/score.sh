#!/usr/bin/env bash
# score.sh [CONFIG]: runs Stryker.NET on the core with a config of tests/Gateway.Core.Tests (default
# stryker-engine.json: Engine/, Tables/, Compiler/ and AddressLists/, mutated under the core's unit tests, the
# differential tests and the rules tests, every test project that exercises the core), then records each
# folder's mutation score with the commit and the date in docs/mutation-scores.tsv, so the figures the docs
# quote say where they come from. Score = (killed + timeout) / (killed + timeout + survived + no coverage), as
# Stryker counts it. Survivors are listed in docs/mutation-survivors.txt (file:line, mutator, replacement).
# score.sh CONFIG REPORT [COMMIT]: records the scores of a report a run already wrote (mutation-report.json), for
# the commit it measured (default: this checkout's), without running Stryker again.
# The whole campaign (stryker-engine.json) does not fit a 2-core machine: 2,147 mutants, compiler mutants
# covered by hundreds of tests each (45-55 s a test run); run one folder at a time with a config whose test
# filter names the folder's own tests (stryker-addresslists.json: 41 minutes), or on a machine with more cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
config=${1:-stryker-engine.json}
cd "$repo/tests/Gateway.Core.Tests"
if [ -n "${2:-}" ]; then
  report=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); out=$(dirname "$report")
else
  dotnet tool restore > /dev/null
  out="StrykerOutput/score-$(date -u +%Y%m%d-%H%M%S)"
  # Stryker.NET 5.1 leaves a test host alive after each mutant's test run; reap-hosts.sh kills the leftovers.
  bash "$here/reap-hosts.sh" "$repo" &
  reaper=$!
  trap 'kill $reaper 2> /dev/null || true' EXIT
  dotnet stryker --config-file "$config" --output "$out"
  report="$out/reports/mutation-report.json"
fi
[ -f "$report" ] || { echo "score.sh: no report at $report" >&2; exit 1; }
commit=${3:-$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src || echo "+changes")}
date=$(date -u +%Y-%m-%d)
table="$repo/docs/mutation-scores.tsv"
[ -f "$table" ] || printf '# folder\tscore %%\tkilled\ttimeout\tsurvived\tno coverage\ttested\tcommit\tdate\tconfig\n' > "$table"
jq -r --arg commit "$commit" --arg date "$date" --arg config "$config" '
  [.files | to_entries[] | select(.key | test("Firmware/Core/(Engine|MatchState|Tables|Compiler|AddressLists)/"))
   | (.key | capture("Firmware/Core/(?<folder>[^/]+)/").folder) as $folder | .value.mutants[] | {folder: $folder, status}]
  | group_by(.folder)[] | (map(.status)) as $s | .[0].folder as $folder
  | ([$s[] | select(. == "Killed")] | length) as $k | ([$s[] | select(. == "Timeout")] | length) as $t
  | ([$s[] | select(. == "Survived")] | length) as $v | ([$s[] | select(. == "NoCoverage")] | length) as $n
  | [$folder, (if ($k + $t + $v + $n) > 0 then (($k + $t) * 1000 / ($k + $t + $v + $n) | round | tostring | sub("(?<d>.)$"; ".\(.d)") | sub("^\\."; "0.")) else "n/a" end),
     $k, $t, $v, $n, ($k + $t + $v + $n), $commit, $date, $config] | @tsv' "$report" > "$out/scores.tsv"
[ -s "$out/scores.tsv" ] || { echo "score.sh: the report names no mutant of the five folders ($report)" >&2; exit 1; }
tee -a "$table" < "$out/scores.tsv"
# Survivors of the folders this report measured replace theirs; other folders' survivors stay.
folders=$(cut -f1 "$out/scores.tsv" | paste -sd'|')
survivors="$repo/docs/mutation-survivors.txt"
{ [ -f "$survivors" ] && grep -Ev "^(#|($folders)/)" "$survivors" || true
  jq -r '.files | to_entries[] | .key as $file | .value.mutants[] | select(.status == "Survived" or .status == "NoCoverage")
  | "\($file | sub(".*/Firmware/Core/"; "")):\(.location.start.line)\t\(.status)\t\(.mutatorName)\t\(.replacement // "" | gsub("\n"; " "))"' "$report"
} | sort | { echo "# Survivors (Survived, NoCoverage) of each folder's last run in docs/mutation-scores.tsv: file:line, status, mutator, replacement"; cat; } > "$survivors.new"
mv "$survivors.new" "$survivors"
echo "score.sh: scores appended to docs/mutation-scores.tsv; survivors in docs/mutation-survivors.txt"
