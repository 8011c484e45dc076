// Reads the board profiles (boards/*.json, embedded in this assembly at build time) into the core's
// BoardProfile, so `--board NAME` works from any directory.
using System.Text.Json;
using Gateway.Core.Boards;
using Gateway.Core.Tables;

namespace Gateway.Rules.Boards;

/// <summary>The boards this build knows.</summary>
public static class BoardProfiles
{
    private const string Prefix = "Gateway.Rules.boards.";

    /// <summary>Names of every known board.</summary>
    public static IReadOnlyList<string> Names => typeof(BoardProfiles).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length]).Order(StringComparer.Ordinal).ToList();

    /// <summary>The named profile, or null.</summary>
    public static BoardProfile? Find(string name)
    {
        using var stream = typeof(BoardProfiles).Assembly.GetManifestResourceStream(Prefix + name + ".json");
        return stream == null ? null : Parse(stream);
    }

    /// <summary>A flash address as the profiles write it (<c>0x1E0000</c>).</summary>
    /// <exception cref="FormatException">Not a 0x-prefixed hexadecimal number.</exception>
    public static int Address(string text) => text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        ? int.Parse(text.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture)
        : throw new FormatException($"flash address {text} is not 0x-prefixed hexadecimal");

    public static BoardProfile Parse(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var limits = root.GetProperty("limits");
        int L(string n) => limits.GetProperty(n).GetInt32();
        return new BoardProfile
        {
            Name = root.GetProperty("name").GetString()!,
            Target = root.GetProperty("target").GetString()!,
            Sockets = root.GetProperty("sockets").GetInt32(),
            Ports = root.GetProperty("ports").EnumerateArray().Select(p => p.GetString()!).ToArray(),
            TcpListeners = root.GetProperty("tcpListeners").GetInt32(),
            MaxActiveTcp = root.GetProperty("tcpActive").GetInt32(),
            DeployAddress = Address(root.GetProperty("deployAddress").GetString()!),
            HeapBytes = root.GetProperty("heapBytes").GetInt32(),
            MaxPackageBytes = root.TryGetProperty("packageBytes", out var pkg) ? pkg.GetInt32() : Gateway.Core.Capacity.MaxPackageBytes,
            ConsoleRxPin = root.TryGetProperty("consoleUart", out var uart) ? uart.GetProperty("rx").GetInt32() : 0,
            ConsoleTxPin = root.TryGetProperty("consoleUart", out var uart2) ? uart2.GetProperty("tx").GetInt32() : 0,
            Limits = new TableLimits
            {
                MaxRules = L("rules"), MaxChains = L("chains"), MaxPortRanges = L("portRanges"),
                MaxAddressMatchers = L("addressMatchers"), MaxLists = L("lists"), MaxInterfaces = L("interfaces"),
                MaxForwards = L("forwards"), Ipv4ListEntries = L("ipv4ListEntries"), Ipv6ListEntries = L("ipv6ListEntries"),
                ListRangeEntries = L("listRangeEntries"), MaxPsdRules = L("psdRules"), MaxLimitRules = L("limitRules"),
            },
        };
    }
}
