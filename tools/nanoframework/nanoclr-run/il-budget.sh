#!/usr/bin/env bash
# il-budget.sh BUDGET MEASURED: compares IL instructions per decision (lines "NAME<TAB>COUNT", '#' comments)
# with the recorded budget. Prints old, new and the change for every name in the budget; exits 1 when one
# rose by more than 2 % (or is missing from the measurement), 0 otherwise. A name that got cheaper by more
# than 2 % is reported so the budget file can be lowered to it (the guard only ever tightens by hand).
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
      verdict = change > 2 ? "ROSE more than 2 %" : change < -2 ? "cheaper: lower the budget to it" : "ok"
      printf "IL budget: %-22s %10.2f -> %10.2f  (%+.1f %%) %s\n", k, old[k], now[k], change, verdict
      if (change > 2) bad = 1
    }
    exit bad
  }' "$budget" "$measured"
