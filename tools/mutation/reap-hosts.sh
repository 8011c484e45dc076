#!/usr/bin/env bash
# reap-hosts.sh REPO: kills the test hosts Stryker.NET 5.1 leaves behind under REPO/tests/, every 10 s until
# killed. Stryker starts a test host per mutant's test run; with the differential tests each one stays alive
# afterwards, idle (1.5-2 % of a core, 15 threads), a new one every 3-5 s: dozens at once, a quarter of a
# 2-core machine and a load average past 50, which turns slow mutants into false timeouts. A host is left over
# when it is not its test project's newest and either used under IDLE_TICKS of CPU (1/100 s) in each of the last
# two sweeps (an idle host uses ~20 in 10 s; one running tests, even with a core shared by ten, several times
# the bound), or is older than REAP_AFTER seconds (longer than any mutant's test run here). A lone host (the
# coverage run) is its project's newest and never touched.
set -uo pipefail
tests="$1/tests/"
reap_after=${REAP_AFTER:-180}
idle_ticks=${IDLE_TICKS:-40}
declare -A last idle
while sleep 10; do
  declare -A now=() nowidle=()
  candidates=$(ps -eo pid=,etimes=,args= | awk -v tests="$tests" '
    index($0, tests) && /Tests\.runtimeconfig\.json/ {
      project = ""
      for (i = 3; i <= NF; i++) if ($i ~ /runtimeconfig\.json$/) project = $i
      if (!(project in newest) || $2 < age[project]) { if (project in newest) old[newest[project]] = age[project]; newest[project] = $1; age[project] = $2 }
      else old[$1] = $2
    }
    END { for (pid in old) print pid, old[pid] }')
  while read -r pid age; do
    [ -n "$pid" ] || continue
    # utime and stime: fields 14 and 15, counted after the command name's closing parenthesis.
    ticks=$(sed 's/.*) //' "/proc/$pid/stat" 2> /dev/null | awk '{print $12 + $13}') || continue
    [ -n "$ticks" ] || continue
    now[$pid]=$ticks
    quiet=0
    if [ -n "${last[$pid]:-}" ]; then
      used=$((ticks - last[$pid]))
      [ "$used" -ge 0 ] && [ "$used" -lt "$idle_ticks" ] && quiet=$(( ${idle[$pid]:-0} + 1 ))
    fi
    nowidle[$pid]=$quiet
    if [ "$age" -gt "$reap_after" ] || [ "$quiet" -ge 2 ]; then
      kill -9 "$pid" 2> /dev/null || true
    fi
  done <<< "$candidates"
  last=() idle=()
  for pid in "${!now[@]}"; do last[$pid]=${now[$pid]}; idle[$pid]=${nowidle[$pid]}; done
  unset now nowidle
done
