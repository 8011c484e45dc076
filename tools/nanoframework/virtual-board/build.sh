#!/usr/bin/env bash
# Builds the virtual board: the firmware as flashed (src/Firmware/Device and the assemblies it references,
# Release, turned into .pe files by nanoFramework's MetadataProcessor) and nanoCLR's POSIX host with the
# natives a board has and the host lacks (System.Net on Linux sockets, System.IO.Ports on a pseudo-terminal,
# System.IO.FileSystem on a directory, nanoFramework.Hardware.Esp32's pin calls), from a copy of the pinned
# nf-interpreter with virtual-board.patch applied. Nothing under NANO_SRC is changed; no nanoFramework code is
# kept in the project (native/ holds our own files).
#   NANO_SRC  exported nanoFramework sources (default ../shared/nanoframework-src; tools/nanoframework/fetch-sources.sh)
#   PROJECT   Gateway checkout (default: this one)
#   WORK      output (default $TMPDIR/virtual-board): WORK/board/ holds nanoclr and the .pe files, which
#             `gateway emulate --runtime nanoclr --nanoclr WORK/board` runs
#   VIRTUAL_BOARD_PATCHES  more patches for nf-interpreter, applied after virtual-board.patch (a counting build:
#             ../nanoclr-run/il-count.patch, for flood-cost.py --profile); use another WORK for such a build
# A rerun rebuilds only what changed (cmake/ninja for nanoCLR; the assemblies are rebuilt, about a minute).
# Needs cmake >= 3.24, ninja, g++ (C++20), jq and the .NET SDK. Exits 0 when WORK/board is complete.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "${PROJECT:-$HERE/../../..}" && pwd)
NANO_SRC=${NANO_SRC:-$(cd "$PROJECT/.." && pwd)/shared/nanoframework-src}
[ -d "$NANO_SRC/nf-interpreter/targets/posix" ] || { echo "virtual-board: no nanoFramework sources at $NANO_SRC (set NANO_SRC, or get them with tools/nanoframework/fetch-sources.sh DIR)" >&2; exit 2; }
NANO_SRC=$(cd "$NANO_SRC" && pwd)
WORK=${WORK:-${TMPDIR:-/tmp}/virtual-board}
mkdir -p "$WORK"; WORK=$(cd "$WORK" && pwd)
CORELIB=${CORELIB:-1.17.11}
TEMPLATE=$HERE/../nano-real-check/nano.csproj
die() { echo "virtual-board: $*" >&2; exit 1; }
rm -rf "$WORK/lib" "$WORK/out"; mkdir -p "$WORK/lib" "$WORK/out" "$WORK/board"

# ---- 1. nanoCLR with the board's natives -----------------------------------------------------------------
# A copy of nf-interpreter, patched (the interop table, the CMake hook, header fixes), rebuilt when the sources,
# the patch or native/ change; cmake adds native/*.cpp and the pinned tree's own natives (virtual-board.cmake).
applypatch() { patch -p1 -s --dry-run < "$1" > /dev/null 2>&1 && patch -p1 -s < "$1" || { tr -d '\r' < "$1" | patch -p1 -s; }; }
NF=$NANO_SRC/nf-interpreter
PATCHES="$HERE/virtual-board.patch"
for p in ${VIRTUAL_BOARD_PATCHES:-}; do   # absolute: they are applied inside the copy
  [ -f "$p" ] || die "VIRTUAL_BOARD_PATCHES: no patch at $p"
  PATCHES="$PATCHES $(cd "$(dirname "$p")" && pwd)/$(basename "$p")"
done
stamp=$( (printf '%s' "$NF"; ls -lR --time-style=+%s "$NF/src" "$NF/targets/posix"; for p in $PATCHES; do cat "$p"; done) | sha1sum | cut -c1-12)
src=$WORK/nf-interpreter-vb; build=$WORK/nanoclr-vb
if [ "$(cat "$src/.virtual-board" 2>/dev/null)" != "$stamp" ]; then
  [ -d "$src" ] && chmod -R u+w "$src"
  rm -rf "$src" "$build"; mkdir -p "$src"
  (cd "$NF" && tar --exclude=./build -cf - .) | (cd "$src" && tar -xf -)
  chmod -R u+w "$src"
  for p in $PATCHES; do
    (cd "$src" && applypatch "$p") > "$WORK/out/patch.log" 2>&1 || { cat "$WORK/out/patch.log"; die "$(basename "$p") failed"; }
  done
  echo "$stamp" > "$src/.virtual-board"
fi
echo "--- nanoCLR (virtual board): $build"
cmake -S "$src/targets/posix" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" -DVIRTUAL_BOARD_DIR="$HERE" \
  > "$WORK/out/nanoclr-configure.log" 2>&1 || { tail -20 "$WORK/out/nanoclr-configure.log"; die "nanoCLR configure failed"; }
cmake --build "$build" > "$WORK/out/nanoclr-build.log" 2>&1 || { grep -E "error|FAILED|undefined" "$WORK/out/nanoclr-build.log" | head -30; die "nanoCLR build failed (see $WORK/out/nanoclr-build.log)"; }
cp "$build/bin/nanoFramework.nanoCLR.test" "$WORK/board/nanoclr"
cp "$build/lib/nanoFramework.nanoCLR.so" "$WORK/board/" 2>/dev/null || cp "$build"/lib/nanoFramework.nanoCLR.* "$WORK/board/"

# ---- 2. MetadataProcessor -----------------------------------------------------------------------------------
MDPDIR=$HERE/../nanoclr-run/mdp
rm -rf "$WORK/mdp-proj"; cp -R "$MDPDIR" "$WORK/mdp-proj"
dotnet build "$WORK/mdp-proj/Console/MetadataProcessor.Console.csproj" -c Release -nologo -v:q -clp:NoSummary \
  -p:MDP_SRC="$NANO_SRC/metadata-processor" -o "$WORK/mdp" > "$WORK/out/mdp-build.log" 2>&1 \
  || { grep -E "error" "$WORK/out/mdp-build.log" | sort -u | head; die "MetadataProcessor build failed"; }
MDP=$WORK/mdp/nanoFramework.Tools.MetadataProcessor

# ---- 3. the assemblies a board gets -------------------------------------------------------------------------
. "$HERE/../nfproj-build.sh"
LIBS=$(grep -v '^#' "$HERE/../libraries.txt")   # nanoFramework's libraries the app uses, in dependency order
APPS="src/Firmware/Core/Gateway.Core.nfproj
src/Firmware/Crypto/Gateway.Crypto.nfproj
src/Firmware/Host/Gateway.Host.nfproj
src/Firmware/Device/Gateway.Device.nfproj"
ORDER=()   # the load order: mscorlib first, then each assembly after its references
while read -r p; do
  nfproj_build "$NANO_SRC/$p" < /dev/null; [ "$ERRORS" -eq 0 ] || die "$p did not compile"; ORDER+=("$NAME")
done <<< "$LIBS"
while read -r p; do
  nfproj_build "$PROJECT/$p" < /dev/null; [ "$ERRORS" -eq 0 ] || die "$p did not compile"; ORDER+=("$NAME")
done <<< "$APPS"
CORELIB_DIR=$(cd "$WORK/System.Threading" && dotnet msbuild System.Threading.csproj -getProperty:PkgnanoFramework_CoreLibrary -p:CoreLibraryVersion="$CORELIB")/lib
[ -f "$CORELIB_DIR/mscorlib.pe" ] || die "no mscorlib.pe in $CORELIB_DIR"
rm -f "$WORK"/board/*.pe; cp "$CORELIB_DIR/mscorlib.pe" "$WORK/board/"
hints=(-loadHints mscorlib "$CORELIB_DIR/mscorlib.dll")
for name in "${ORDER[@]}"; do
  "$MDP" "${hints[@]}" -parse "$WORK/lib/$name.dll" -compile "$WORK/board/$name.pe" false > "$WORK/out/$name.mdp.log" 2>&1 && [ -s "$WORK/board/$name.pe" ] \
    || { cat "$WORK/out/$name.mdp.log"; die "MetadataProcessor failed on $name"; }
  hints+=(-loadHints "$name" "$WORK/lib/$name.dll")
done
printf '%s\n' mscorlib "${ORDER[@]}" > "$WORK/board/load-order"
echo "virtual board in $WORK/board: nanoclr and $(( ${#ORDER[@]} + 1 )) assemblies (load-order)"
