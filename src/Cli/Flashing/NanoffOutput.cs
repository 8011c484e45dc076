// Reads what nanoff (nanoFramework's firmware flasher, nanoFirmwareFlasher) prints, as its sources write it:
// `--listtargets` prints "Available targets:", then each target on a line indented two spaces and up to three
// of its published versions below it, indented four (Program.cs DisplayBoardDetails); `--nanodevice
// --devicedetails` prints the device's "Native Assemblies:", one "  NAME vVERSION, checksum 0xXXXXXXXX" a line
// (nf-debugger's NanoFrameworkDeviceInfo.ToString).
namespace Gateway.Cli.Flashing;

public static class NanoffOutput
{
    /// <summary>The versions `nanoff --listtargets` lists for <paramref name="target"/>, in the order listed.</summary>
    public static IReadOnlyList<string> PublishedVersions(string listing, string target)
    {
        var versions = new List<string>();
        bool inTarget = false;
        foreach (string raw in listing.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("    ", StringComparison.Ordinal))
            {
                if (inTarget) versions.Add(line.Trim());
            }
            else if (line.StartsWith("  ", StringComparison.Ordinal)) inTarget = line.Trim() == target;
            else inTarget = false;
        }
        return versions;
    }

    /// <summary>The newest of <paramref name="versions"/> on the firmware line (e.g. 1.17.0 takes 1.17.0.N), or null.</summary>
    public static string? NewestOnLine(IEnumerable<string> versions, string line) => versions
        .Where(v => v.StartsWith(line + ".", StringComparison.Ordinal) && Version.TryParse(v, out _))
        .OrderByDescending(Version.Parse).FirstOrDefault();

    /// <summary>The native assemblies and versions of `nanoff --nanodevice --devicedetails`, by name.</summary>
    public static IReadOnlyDictionary<string, string> NativeAssemblies(string details)
    {
        var natives = new Dictionary<string, string>(StringComparer.Ordinal);
        bool inNatives = false;
        foreach (string raw in details.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Trim() == "Native Assemblies:") { inNatives = true; continue; }
            if (!inNatives) continue;
            if (!line.StartsWith("  ", StringComparison.Ordinal)) { inNatives = false; continue; }
            // "  System.Net v100.2.0.12, checksum 0x1A2B3C4D"
            string item = line.Trim();
            int space = item.IndexOf(" v", StringComparison.Ordinal);
            int comma = item.IndexOf(',', StringComparison.Ordinal);
            if (space <= 0) continue;
            string version = comma > space ? item[(space + 2)..comma] : item[(space + 2)..];
            natives[item[..space]] = version.Trim();
        }
        return natives;
    }
}
