#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers of hostile input with AFL++ (Debian: afl++) and SharpFuzz.
#   tests/Gateway.Fuzz/fuzz.sh TARGET|all [SECONDS] [WORK]
# TARGET: package, routeros, console, machine, jsonl, pcap (see FuzzTargets.cs); SECONDS per target (60).
# Builds the harness in Release, instruments Gateway.Core, Gateway.Crypto and Gateway.Rules for coverage, seeds each target
# (FuzzTargets.SeedFiles: tests/data, examples, earlier crashes in tests/data/fuzz/regressions/TARGET), runs afl-fuzz
# for SECONDS and exits 1 when a crash, or a hang that still exceeds 10 s on replay, was found: each one is
# printed as base64 with the replay command. Save it under tests/data/fuzz/regressions/TARGET/ and fix the
# reader: HostileInputTests runs every file there in `dotnet test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=${1:?usage: fuzz.sh TARGET|all [SECONDS] [WORK]}
SECONDS_PER_TARGET=${2:-60}
WORK=${3:-$(mktemp -d "${TMPDIR:-/tmp}/gateway-fuzz-XXXXXX")}
mkdir -p "$WORK"
command -v afl-fuzz >/dev/null || { echo "fuzz.sh: afl-fuzz is missing (apt-get install afl++)" >&2; exit 2; }
cd "$ROOT"
dotnet tool restore >/dev/null
dotnet build tests/Gateway.Fuzz -c Release -nologo -v q -o "$WORK/plain" >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 2; }
# afl-fuzz runs an instrumented copy; replays use the plain build (instrumented code outside afl-fuzz
# writes to a coverage map that does not exist and dies with an AccessViolationException).
rm -rf "$WORK/bin"; cp -R "$WORK/plain" "$WORK/bin"
for dll in Gateway.Core.dll Gateway.Crypto.dll Gateway.Rules.dll; do dotnet sharpfuzz "$WORK/bin/$dll" >/dev/null; done

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
found=0
targets=$TARGET; [ "$TARGET" = all ] && targets="package routeros console machine jsonl pcap headers spa"
for t in $targets; do
  mkdir -p "$WORK/in/$t" "$WORK/out/$t"
  # afl-fuzz refuses seeds over 1 MB; ours are a few KB.
  dotnet "$WORK/plain/Gateway.Fuzz.dll" "$t" --seeds "$ROOT" | while read -r f; do cp "$f" "$WORK/in/$t/$(basename "$(dirname "$f")")_$(basename "$f")"; done
  echo "--- fuzzing $t for ${SECONDS_PER_TARGET}s"
  afl-fuzz -i "$WORK/in/$t" -o "$WORK/out/$t" -V "$SECONDS_PER_TARGET" -t 5000 -m none -- dotnet "$WORK/bin/Gateway.Fuzz.dll" "$t" \
    >"$WORK/out/$t.log" 2>&1 || { tail -30 "$WORK/out/$t.log"; echo "fuzz.sh: afl-fuzz failed on $t"; exit 2; }
  stats="$WORK/out/$t/default/fuzzer_stats"
  [ -f "$stats" ] && echo "$t: $(grep -E '^(execs_done|corpus_count|saved_crashes|saved_hangs)' "$stats" | tr -s ' ' | tr '\n' ' ')"
  for crash in "$WORK/out/$t"/default/crashes/id:*; do
    [ -e "$crash" ] || continue
    found=1
    echo "CRASH in $t: $(dotnet "$WORK/plain/Gateway.Fuzz.dll" "$t" --replay "$crash" 2>&1 | tail -1)"
    echo "  input (base64): $(base64 -w0 "$crash")"
  done
  for hang in "$WORK/out/$t"/default/hangs/id:*; do
    [ -e "$hang" ] || continue
    if ! timeout 10 dotnet "$WORK/plain/Gateway.Fuzz.dll" "$t" --replay "$hang" >/dev/null 2>&1; then
      found=1
      echo "HANG in $t (over 10 s on replay): input (base64): $(base64 -w0 "$hang")"
    fi
  done
done
echo "fuzz.sh: outputs in $WORK"
exit $found
