#!/usr/bin/env bash
# il-budget.sh BUDGET MEASURED: compares IL instructions per decision (lines "NAME<TAB>COUNT", '#' comments)
# with the recorded budget. Prints old, new and the change for every name in the budget; exits 1 when one
# rose by more than 2 %, is missing from the measurement, is not above zero, or fell by more than 20 % (a
# counter that stopped counting looks like a great saving: a real one is recorded by lowering the file in
# the same commit). A fall between 2 and 20 % passes and asks for the budget to be lowered to it.
set -euo pipefail
budget=$1 measured=$2
awk -F'\t' '
  FNR == NR { if ($0 !~ /^#/ && NF >= 2) { old[$1] = $2; order[++n] = $1 } next }
  $0 !~ /^#/ && NF >= 2 { now[$1] = $2 }
  END {
    bad = 0
    for (i = 1; i <= n; i++) {
      k = order[i]
      if (!(k in now)) { printf "IL budget: %-22s %10.2f -> MISSING\n", k, old[k]; bad = 1; continue }
      change = (now[k] - old[k]) / old[k] * 100
      verdict = now[k] <= 0 ? "NOT COUNTED (is il-count.patch applied?)" : change > 2 ? "ROSE more than 2 %" \
        : change < -20 ? "FELL more than 20 %: check the counter, then lower the budget to it" \
        : change < -2 ? "cheaper: lower the budget to it" : "ok"
      printf "IL budget: %-22s %10.2f -> %10.2f  (%+.1f %%) %s\n", k, old[k], now[k], change, verdict
      if (change > 2 || change < -20 || now[k] <= 0) bad = 1
    }
    exit bad
  }' "$budget" "$measured"
