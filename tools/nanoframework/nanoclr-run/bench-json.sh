#!/usr/bin/env bash
# bench-json.sh IL_TSV NS_TSV [MACHINE_TSV]: the nanoCLR cost bench's figures (run.sh, COUNT=1 BENCH=1) as one JSON document,
# the shape `gateway bench --runtime nanoclr --json` prints. Lines are "NAME<TAB>VALUE" per decision, NAME as
# CostTests names its regions: ENGINE.KIND (table, handwritten, table256; scan, knock, granted, other, mix),
# rules.FILLER.COUNT.mix and lists.ENTRIES.mix. An engine's headline figure is its figure on the mix (the four
# kinds in turn); the ratio is hand-written over table, so below 1 means the table costs more. MACHINE_TSV (run.sh
# CALLGRIND=1) adds the interpreter's machine instructions per decision, callgrind's count, beside the IL count
# ("machineInstructionsPerDecision", and its ratio). A missing figure fails (exit 5) and names it.
set -euo pipefail
machine=${3:-/dev/null}
jq -n --rawfile il "$1" --rawfile ns "$2" --rawfile machine "$machine" --argjson withMachine "$([ $# -ge 3 ] && echo true || echo false)" '
  def table($text): [$text | split("\n")[] | select(length > 0 and (startswith("#") | not)) | split("\t") | {(.[0]): (.[1] | tonumber)}] | add // {};
  (table($il)) as $il | (table($ns)) as $ns | (table($machine)) as $mi |
  # Every figure the document names must be there: a bench that stopped part-way fails here, not as nulls.
  ([["table", "handwritten", "table256"][] as $e | ["scan", "knock", "granted", "other", "mix"][] as $k | $e + "." + $k]
    + ["rules.none.4.mix", "lists.300.mix", "lists.2500.mix", "lists.3900.mix"]
    + [["port", "source", "srcport"][] as $f | [16, 64, 256][] as $n | "rules." + $f + "." + ($n | tostring) + ".mix"]) as $needed |
  ([$needed[] | select(($il[.] == null) or ($ns[.] == null) or ($withMachine and $mi[.] == null))]) as $missing |
  if ($missing | length) > 0 then error("missing figures: " + ($missing | join(", "))) else . end |
  ["scan", "knock", "granted", "other", "mix"] as $kinds |
  def figures($key): {nsPerDecision: $ns[$key], instructionsPerDecision: $il[$key]}
    + (if $withMachine then {machineInstructionsPerDecision: $mi[$key]} else {} end);
  def engine($name): figures($name + ".mix") + {byKind: ([$kinds[] as $k | {($k): figures($name + "." + $k)}] | add)};
  def point($key; $extra): $extra + figures($key);
  {
    runtime: "nanoclr",
    workload: "the seed recipe (knock tcp 9000 then 6000, grant secure for 1 min, drop the rest); 1,000 sources granted before; per kind 2,000 prepared IPv4 SYNs: scan (16 common ports from their own sources), knock (first step), granted (port 22 from a granted source), other (second step without the first), mix (the four in turn); the harness loop is subtracted; ns: median of 3 interleaved rounds after a warm-up",
    engines: { table: engine("table"), handwritten: engine("handwritten"), table256: engine("table256") },
    ratios: {
      handwrittenOverTable: ($il["handwritten.mix"] / $il["table.mix"]),
      handwrittenOverTableNs: (if ($ns["table.mix"] // 0) > 0 then $ns["handwritten.mix"] / $ns["table.mix"] else null end),
      handwrittenOverTableMachine: (if $withMachine then $mi["handwritten.mix"] / $mi["table.mix"] else null end),
      byKind: ([$kinds[] as $k | {($k): (if ($il["table." + $k] // 0) > 0 then $il["handwritten." + $k] / $il["table." + $k] else null end)}] | add),
      byKindMachine: (if $withMachine then ([$kinds[] as $k | {($k): ($mi["handwritten." + $k] / $mi["table." + $k])}] | add) else null end)
    },
    # SPA (issue 27): one datagram checked, the fwknop test suite packet accepted, or forged (its HMAC fails); absent
    # from a bench run before the SPA regions existed.
    spa: (if $il["spa.accepted"] != null then {
      accepted: figures("spa.accepted"), forged: figures("spa.forged"),
      workload: "fwknop test suite packet (204 characters, 112 bytes of ciphertext) under its keys, and under another HMAC key; 40 datagrams per region, harness subtracted" } else null end),
    scaling: {
      rules: ([point("rules.none.4.mix"; {rules: 4, filler: "none"})] + [
        ["port", "source", "srcport"][] as $f | [16, 64, 256][] as $n
        | point("rules." + $f + "." + ($n | tostring) + ".mix"; {rules: $n, filler: $f})]),
      lists: [point("lists.300.mix"; {entries: 300}), point("lists.2500.mix"; {entries: 2500}), point("lists.3900.mix"; {entries: 3900})]
    }
  }'
