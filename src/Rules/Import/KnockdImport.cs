// knockd.conf -> a rules script using knock(), so that knockd users can move over (`gateway import`, and
// `gateway compile` on a .conf). What translates: each door's sequence (port or port:udp), seq_timeout,
// tcpflags=syn, and a start command that is the usual `iptables -A|-I INPUT -s %IP% -p tcp|udp --dport N
// -j ACCEPT` line (with its stop command and cmd_timeout when the stop deletes that same rule). Everything else
// (other commands, closing sequences, one_time_sequences, other tcpflags, [options]) is listed as not
// translated, with its line and the reason, at the top of the script and to the caller.
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Rules.Import;

/// <summary>Translates knockd configurations.</summary>
public static partial class KnockdImport
{
    /// <summary>The script, the lines not translated (FILE:LINE: reason), and how many doors were.</summary>
    public sealed record Translation(string Script, IReadOnlyList<string> NotTranslated, int Doors);

    private sealed class Door(string name, int line)
    {
        public string Name { get; } = name;
        public int Line { get; } = line;
        public Dictionary<string, (string Value, int Line)> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^\S*iptables\s+-(?<op>[AI])\s+INPUT(\s+\d+)?\s+-s\s+%IP%\s+-p\s+(?<proto>tcp|udp)\s+--dport\s+(?<port>\d{1,5})\s+-j\s+ACCEPT\s*$")]
    private static partial Regex AcceptLine();

    [GeneratedRegex(@"^\S*iptables\s+-D\s+INPUT\s+-s\s+%IP%\s+-p\s+(?<proto>tcp|udp)\s+--dport\s+(?<port>\d{1,5})\s+-j\s+ACCEPT\s*$")]
    private static partial Regex DeleteLine();

    /// <summary>The script file name a translated configuration loads under (knockd.conf -> knockd.js).</summary>
    public static string ScriptName(string fileName) => Path.GetFileNameWithoutExtension(fileName) + ".js";

    public static Translation Translate(string fileName, string text)
    {
        var doors = new List<Door>();
        var skipped = new List<string>();
        Door? current = null;
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            int number = i + 1;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                string name = line[1..^1].Trim();
                current = name.Equals("options", StringComparison.OrdinalIgnoreCase) ? null : new Door(name, number);
                if (current != null) doors.Add(current);
                continue;
            }
            if (current == null)
            {
                skipped.Add($"{fileName}:{number}: [options] {ImportedScript.Shown(line)}: knockd's own settings (logging, interface); the gateway has its own");
                continue;
            }
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) { skipped.Add($"{fileName}:{number}: [{current.Name}] {ImportedScript.Shown(line)}: not key = value"); continue; }
            current.Keys[line[..eq].Trim()] = (line[(eq + 1)..].Trim(), number);
        }

        var body = new StringBuilder();
        int translated = 0;
        var opened = new Dictionary<string, string>(StringComparer.Ordinal);   // "tcp/22" -> grant list
        foreach (var door in doors)
        {
            string? knock = TranslateDoor(fileName, door, skipped, opened);
            if (knock == null) continue;
            body.Append(knock);
            translated++;
        }

        string script = ImportedScript.Frame(fileName, "a knockd configuration", "knockd leaves everything it does not open to iptables' policy; this script drops it (a gateway fails closed).", skipped, body);
        return new Translation(script, skipped, translated);
    }

    private static string? TranslateDoor(string file, Door door, List<string> skipped, Dictionary<string, string> opened)
    {
        string Where(string key) => door.Keys.TryGetValue(key, out var v) ? $"{file}:{v.Line}" : $"{file}:{door.Line}";
        foreach (var key in door.Keys.Keys)
        {
            if (key.Equals("sequence", StringComparison.OrdinalIgnoreCase) || key.Equals("seq_timeout", StringComparison.OrdinalIgnoreCase)
                || key.Equals("command", StringComparison.OrdinalIgnoreCase) || key.Equals("start_command", StringComparison.OrdinalIgnoreCase)
                || key.Equals("stop_command", StringComparison.OrdinalIgnoreCase) || key.Equals("cmd_timeout", StringComparison.OrdinalIgnoreCase)
                || key.Equals("tcpflags", StringComparison.OrdinalIgnoreCase))
                continue;
            skipped.Add($"{Where(key)}: [{door.Name}] {key}: not translated (knock() has no such setting)");
        }
        if (!door.Keys.TryGetValue("sequence", out var sequence))
        {
            skipped.Add($"{file}:{door.Line}: [{door.Name}] has no sequence (one_time_sequences are not translated)");
            return null;
        }
        var steps = new List<string>();
        foreach (var raw in sequence.Value.Split(','))
        {
            string step = raw.Trim();
            string proto = "tcp";
            int colon = step.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0) { proto = step[(colon + 1)..].Trim().ToLowerInvariant(); step = step[..colon].Trim(); }
            if (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535 || proto is not ("tcp" or "udp"))
            {
                skipped.Add($"{file}:{sequence.Line}: [{door.Name}] sequence step \"{raw.Trim()}\" is not port or port:tcp|udp");
                return null;
            }
            steps.Add(proto == "udp" ? $"'udp:{port}'" : port.ToString(CultureInfo.InvariantCulture));
        }
        string window = "25s";   // knockd's default seq_timeout
        if (door.Keys.TryGetValue("seq_timeout", out var timeout))
        {
            if (!int.TryParse(timeout.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds < 1)
            {
                skipped.Add($"{file}:{timeout.Line}: [{door.Name}] seq_timeout \"{timeout.Value}\" is not a number of seconds");
                return null;
            }
            window = seconds.ToString(CultureInfo.InvariantCulture) + "s";
        }
        if (door.Keys.TryGetValue("tcpflags", out var flags) && !flags.Value.Replace(" ", "", StringComparison.Ordinal).Equals("syn", StringComparison.OrdinalIgnoreCase))
            skipped.Add($"{file}:{flags.Line}: [{door.Name}] tcpflags = {flags.Value}: knock() counts connection attempts (SYN) only");

        var start = door.Keys.TryGetValue("start_command", out var sc) ? sc : door.Keys.TryGetValue("command", out var c) ? c : default;
        if (start.Value == null)
        {
            skipped.Add($"{file}:{door.Line}: [{door.Name}] has no command: nothing to grant");
            return null;
        }
        var accept = AcceptLine().Match(start.Value);
        if (!accept.Success)
        {
            var delete = DeleteLine().Match(start.Value);
            skipped.Add(delete.Success
                ? $"{file}:{start.Line}: [{door.Name}] command removes an accept: rules cannot take an address off a list, the grant ends with its timeout instead (give the opening door a cmd_timeout)"
                : $"{file}:{start.Line}: [{door.Name}] command \"{start.Value}\" is not the usual iptables accept line (-A|-I INPUT -s %IP% -p tcp|udp --dport N -j ACCEPT)");
            return null;
        }
        string protocol = accept.Groups["proto"].Value;
        string servicePort = accept.Groups["port"].Value;

        // knockd runs the start command and, cmd_timeout seconds later, the stop command: a timed grant when the
        // stop deletes the same rule; without a stop the accept stays until someone removes it (or a reboot).
        string grantTimeout = "none-dynamic";
        string grantNote = "knockd keeps the accept until it is removed: here until the gateway restarts (set grantTimeout)";
        if (door.Keys.TryGetValue("stop_command", out var stop))
        {
            var delete = DeleteLine().Match(stop.Value);
            bool same = delete.Success && delete.Groups["proto"].Value == protocol && delete.Groups["port"].Value == servicePort;
            int seconds = 10;   // knockd's default cmd_timeout
            bool timed = !door.Keys.TryGetValue("cmd_timeout", out var ct) || int.TryParse(ct.Value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
            if (same && timed)
            {
                grantTimeout = seconds.ToString(CultureInfo.InvariantCulture) + "s";
                grantNote = $"stop_command removes the accept after {seconds} s";
            }
            else skipped.Add($"{file}:{stop.Line}: [{door.Name}] stop_command \"{stop.Value}\" does not delete the accept its command adds");
        }

        string grant = "knockd:" + Safe(door.Name);
        string service = protocol + "/" + servicePort;
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"// [{door.Name}] ({file}:{door.Line}): {sequence.Value} within {window} in all (knock() gives each step {window}); opens {service}; {grantNote}.\n");
        b.Append(CultureInfo.InvariantCulture, $"knock({{ name: '{Safe(door.Name)}', sequence: [{string.Join(", ", steps)}], window: '{window}', grant: '{grant}', grantTimeout: '{grantTimeout}', accept: false }});\n");
        string also = opened.TryGetValue(service, out var other) ? $"   // {service} is also opened by {other}" : "";
        opened.TryAdd(service, grant);
        b.Append(CultureInfo.InvariantCulture, $"filter.add({{ chain: 'input', protocol: '{protocol}', dstPort: {servicePort}, srcAddressList: '{grant}', action: 'accept' }});{also}\n\n");
        return b.ToString();
    }

    // A door's name as a list or chain name: letters, digits, '-', '_' and '.'.
    private static string Safe(string name)
    {
        var b = new StringBuilder();
        foreach (char ch in name) b.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '-');
        return b.Length == 0 ? "door" : b.ToString();
    }
}
