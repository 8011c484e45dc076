// The frame both importers (knockd.conf, access.conf) put around what they translate: who made it and from what,
// what was not translated (with its line), strict mode, established sessions kept, invalid dropped, the doors,
// and a final drop (the gateway fails closed where the old daemon left the rest to iptables' policy).
using System.Globalization;
using System.Text;

namespace Gateway.Rules.Import;

internal static class ImportedScript
{
    /// <summary>A configuration line as a not-translated note shows it: a line whose name looks like a secret (KEY,
    /// HMAC_KEY_BASE64, a password) shows its name only, so no key reaches a script, a package or a terminal log.</summary>
    public static string Shown(string line)
    {
        int end = line.IndexOfAny([' ', '\t', '=', ':']);
        string name = end < 0 ? line : line[..end];
        string upper = name.ToUpperInvariant();
        return upper.Contains("KEY", StringComparison.Ordinal) || upper.Contains("PASS", StringComparison.Ordinal) || upper.EndsWith("_PW", StringComparison.Ordinal)
            ? name + " (value not shown)" : line;
    }

    /// <summary>Text as a JavaScript string literal in single quotes.</summary>
    public static string Js(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static string Frame(string fileName, string what, string note, IReadOnlyList<string> skipped, StringBuilder body)
    {
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"// Translated by `gateway import` from {fileName} ({what}). Review it before you push it.\n");
        script.Append("// ").Append(note).Append('\n');
        if (skipped.Count > 0)
        {
            script.Append("// Not translated:\n");
            foreach (var s in skipped) script.Append("//   ").Append(s).Append('\n');
        }
        script.Append("'use strict';\n\n");
        script.Append("filter.add({ chain: 'input', connectionState: ['established', 'related'], action: 'accept' });\n");
        script.Append("filter.add({ chain: 'input', connectionState: 'invalid', action: 'drop' });\n\n");
        script.Append(body);
        script.Append("filter.add({ chain: 'input', action: 'drop' });\n");
        return script.ToString();
    }
}
