// The compatibility pin (src/Firmware/Device/nanoframework.json, embedded at build time): the nanoCLR
// firmware per board target and the package versions built for it. `gateway flash` takes the firmware
// from it; NanoFrameworkPinTests hold every packages.config and .nfproj to it.
using System.Text.Json;
using System.Xml.Linq;

namespace Gateway.Cli.Flashing;

/// <summary>One pinned package: its version, the assembly and native version it carries, and the
/// packages (with versions) it was built against, all of which a packages.config must list too.</summary>
public sealed record PinnedPackage(string Id, string Version, string? Native, IReadOnlyDictionary<string, string> Dependencies);

/// <summary>The pin: firmware line, exact firmware version per target (null until someone fills it),
/// the native versions the firmware must report, and the packages.</summary>
public sealed class NanoFrameworkPin
{
    /// <summary>The embedded copy's resource name.</summary>
    public const string ResourceName = "nanoframework.json";

    public required string FirmwareLine { get; init; }
    /// <summary>The exact version for every target that has none of its own, or null.</summary>
    public string? FirmwareVersion { get; init; }
    /// <summary>nf-interpreter commits the firmware must be built between: [From, Before).</summary>
    public required string CommitFrom { get; init; }
    public required string CommitBefore { get; init; }
    public required IReadOnlyDictionary<string, string?> Targets { get; init; }
    public required IReadOnlyDictionary<string, string> NativeVersions { get; init; }
    public required IReadOnlyList<PinnedPackage> Packages { get; init; }

    /// <summary>The pin this build carries.</summary>
    public static NanoFrameworkPin Embedded()
    {
        using var stream = typeof(NanoFrameworkPin).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the build lost its embedded " + ResourceName);
        return Parse(stream);
    }

    public static NanoFrameworkPin Parse(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var firmware = root.GetProperty("firmware");
        var commits = firmware.GetProperty("interpreterCommits");
        return new NanoFrameworkPin
        {
            FirmwareLine = firmware.GetProperty("line").GetString()!,
            FirmwareVersion = firmware.GetProperty("version").GetString(),
            CommitFrom = commits.GetProperty("from").GetString()!,
            CommitBefore = commits.GetProperty("before").GetString()!,
            Targets = firmware.GetProperty("targets").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetProperty("version").GetString()),
            NativeVersions = firmware.GetProperty("nativeVersions").EnumerateObject().ToDictionary(n => n.Name, n => n.Value.GetString()!),
            Packages = root.GetProperty("packages").EnumerateArray().Select(p => new PinnedPackage(
                p.GetProperty("id").GetString()!, p.GetProperty("version").GetString()!, p.GetProperty("native").GetString(),
                p.GetProperty("dependencies").EnumerateObject().ToDictionary(d => d.Name, d => d.Value.GetString()!))).ToList(),
        };
    }

    /// <summary>True when the pin names a firmware for this nanoff target.</summary>
    public bool Knows(string target) => Targets.ContainsKey(target);

    /// <summary>The exact firmware version for the target (its own, else the pin-wide one), or null when
    /// nobody has filled it in yet.</summary>
    public string? FirmwareFor(string target) => Targets.TryGetValue(target, out var v) && v != null ? v : FirmwareVersion;

    /// <summary>Problems of a packages.config against the pin, one sentence each; empty when it agrees:
    /// every package pinned at the same version, and every dependency of every package listed at the
    /// version the pin (and so the package) was built with.</summary>
    public IReadOnlyList<string> Check(string packagesConfigPath)
    {
        var problems = new List<string>();
        var listed = XDocument.Load(packagesConfigPath).Root!.Elements("package")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
        var pinned = Packages.ToDictionary(p => p.Id);
        foreach (var (id, version) in listed)
        {
            if (!pinned.TryGetValue(id, out var pin)) { problems.Add($"{id} {version} is not in the pin"); continue; }
            if (pin.Version != version) problems.Add($"{id} is {version}; the pin says {pin.Version}");
            foreach (var (dep, depVersion) in pin.Dependencies)
            {
                if (!listed.TryGetValue(dep, out var have)) problems.Add($"{id} needs {dep} {depVersion}, which is missing");
                else if (have != depVersion) problems.Add($"{id} was built with {dep} {depVersion}; listed is {have}");
            }
        }
        return problems;
    }
}
