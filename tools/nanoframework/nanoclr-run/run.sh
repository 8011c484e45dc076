#!/usr/bin/env bash
# Runs Gateway's nanoFramework device tests (tests/Gateway.Device.Tests) on the real nanoFramework runtime:
# nanoCLR built from nf-interpreter's targets/posix (Linux/macOS host build), assemblies compiled the way
# the nanoFramework project system compiles them (Roslyn against nanoFramework's mscorlib, C# 9) and
# converted to .pe by nanoFramework's MetadataProcessor built from source for .NET 10.
#   NF_INTERPRETER      exported nf-interpreter source tree (has targets/posix)
#   METADATA_PROCESSOR  exported nanoframework/metadata-processor source tree (main branch, writes NFMRK1 PEs)
#   NANO_SRC            folder of exported nanoFramework repositories, as ../nano-real-check expects; only
#                       NANO_SRC/nanoFramework.TestFramework is used here (the tag the project's packages.config
#                       names, v3.0.49, for fidelity)
#   PROJECT             Gateway checkout (only read)
#   WORK                scratch folder (default: $TMPDIR/nanoclr-run); the nanoCLR build is kept there and reused
#   CORELIB             nanoFramework.CoreLibrary version (1.17.11); its package's mscorlib.pe is the one loaded
#   COUNT               1: also builds nanoCLR with il-count.patch and counts IL instructions per decision
#                       (bench/CostLoop.cs), checked against bench/il-budget.tsv of PROJECT: a rise of more
#                       than 2 % fails (il-budget.sh); the figures go to WORK/out/il-per-decision.tsv
#   CALLGRIND           1 (with COUNT=1): also counts the interpreter's machine instructions per decision under
#                       valgrind's callgrind (nanoCLR with callgrind-regions.patch), to WORK/out/machine-per-decision.tsv;
#                       takes ~20 minutes
#   BENCH               1 (default) also times 100,000 FilterEngine decisions in nanoCLR and on desktop .NET
#   CMAKE_BUILD_TYPE    nanoCLR build type (default Release; the nf-interpreter README leaves it empty = -O0)
#   CONFIGURATION       build configuration of the assemblies (default Release, as a board gets them; Debug IL
#                       of the device tests overflows the MetadataProcessor's 64 KB byte-code table)
#   PATCH               1: build nanoCLR from a copy of NF_INTERPRETER with string-array-null.patch
#                       applied (new string[] elements are null references; unpatched, `names[i] == s` on a
#                       never-assigned element runs strcmp(NULL, ...) and the host nanoCLR segfaults);
#                       0 (default): build NF_INTERPRETER as it is: the core must pass on the runtime as published
# Needs cmake >= 3.24, ninja, a C++20 compiler (gcc 12 works), the .NET SDK, jq, and NuGet access for
# nanoFramework.CoreLibrary, Mono.Cecil 0.11.6 and System.Drawing.Common. Exits 0 only when every device test passed.
set -u
: "${NF_INTERPRETER:?point NF_INTERPRETER at an exported nf-interpreter tree}"
: "${METADATA_PROCESSOR:?point METADATA_PROCESSOR at an exported metadata-processor tree}"
: "${NANO_SRC:?point NANO_SRC at the exported nanoFramework sources}" "${PROJECT:?point PROJECT at a Gateway checkout}"
NF_INTERPRETER=$(cd "$NF_INTERPRETER" && pwd); METADATA_PROCESSOR=$(cd "$METADATA_PROCESSOR" && pwd)
NANO_SRC=$(cd "$NANO_SRC" && pwd); PROJECT=$(cd "$PROJECT" && pwd)
WORK=${WORK:-${TMPDIR:-/tmp}/nanoclr-run}
CORELIB=${CORELIB:-1.17.11}
BENCH=${BENCH:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
TEMPLATE=${TEMPLATE:-$HERE/../nano-real-check/nano.csproj}   # the NoStdLib csproj that builds one nanoFramework assembly
mkdir -p "$WORK"; WORK=$(cd "$WORK" && pwd)
rm -rf "$WORK/lib" "$WORK/pe" "$WORK/out"; mkdir -p "$WORK/lib" "$WORK/pe" "$WORK/out"
die() { echo "nanoclr-run: $*" >&2; echo "nanoCLR device tests: NOT RUN ($*)"; exit 2; }

# ---- 1. nanoCLR (POSIX host) --------------------------------------------------------------------------------
# A patch from this folder onto a copy of the sources: the patches are kept with CRLF or LF line ends, the
# exported tree has LF only, so a patch that does not apply as it is is applied without its CRs.
applypatch() { patch -p1 -s --dry-run < "$1" > /dev/null 2>&1 && patch -p1 < "$1" || tr -d '\r' < "$1" | patch -p1; }
PATCH=${PATCH:-0}
if [ "$PATCH" = 1 ]; then
  NFSRC=$WORK/nf-interpreter-patched; NFBUILD=$WORK/nanoclr-patched
  if [ ! -f "$NFSRC/.nanoclr-run-patched" ]; then
    rm -rf "$NFSRC"; mkdir -p "$NFSRC"
    (cd "$NF_INTERPRETER" && tar --exclude=./build -cf - .) | (cd "$NFSRC" && tar -xf -)
    chmod -R u+w "$NFSRC"
    (cd "$NFSRC" && applypatch "$HERE/string-array-null.patch") > "$WORK/out/patch.log" 2>&1 || { cat "$WORK/out/patch.log"; die "patch failed"; }
    touch "$NFSRC/.nanoclr-run-patched"
  fi
  echo "--- nanoCLR (with string-array-null.patch): cmake -S targets/posix -B $NFBUILD -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-Release}"
else
  # One build folder per source path: cmake refuses a cache made from another copy of the sources (CI's clone
  # and a developer's share one WORK), so each copy keeps its own build and reruns stay quick for both.
  NFSRC=$NF_INTERPRETER; NFBUILD=$WORK/nanoclr-$(printf '%s' "$NFSRC" | sha1sum | cut -c1-12)
  echo "--- nanoCLR (unpatched): cmake -S targets/posix -B $NFBUILD -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-Release}"
fi
# A cache made from other sources (the folder was copied or the key collided) is rebuilt, never reused.
if [ -f "$NFBUILD/CMakeCache.txt" ] && ! grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$NFSRC/targets/posix" "$NFBUILD/CMakeCache.txt"; then
  echo "--- $NFBUILD was configured from other sources: rebuilding it"; rm -rf "$NFBUILD"
fi
cmake -S "$NFSRC/targets/posix" -B "$NFBUILD" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" \
  > "$WORK/out/nanoclr-configure.log" 2>&1 || { tail -20 "$WORK/out/nanoclr-configure.log"; die "nanoCLR configure failed"; }
cmake --build "$NFBUILD" > "$WORK/out/nanoclr-build.log" 2>&1 || { grep -E "error|FAILED" "$WORK/out/nanoclr-build.log" | head -20; die "nanoCLR build failed"; }
CLR=$NFBUILD/bin/nanoFramework.nanoCLR.test
[ -x "$CLR" ] || die "no $CLR"
# patched_clr PATCH LABEL: nanoCLR built from a copy of the sources with PATCH (one copy and build per source
# path, sources and patch: their names, sizes and times, so a new export at another pin changes the key; small:
# 11 MB and 3 MB), rebuilt when any of them changes; sets PATCHED_CLR.
patched_clr() {
  local patchfile=$1 label=$2 stamp src build
  stamp=$( (printf '%s' "$NF_INTERPRETER"; ls -lR --time-style=+%s "$NF_INTERPRETER/src" "$NF_INTERPRETER/targets/posix"; cat "$patchfile") | sha1sum | cut -c1-12)
  src=$WORK/nf-interpreter-$label-$stamp; build=$WORK/nanoclr-$label-$stamp
  if [ "$(cat "$src/.nanoclr-run-$label" 2>/dev/null)" != "$stamp" ]; then
    [ -d "$src" ] && chmod -R u+w "$src"
    rm -rf "$src" "$build"; mkdir -p "$src"
    (cd "$NF_INTERPRETER" && tar --exclude=./build -cf - .) | (cd "$src" && tar -xf -)
    chmod -R u+w "$src"   # the export is read-only: the copy must take the patch (and be removable later)
    (cd "$src" && applypatch "$patchfile") > "$WORK/out/patch-$label.log" 2>&1 || { cat "$WORK/out/patch-$label.log"; die "$(basename "$patchfile") failed"; }
    echo "$stamp" > "$src/.nanoclr-run-$label"
  fi
  echo "--- $label nanoCLR ($(basename "$patchfile")): $build"
  cmake -S "$src/targets/posix" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" > "$WORK/out/nanoclr-$label-configure.log" 2>&1 \
    && cmake --build "$build" > "$WORK/out/nanoclr-$label-build.log" 2>&1 || { grep -E "error|FAILED" "$WORK/out/nanoclr-$label-build.log" | head; die "$label nanoCLR build failed"; }
  PATCHED_CLR=$build/bin/nanoFramework.nanoCLR.test
}
# The counting interpreter: the same sources with il-count.patch.
if [ "${COUNT:-0}" = 1 ]; then patched_clr "$HERE/il-count.patch" count; CLRCOUNT=$PATCHED_CLR; fi
# The interpreter whose cost-bench regions callgrind counts one by one (callgrind-regions.patch): CALLGRIND=1.
if [ "${CALLGRIND:-0}" = 1 ]; then
  [ "${COUNT:-0}" = 1 ] || die "CALLGRIND=1 needs COUNT=1 (the cost bench is built there)"
  command -v valgrind > /dev/null || die "CALLGRIND=1 needs valgrind (apt install valgrind)"
  echo '#include <valgrind/callgrind.h>' | ${CXX:-c++} -x c++ -fsyntax-only - 2> /dev/null || die "CALLGRIND=1 needs valgrind's valgrind/callgrind.h"
  patched_clr "$HERE/callgrind-regions.patch" callgrind; CLRGRIND=$PATCHED_CLR
fi

# ---- 2. MetadataProcessor (console, retargeted to net10.0) --------------------------------------------------
echo "--- MetadataProcessor: $HERE/mdp/Console/MetadataProcessor.Console.csproj (MDP_SRC=$METADATA_PROCESSOR)"
rm -rf "$WORK/mdp-proj"; cp -R "$HERE/mdp" "$WORK/mdp-proj"   # built in WORK: nothing is written next to this script
dotnet build "$WORK/mdp-proj/Console/MetadataProcessor.Console.csproj" -c Release -nologo -v:q -clp:NoSummary \
  -p:MDP_SRC="$METADATA_PROCESSOR" -o "$WORK/mdp" > "$WORK/out/mdp-build.log" 2>&1 \
  || { grep -E "error" "$WORK/out/mdp-build.log" | sort -u | head; die "MetadataProcessor build failed"; }
MDP=$WORK/mdp/nanoFramework.Tools.MetadataProcessor
# mdp DLL PE [HINT.dll...]: -loadHints for each reference, -parse, -compile (as NFProjectSystem.MDP.targets orders them).
mdp() {
  local dll=$1 pe=$2 hints=() h; shift 2
  for h in "$@"; do hints+=(-loadHints "$(basename "$h" .dll)" "$h"); done
  "$MDP" "${hints[@]}" -parse "$dll" -compile "$pe" false > "$pe.mdp.log" 2>&1 && [ -s "$pe" ] \
    || { cat "$pe.mdp.log" >&2; return 1; }
}

# ---- 3. assemblies ------------------------------------------------------------------------------------------
# build NFPROJ DIRNAME [msbuild -p args...]: the project built into WORK/DIRNAME/bin/ and WORK/lib/ (../nfproj-build.sh,
# shared with ../nano-real-check); sets NAME, ERRORS, DLL.
. "$HERE/../nfproj-build.sh"
build() { nfproj_build "$@"; }

# Restores nanoFramework.CoreLibrary through the template and finds its lib/ folder.
TF=$NANO_SRC/nanoFramework.TestFramework/source
build "$TF/TestFramework/nanoFramework.TestFramework.nfproj" TestFramework; [ "$ERRORS" -eq 0 ] || die "TestFramework did not compile"
CORELIB_DIR=$(cd "$WORK/TestFramework" && dotnet msbuild TestFramework.csproj -getProperty:PkgnanoFramework_CoreLibrary -p:CoreLibraryVersion="$CORELIB")/lib
[ -f "$CORELIB_DIR/mscorlib.pe" ] || die "no mscorlib.pe in $CORELIB_DIR"
MSCORLIB_DLL=$CORELIB_DIR/mscorlib.dll
cp "$CORELIB_DIR/mscorlib.pe" "$WORK/pe/mscorlib.pe"
# Sanity check of the MetadataProcessor build: it must turn the package's mscorlib.dll into the package's mscorlib.pe.
"$MDP" -parse "$MSCORLIB_DLL" -compile "$WORK/out/mscorlib.check.pe" true > "$WORK/out/mscorlib.check.log" 2>&1
if cmp -s "$WORK/out/mscorlib.check.pe" "$CORELIB_DIR/mscorlib.pe"; then echo "MetadataProcessor check: mscorlib.dll -> mscorlib.pe is byte-identical to the package's"
else echo "MetadataProcessor check: WARNING, mscorlib.pe from this MetadataProcessor differs from the package's"; fi

build "$TF/UnitTestLauncher/nanoFramework.UnitTestLauncher.nfproj" UnitTestLauncher; [ "$ERRORS" -eq 0 ] || die "UnitTestLauncher did not compile"
TFDLL=$WORK/lib/nanoFramework.TestFramework.dll; LAUNCHDLL=$WORK/lib/nanoFramework.UnitTestLauncher.dll
mdp "$TFDLL" "$WORK/pe/nanoFramework.TestFramework.pe" "$MSCORLIB_DLL" || die "MetadataProcessor failed on TestFramework"
mdp "$LAUNCHDLL" "$WORK/pe/nanoFramework.UnitTestLauncher.pe" "$MSCORLIB_DLL" "$TFDLL" || die "MetadataProcessor failed on UnitTestLauncher"

# The core as the device has it, from its .nfproj: Gateway.Core (the core), Gateway.Crypto (hashes, HMAC, AES) and
# Gateway.Host (the host layer),
# the assemblies the device tests reference (and load, below). MetadataProcessor refuses an assembly past
# 65,535 bytes of byte code or 64 KB of strings: that failure stops the run here, not as a crash later.
pesize() { stat -c %s "$1" 2>/dev/null || stat -f %z "$1"; }
build "$PROJECT/src/Firmware/Core/Gateway.Core.nfproj" GatewayCore; [ "$ERRORS" -eq 0 ] || die "Gateway.Core did not compile"
mdp "$DLL" "$WORK/pe/Gateway.Core.pe" "$MSCORLIB_DLL" || die "MetadataProcessor failed on Gateway.Core (see above)"
echo "Gateway.Core.pe: $(pesize "$WORK/pe/Gateway.Core.pe") bytes"
build "$PROJECT/src/Firmware/Crypto/Gateway.Crypto.nfproj" GatewayCrypto; [ "$ERRORS" -eq 0 ] || die "Gateway.Crypto did not compile"
mdp "$DLL" "$WORK/pe/Gateway.Crypto.pe" "$MSCORLIB_DLL" || die "MetadataProcessor failed on Gateway.Crypto (see above)"
echo "Gateway.Crypto.pe: $(pesize "$WORK/pe/Gateway.Crypto.pe") bytes"
build "$PROJECT/src/Firmware/Host/Gateway.Host.nfproj" GatewayHost; [ "$ERRORS" -eq 0 ] || die "Gateway.Host did not compile"
mdp "$DLL" "$WORK/pe/Gateway.Host.pe" "$MSCORLIB_DLL" "$WORK/lib/Gateway.Core.dll" "$WORK/lib/Gateway.Crypto.dll" || die "MetadataProcessor failed on Gateway.Host (see above)"
echo "Gateway.Host.pe: $(pesize "$WORK/pe/Gateway.Host.pe") bytes"

# runtests ASSEMBLYDIR LABEL: converts WORK/ASSEMBLYDIR/bin/NFUnitTest.dll and runs it under the launcher; sets PASSED FAILED SKIPPED.
# LOG names the log (default DIRNAME.nanoclr) when one assembly runs twice, as the cost bench does.
runtests() {
  local dirname=$1 label=$2 pe=$WORK/pe/$1/NFUnitTest.pe log=$WORK/out/${LOG:-$1.nanoclr}.log
  mkdir -p "$WORK/pe/$1"
  # Assemblies the tests reference besides the framework (the device tests: Gateway.Core) are converted and loaded too.
  local refs=() pes=() stem
  for stem in ${3:-}; do refs+=("$WORK/lib/$stem.dll"); pes+=("$stem.pe"); done
  mdp "$WORK/$dirname/bin/NFUnitTest.dll" "$pe" "$MSCORLIB_DLL" "$TFDLL" "${refs[@]}" || { PASSED=0; FAILED=0; SKIPPED=0; RAN=0; RC=99; echo "--- $label: MetadataProcessor failed, NOT RUN (see $pe.mdp.log)"; return 1; }
  ( cd "$WORK/pe" && timeout "${TEST_TIMEOUT:-900}" ${RUNNER:-} "$CLR" mscorlib.pe nanoFramework.UnitTestLauncher.pe nanoFramework.TestFramework.pe "${pes[@]}" "$1/NFUnitTest.pe" ) > "$log" 2>&1
  RC=$?
  # (the counting interpreter puts "[il=N] " before each line)
  PASSED=$(grep -cE '^(\[il=[0-9]+\] )?Test passed,' "$log"); FAILED=$(grep -cE '^(\[il=[0-9]+\] )?Test failed,' "$log"); SKIPPED=$(grep -cE '^(\[il=[0-9]+\] )?Test skipped,' "$log")
  RAN=$((PASSED + FAILED + SKIPPED))
  echo "--- $label on nanoCLR (exit $RC): $PASSED passed, $FAILED failed, $SKIPPED skipped; log $log"
  grep -E '^(\[il=[0-9]+\] )?Test (passed|failed|skipped),' "$log" | sed 's/^/    /'
  grep -iE 'exception|unhandled|error:|Cannot find|not (found|implemented)|overflow' "$log" | grep -v '^Test ' | sort | uniq -c | head -20 | sed 's/^/    !! /'
}

# Pipeline proof: a hello-world test assembly (1 Setup + 1 test pass, 1 fails, 1 skips, on purpose).
build "$HERE/projects/Hello.nfproj" Hello; [ "$ERRORS" -eq 0 ] || die "hello-world tests did not compile"
runtests Hello "hello-world tests"
[ "$PASSED" -eq 2 ] && [ "$FAILED" -eq 1 ] && [ "$SKIPPED" -eq 1 ] || die "hello-world pipeline check failed (see $WORK/out/Hello.nanoclr.log)"

# The device tests, exactly as their .nfproj lists them.
build "$PROJECT/tests/Gateway.Device.Tests/Gateway.Device.Tests.nfproj" DeviceTests; [ "$ERRORS" -eq 0 ] || die "device tests did not compile ($ERRORS errors)"
runtests DeviceTests "device tests" "Gateway.Core Gateway.Crypto Gateway.Host"
DP=$PASSED DF=$FAILED DS=$SKIPPED DRAN=$RAN DRC=$RC
DEXPECTED=$(cat "$PROJECT"/tests/Gateway.Device.Tests/*.cs | grep -c "\[TestMethod\]\|\[DataRow")

# Interpreter speed: 100,000 FilterEngine decisions on the default rules, in nanoCLR and on desktop .NET.
if [ "$BENCH" = 1 ]; then
  build "$HERE/projects/Bench.nfproj" Bench -p:GatewayRoot="$PROJECT" -p:BenchDir="$HERE/bench"
  if [ "$ERRORS" -eq 0 ]; then
    runtests Bench "FilterEngine timing" "Gateway.Core Gateway.Crypto Gateway.Host"
    grep '^BENCH' "$WORK/out/Bench.nanoclr.log" | sed 's/^/    /'
    rm -rf "$WORK/bench-proj"; cp -R "$HERE/bench" "$WORK/bench-proj"
    dotnet run -c Release --project "$WORK/bench-proj/desktop/BenchDesktop.csproj" -p:GatewayRoot="$PROJECT" > "$WORK/out/bench-desktop.log" 2>&1
    grep '^BENCH' "$WORK/out/bench-desktop.log" | sed 's/^/    /' || tail -5 "$WORK/out/bench-desktop.log"
    nano=$(sed -n 's/^BENCH nanoclr .*ns_per_decision=\([0-9.]*\).*/\1/p' "$WORK/out/Bench.nanoclr.log" | head -1)
    desk=$(sed -n 's/^BENCH desktop .*ns_per_decision=\([0-9.]*\).*/\1/p' "$WORK/out/bench-desktop.log" | head -1)
    [ -n "$nano" ] && [ -n "$desk" ] && echo "    interpreter/desktop: $(awk -v a="$nano" -v b="$desk" 'BEGIN{printf "%.0fx (%s ns vs %s ns per decision)", a/b, a, b}')"
  fi
fi

# Interpreter cost: IL instructions per decision, exact and the same run after run (a count, not a clock).
# A failure here is reported and fails the run after the device tests' summary (COSTRC), never hides it.
# per_decision: lines "begin NAME n=N COUNT" / "end NAME COUNT" (a counter's value at the region's ends) in, lines
# "NAME<TAB>per decision" out: per region (N pass - empty pass) / N, the engines' figures less the harness's of
# the same kind (its loop and a call that decides nothing). Fails on a region without its end, its empty pass or
# its harness, and on no region at all.
per_decision() {
  awk '$1 == "begin" { b[$2] = $NF; if ($3 ~ /^n=/) n[$2] = substr($3, 3) } $1 == "end" { d[$2] = $NF - b[$2] }
    END {
      for (k in b) if (!(k in d)) { print "region " k " began and never ended" > "/dev/stderr"; bad = 1 }
      if (length(d) == 0) { print "no region ended" > "/dev/stderr"; bad = 1 }
      for (k in d) if (k !~ /\.0$/) {
        if (!(k in n) || n[k] <= 0 || !((k ".0") in d)) { print "incomplete region " k > "/dev/stderr"; bad = 1; continue }
        per[k] = (d[k] - d[k ".0"]) / n[k]
      }
      for (k in per) {
        kind = k; sub(/.*\./, "", kind); h = "harness." kind
        if (k ~ /^harness\./) { printf "%s\t%.2f\n", k, per[k]; continue }
        if (!(h in per)) { print "no " h " for " k > "/dev/stderr"; bad = 1; continue }
        printf "%s\t%.2f\n", k, per[k] - per[h]
      }
      exit bad
    }'
}
COSTRC=0
cost_fail() { echo "IL count: $*"; COSTRC=1; }
if [ "${COUNT:-0}" = 1 ]; then
  # The hand-written check uses Hashtable, from nanoFramework.System.Collections (built from its pinned sources).
  build "$NANO_SRC/nanoFramework.System.Collections/nanoFramework.System.Collections/nanoFramework.System.Collections.nfproj" Collections
  if [ "$ERRORS" -ne 0 ]; then cost_fail "nanoFramework.System.Collections did not compile"
  elif ! mdp "$DLL" "$WORK/pe/nanoFramework.System.Collections.pe" "$MSCORLIB_DLL"; then cost_fail "MetadataProcessor failed on nanoFramework.System.Collections"
  else
    build "$HERE/projects/Cost.nfproj" Cost -p:BenchDir="$HERE/bench"
    if [ "$ERRORS" -ne 0 ]; then cost_fail "the cost bench did not compile"
    else
      # A fixed heap address keeps object hash codes alike run after run; where the kernel refuses it (a
      # container's seccomp), the bench runs without.
      SETARCH=""; command -v setarch > /dev/null && setarch "$(uname -m)" -R true 2> /dev/null && SETARCH="setarch $(uname -m) -R"
      COSTREFS="Gateway.Core Gateway.Crypto Gateway.Host nanoFramework.System.Collections"
      RUNNER="$SETARCH" CLR="$CLRCOUNT" runtests Cost "IL count" "$COSTREFS"
      if [ "$FAILED" -ne 0 ] || [ "$PASSED" -ne 3 ]; then cost_fail "the cost bench failed (see $WORK/out/Cost.nanoclr.log)"
      else
        # Lines "[il=COUNT] COST begin NAME n=N" / "... COST end NAME", the IL count at each.
        tr -d '\r' < "$WORK/out/Cost.nanoclr.log" | sed -nE 's/^\[il=([0-9]+)\] COST (begin|end) (.*)$/\2 \3 \1/p' | per_decision | sort > "$WORK/out/il-per-decision.tsv"
        [ "${PIPESTATUS[2]}" -eq 0 ] || cost_fail "the COST lines were incomplete (see $WORK/out/Cost.nanoclr.log)"
        echo "--- IL instructions per decision, the harness's loop subtracted (handwritten: the Hashtable check a nanoFramework user writes):"
        sed 's/^/    /' "$WORK/out/il-per-decision.tsv"
        grep '^\[il=[0-9]*\] COST accepted' "$WORK/out/Cost.nanoclr.log" | sed 's/^\[il=[0-9]*\] /    /' | tr -d '\r'
        "$HERE/il-budget.sh" "$PROJECT/bench/il-budget.tsv" "$WORK/out/il-per-decision.tsv" || COSTRC=1
        # Nanoseconds come from the same bench on the interpreter as built for the device tests (the counting one
        # runs a little slower); only with BENCH=1: times on a shared machine are no guard, the counts are.
        if [ "$BENCH" = 1 ]; then
          LOG=Cost.timed RUNNER="" runtests Cost "cost bench, timed" "$COSTREFS"
          { [ "$FAILED" -eq 0 ] && [ "$PASSED" -eq 3 ]; } || cost_fail "the timed cost bench failed (see $WORK/out/Cost.timed.log)"
          tr -d '\r' < "$WORK/out/Cost.timed.log" | sed -nE 's/^COST ns ([^ ]+) (-?[0-9]+)$/\1\t\2/p' | sort > "$WORK/out/ns-per-decision.tsv"
        fi
        # Machine instructions per decision: the interpreter's own (the IL's dispatch and the native code it calls,
        # Hashtable's included) under callgrind, exact run after run; one round (a region costs ~50x under
        # valgrind, and a count needs no median). Each region's dump is named after it (callgrind-regions.patch).
        if [ "${CALLGRIND:-0}" = 1 ]; then
          build "$HERE/projects/Cost.nfproj" CostCallgrind -p:BenchDir="$HERE/bench" -p:CostRounds=1
          if [ "$ERRORS" -ne 0 ]; then cost_fail "the one-round cost bench did not compile"
          else
            grind=$WORK/out/callgrind; rm -rf "$grind"; mkdir -p "$grind"
            TEST_TIMEOUT=${CALLGRIND_TIMEOUT:-5400} LOG=Cost.callgrind CLR="$CLRGRIND" \
              RUNNER="$SETARCH valgrind --tool=callgrind --callgrind-out-file=$grind/cost.out" runtests CostCallgrind "cost bench under callgrind" "$COSTREFS"
            if [ "$FAILED" -ne 0 ] || [ "$PASSED" -ne 3 ]; then cost_fail "the cost bench under callgrind failed (see $WORK/out/Cost.callgrind.log)"
            else
              # The begin lines give each region's N; each dump "desc: Trigger: Client Request: NAME" its total.
              { tr -d '\r' < "$WORK/out/Cost.callgrind.log" | sed -nE 's/^COST begin ([^ ]+) (n=[0-9]+)$/begin \1 \2 0/p'
                for f in "$grind"/cost.out.*; do
                  awk '/^desc: Trigger: Client Request: / { name = $5 } /^totals: / { total = $2 } END { if (name != "") print "end", name, total }' "$f"
                done; } | per_decision | sort > "$WORK/out/machine-per-decision.tsv"
              if [ "${PIPESTATUS[1]}" -eq 0 ]; then
                MACHINE_OK=1
                echo "--- machine instructions per decision (callgrind), the harness's loop subtracted:"
                sed 's/^/    /' "$WORK/out/machine-per-decision.tsv"
              else cost_fail "the callgrind dumps were incomplete (see $grind)"; fi
            fi
          fi
        fi
        if [ "$BENCH" = 1 ]; then
          # The machine figures join the JSON only when their run succeeded (a failure is reported above).
          machine=(); [ "${MACHINE_OK:-0}" = 1 ] && machine=("$WORK/out/machine-per-decision.tsv")
          "$HERE/bench-json.sh" "$WORK/out/il-per-decision.tsv" "$WORK/out/ns-per-decision.tsv" "${machine[@]}" > "$WORK/out/nanoclr-bench.json" \
            && echo "--- nanoCLR bench (IL from the counting build, ns from $CLR): $WORK/out/nanoclr-bench.json" \
            || cost_fail "bench-json.sh failed"
        fi
      fi
    fi
  fi
fi

[ "$PATCH" = 1 ] && tag="nanoCLR+string-array-null.patch" || tag="nanoCLR (unpatched)"
echo "$tag device tests: $DP passed, $DF failed, $DS skipped of $DEXPECTED test methods ($DRAN results; exit $DRC)"
[ "$COSTRC" -eq 0 ] || echo "IL budget: a decision costs more than bench/il-budget.tsv allows (see above): make it cheaper, or raise the budget in the same commit and say why"
[ "$DF" -eq 0 ] && [ "$DP" -eq "$DEXPECTED" ] && [ "$COSTRC" -eq 0 ]
