#!/usr/bin/env bash
# Gets the nanoFramework sources the project pins (sources.tsv: the commits ../shared/nanoframework-src was
# exported from) with git, for a machine with network access: one plain tree per repository under DEST, at its
# pinned commit (checked), without .git. Use DEST as NANO_SRC for the tools here and for .ci/run.
#   tools/nanoframework/fetch-sources.sh DEST
set -euo pipefail
DEST=${1:?usage: fetch-sources.sh DEST}
HERE=$(cd "$(dirname "$0")" && pwd)
SOURCES=${SOURCES:-$HERE/sources.tsv}   # another list of the same form, for a test
mkdir -p "$DEST"; DEST=$(cd "$DEST" && pwd)
grep -v '^#' "$SOURCES" | while IFS=$'\t' read -r folder url tag commit; do
  [ -n "$folder" ] || continue
  if [ -f "$DEST/$folder/.pinned-commit" ] && [ "$(cat "$DEST/$folder/.pinned-commit")" = "$commit" ]; then
    echo "$folder: $commit (already here)"; continue
  fi
  echo "$folder: $url @ $tag ($commit)"
  tmp=$(mktemp -d)
  git -C "$tmp" init -q
  git -C "$tmp" fetch -q --depth 1 "$url" "$commit" 2>/dev/null || git -C "$tmp" fetch -q "$url" "$tag"
  git -C "$tmp" checkout -q FETCH_HEAD
  got=$(git -C "$tmp" rev-parse HEAD)
  [ "$got" = "$commit" ] || { echo "$folder: fetched $got, not the pinned $commit" >&2; rm -rf "$tmp"; exit 1; }
  rm -rf "$DEST/$folder"; mkdir -p "$DEST/$folder"
  git -C "$tmp" archive HEAD | tar -x -C "$DEST/$folder"
  echo "$commit" > "$DEST/$folder/.pinned-commit"
  rm -rf "$tmp"
done
echo "sources in $DEST: use it as NANO_SRC"
