// fwknopd's access.conf -> a rules script using spa(), so fwknop users can move over (`gateway import`). Each
// SOURCE stanza becomes a door: SOURCE (ANY, addresses, networks), OPEN_PORTS, FW_ACCESS_TIMEOUT, MAX_FW_TIMEOUT,
// REQUIRE_SOURCE_ADDRESS; fwknopd's server-wide MAX_SPA_PACKET_AGE lives in fwknopd.conf, so doors keep its
// default (2m). The keys (KEY_BASE64, HMAC_KEY_BASE64, or the plain KEY and HMAC_KEY) never go into the script:
// they come back as the serial console commands that store them on the device. What the gateway cannot carry
// over is listed with its line and the reason: a stanza without an HMAC key (the gateway requires HMAC), without
// OPEN_PORTS (fwknopd then opens whatever is asked; a door opens only what it lists), RESTRICT_PORTS, GPG,
// another digest or cipher mode, DESTINATION, REQUIRE_USERNAME, command and NAT settings, %include.
using System.Globalization;
using System.Text;

namespace Gateway.Rules.Import;

public static class FwknopAccessImport
{
    /// <summary>The script, the console commands that set the keys (secrets: never written into the script), the
    /// lines not translated (FILE:LINE: reason), and how many stanzas became doors.</summary>
    public sealed record Translation(string Script, IReadOnlyList<string> KeyCommands, IReadOnlyList<string> NotTranslated, int Doors);

    private sealed class Stanza(int line)
    {
        public int Line { get; } = line;
        public Dictionary<string, (string Value, int Line)> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private static readonly HashSet<string> Carried = new(StringComparer.OrdinalIgnoreCase)
    {
        "SOURCE", "OPEN_PORTS", "FW_ACCESS_TIMEOUT", "MAX_FW_TIMEOUT", "REQUIRE_SOURCE_ADDRESS", "KEY", "KEY_BASE64", "HMAC_KEY", "HMAC_KEY_BASE64",
        "HMAC_DIGEST_TYPE", "ENCRYPTION_MODE",
    };

    /// <summary>True when the text reads as an access.conf (a SOURCE line, no [section] of knockd's).</summary>
    public static bool LooksLikeAccessConf(string text)
    {
        bool source = false;
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith('[')) return false;
            // fwknopd takes "SOURCE ANY" and "SOURCE: ANY" alike, in any case.
            source |= line.StartsWith("SOURCE", StringComparison.OrdinalIgnoreCase) && line.Length > 6 && (char.IsWhiteSpace(line[6]) || line[6] == ':');
        }
        return source;
    }

    public static Translation Translate(string fileName, string text)
    {
        var stanzas = new List<Stanza>();
        var skipped = new List<string>();
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            int number = i + 1;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int space = line.IndexOfAny([' ', '\t']);
            string key = (space < 0 ? line : line[..space]).TrimEnd(':');
            string value = space < 0 ? "" : line[space..].Trim().TrimEnd(';').Trim();
            if (key.Equals("REQUIRE_SOURCE", StringComparison.OrdinalIgnoreCase)) key = "REQUIRE_SOURCE_ADDRESS";   // fwknopd's synonym
            if (key.StartsWith('%'))
            {
                skipped.Add($"{fileName}:{number}: {ImportedScript.Shown(key)}: included files are not read; import each file");
                continue;
            }
            if (key.Equals("SOURCE", StringComparison.OrdinalIgnoreCase)) stanzas.Add(new Stanza(number));
            if (stanzas.Count == 0)
            {
                skipped.Add($"{fileName}:{number}: {ImportedScript.Shown(key)} before the first SOURCE: not in a stanza");
                continue;
            }
            if (!Carried.Contains(key))
            {
                skipped.Add($"{fileName}:{number}: {ImportedScript.Shown(key)}: not translated ({Why(key)})");
                continue;
            }
            stanzas[^1].Keys[key] = (value, number);
        }

        var body = new StringBuilder();
        var commands = new List<string>();
        int doors = 0;
        foreach (var stanza in stanzas)
        {
            string name = "spa" + (doors + 1).ToString(CultureInfo.InvariantCulture);
            string? door = TranslateStanza(fileName, stanza, name, skipped, commands);
            if (door == null) continue;
            body.Append(door);
            doors++;
        }
        string script = ImportedScript.Frame(fileName, "fwknopd's access.conf", "The keys are not here: set them on the serial console with the commands `gateway import` printed.", skipped, body);
        return new Translation(script, commands, skipped, doors);
    }

    private static string Why(string key) => key.ToUpperInvariant() switch
    {
        "RESTRICT_PORTS" => "a door opens only what open lists; list the ports in OPEN_PORTS instead",
        "DESTINATION" => "the gateway grants by source address",
        "REQUIRE_USERNAME" => "the gateway does not match the request's user name",
        "ENABLE_CMD_EXEC" or "CMD_EXEC_USER" or "CMD_CYCLE_OPEN" or "CMD_CYCLE_CLOSE" or "CMD_CYCLE_TIMER" => "commands are refused: the gateway runs none",
        "FORCE_NAT" or "FORCE_SNAT" or "FORCE_MASQUERADE" or "DISABLE_DNAT" or "FORWARD_ALL" => "NAT requests are refused: forward with /ip firewall nat and open the forwarded port",
        "ACCESS_EXPIRE" or "ACCESS_EXPIRE_EPOCH" => "a door has no expiry date; remove it with a push",
        _ when key.StartsWith("GPG", StringComparison.OrdinalIgnoreCase) => "GPG mode is not supported: Rijndael with HMAC only",
        _ => "no door setting of that name",
    };

    private static string? TranslateStanza(string file, Stanza s, string name, List<string> skipped, List<string> commands)
    {
        string Where(string key) => s.Keys.TryGetValue(key, out var v) ? $"{file}:{v.Line}" : $"{file}:{s.Line}";
        string? Value(string key) => s.Keys.TryGetValue(key, out var v) ? v.Value : null;

        string? key = Value("KEY_BASE64") ?? (Value("KEY") is { } k ? Convert.ToBase64String(Encoding.UTF8.GetBytes(k)) : null);
        string? hmac = Value("HMAC_KEY_BASE64") ?? (Value("HMAC_KEY") is { } h ? Convert.ToBase64String(Encoding.UTF8.GetBytes(h)) : null);
        if (key == null) { skipped.Add($"{file}:{s.Line}: stanza without KEY_BASE64 or KEY: not translated"); return null; }
        if (hmac == null) { skipped.Add($"{file}:{s.Line}: stanza without HMAC_KEY_BASE64 or HMAC_KEY: not translated (the gateway requires HMAC)"); return null; }
        if (Value("HMAC_DIGEST_TYPE") is { } digest && !digest.Equals("sha256", StringComparison.OrdinalIgnoreCase))
        { skipped.Add($"{Where("HMAC_DIGEST_TYPE")}: HMAC_DIGEST_TYPE {digest}: the gateway checks SHA-256 only; stanza not translated"); return null; }
        if (Value("ENCRYPTION_MODE") is { } mode && !mode.Equals("CBC", StringComparison.OrdinalIgnoreCase))
        { skipped.Add($"{Where("ENCRYPTION_MODE")}: ENCRYPTION_MODE {mode}: the gateway decrypts CBC only; stanza not translated"); return null; }
        string? open = Value("OPEN_PORTS");
        if (open == null) { skipped.Add($"{file}:{s.Line}: stanza without OPEN_PORTS: fwknopd opens any port asked, a door only what it lists; not translated"); return null; }
        var ports = open.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(p => p.ToLowerInvariant()).ToList();

        string source = Value("SOURCE")!;
        var sources = source.Equals("ANY", StringComparison.OrdinalIgnoreCase) ? [] : source.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (sources.Count == 0 && !source.Equals("ANY", StringComparison.OrdinalIgnoreCase))
        { skipped.Add($"{file}:{s.Line}: SOURCE without an address (fwknopd refuses it; ANY means any): stanza not translated"); return null; }

        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"// {file}:{s.Line}: SOURCE {source.Replace('\n', ' ')}\n");
        b.Append(CultureInfo.InvariantCulture, $"spa({{ name: '{name}', open: [{string.Join(", ", ports.Select(ImportedScript.Js))}]");
        if (sources.Count > 0) b.Append(CultureInfo.InvariantCulture, $", sources: [{string.Join(", ", sources.Select(ImportedScript.Js))}]");
        if (Seconds(file, s, "FW_ACCESS_TIMEOUT", skipped) is { } timeout) b.Append(CultureInfo.InvariantCulture, $", timeout: '{timeout}s'");
        if (Seconds(file, s, "MAX_FW_TIMEOUT", skipped) is { } max) b.Append(CultureInfo.InvariantCulture, $", maxTimeout: '{max}s'");
        if (Value("REQUIRE_SOURCE_ADDRESS") is { } require)
            b.Append(", requireSourceAddress: ").Append(require.StartsWith('Y') || require.StartsWith('y') ? "true" : "false");
        b.Append(" });\n\n");
        commands.Add($"/spa key set name={name} key={key} hmac-key={hmac}");
        return b.ToString();
    }

    private static int? Seconds(string file, Stanza s, string key, List<string> skipped)
    {
        if (!s.Keys.TryGetValue(key, out var v)) return null;
        if (int.TryParse(v.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds >= 1 && seconds <= 86400) return seconds;
        skipped.Add($"{file}:{v.Line}: {key} {v.Value}: not a number of seconds from 1 to 86400; the door keeps its default");
        return null;
    }
}
