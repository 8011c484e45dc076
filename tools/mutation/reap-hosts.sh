#!/usr/bin/env bash
# reap-hosts.sh REPO: kills the test hosts Stryker.NET 5.1 leaves behind under REPO/tests/, every 10 s until
# killed. Stryker starts a test host per mutant's test run; with the differential tests each one stays alive
# afterwards, idle (~1.5 % of a core, 15 threads), a new one every few seconds: dozens at once, a quarter of a
# 2-core machine and a load average past 50, which turns slow mutants into false timeouts. A host is left over
# when it is not its test project's newest and either used under IDLE_TICKS of CPU (1/100 s) since the last
# sweep, or is older than REAP_AFTER seconds. A running test run keeps a core busy, so it is
# never idle; a lone host (the coverage run) is its project's newest and never touched.
set -uo pipefail
tests="$1/tests/"
reap_after=${REAP_AFTER:-180}
idle_ticks=${IDLE_TICKS:-100}
declare -A last
while sleep 10; do
  declare -A now=()
  candidates=$(ps -eo pid=,etimes=,args= | awk -v tests="$tests" '
    index($0, tests) && /Tests\.runtimeconfig\.json/ {
      for (i = 3; i <= NF; i++) if ($i ~ /runtimeconfig\.json$/) project = $i
      if (!(project in newest) || $2 < age[project]) { if (project in newest) old[newest[project]] = age[project]; newest[project] = $1; age[project] = $2 }
      else old[$1] = $2
    }
    END { for (pid in old) print pid, old[pid] }')
  while read -r pid age; do
    [ -n "$pid" ] || continue
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null) || continue
    now[$pid]=$ticks
    if [ "$age" -gt "$reap_after" ] || { [ -n "${last[$pid]:-}" ] && [ $((ticks - last[$pid])) -lt "$idle_ticks" ]; }; then
      kill -9 "$pid" 2> /dev/null || true
    fi
  done <<< "$candidates"
  last=()
  for pid in "${!now[@]}"; do last[$pid]=${now[$pid]}; done
  unset now
done
