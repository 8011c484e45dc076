# Sourced by nano-real-check/run.sh and nanoclr-run/run.sh: builds one nanoFramework project (.nfproj) with the
# .NET SDK against nanoFramework's own mscorlib, from what MSBuild evaluates in it.
#   nfproj_build NFPROJ [DIRNAME] [msbuild -p args...]
# writes WORK/DIRNAME/{DIRNAME.csproj,nano.props} (DIRNAME defaults to the assembly name) from the project's
# Compile items, references, output type, signing and language settings, builds it with TEMPLATE (the NoStdLib
# csproj) in CONFIGURATION (default Release), prints its errors and copies the assembly to WORK/lib/, where the
# next project's references find it. Sets NAME, ERRORS and DLL. Needs WORK, TEMPLATE, NANO_SRC, PROJECT; CORELIB.
nfproj_build() {
  local nfproj=$1 dirname=${2:-} dir json name file stem out; shift; [ $# -gt 0 ] && shift
  json=$(cd "$WORK" && dotnet msbuild "$nfproj" "$@" -getItem:Compile -getItem:Reference -getItem:ProjectReference \
    -getProperty:AssemblyName -getProperty:OutputType -getProperty:LangVersion -getProperty:AllowUnsafeBlocks \
    -getProperty:DefineConstants -getProperty:SignAssembly -getProperty:AssemblyOriginatorKeyFile \
    -getProperty:MSBuildProjectDirectory) || { echo "error: cannot evaluate $nfproj"; NAME=${dirname:-$nfproj}; ERRORS=1; return; }
  name=$(jq -r .Properties.AssemblyName <<<"$json")
  dirname=${dirname:-$name}
  dir=$WORK/$dirname; rm -rf "$dir"; mkdir -p "$dir"; cp "$TEMPLATE" "$dir/$dirname.csproj"
  ERRORS=0
  {
    echo "<Project>"
    echo "  <PropertyGroup>"
    jq -r '.Properties | "    <AssemblyName>\(.AssemblyName)</AssemblyName>",
      "    <DefineConstants>$(DefineConstants);\(.DefineConstants)</DefineConstants>",
      (select(.OutputType == "Exe") | "    <OutputType>Exe</OutputType>", "    <UseAppHost>false</UseAppHost>"),
      (select(.LangVersion != "") | "    <LangVersion>\(.LangVersion)</LangVersion>"),
      (select(.AllowUnsafeBlocks != "") | "    <AllowUnsafeBlocks>\(.AllowUnsafeBlocks)</AllowUnsafeBlocks>"),
      (select(.SignAssembly == "true") | "    <SignAssembly>true</SignAssembly>",
        "    <AssemblyOriginatorKeyFile>\(.MSBuildProjectDirectory)/\(.AssemblyOriginatorKeyFile | gsub("\\\\"; "/"))</AssemblyOriginatorKeyFile>")' <<<"$json"
    echo "  </PropertyGroup>"
    echo "  <ItemGroup>"
    # Windows file names are case-insensitive: take the file whose name matches regardless of case.
    jq -r '.Items.Compile[].FullPath' <<<"$json" | while IFS= read -r file; do
      [ -f "$file" ] || file=$(find "$(dirname "$file")" -maxdepth 1 -iname "$(basename "$file")" | head -1)
      echo "    <Compile Include=\"$file\" />"
    done
    # References by assembly file name (HintPath), project references by project name; mscorlib comes from the template.
    for stem in $(jq -r '(.Items.Reference[]? | (if (.HintPath // "") != "" then .HintPath else .Identity end) | split(",")[0]),
                         (.Items.ProjectReference[]? | .Identity) | gsub("\\\\"; "/") | split("/")[-1] | sub("\\.(dll|exe|nfproj)$"; "")' <<<"$json"); do
      [ "$stem" = mscorlib ] && continue
      if [ -f "$WORK/lib/$stem.dll" ]; then echo "    <Reference Include=\"$stem\" HintPath=\"$WORK/lib/$stem.dll\" Private=\"false\" />"
      else echo "error: $name references $stem, which was not built from sources" >&2; fi
    done
    echo "  </ItemGroup>"
    echo "</Project>"
  } > "$dir/nano.props" 2> "$dir/missing.txt"
  out=$( (cat "$dir/missing.txt"; cd "$WORK" && dotnet build "$dir/$dirname.csproj" -c "${CONFIGURATION:-Release}" -nologo -v:q -clp:NoSummary -p:CoreLibraryVersion="${CORELIB:-1.17.11}" 2>&1 \
    | grep -E '(error|Error) [A-Z]+[0-9]+' | sed -e 's/ \[[^]]*\]$//' -e "s#$NANO_SRC/##" -e "s#$PROJECT/##" | sort -u) )
  [ -n "$out" ] && echo "$out" && ERRORS=$(wc -l <<<"$out")
  NAME=$name; DLL=$dir/bin/$name.dll
  [ "$ERRORS" -eq 0 ] && [ -f "$DLL" ] && cp "$DLL" "$WORK/lib/"
}
