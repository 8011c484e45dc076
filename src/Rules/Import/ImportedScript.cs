// The frame both importers (knockd.conf, access.conf) put around what they translate: who made it and from what,
// what was not translated (with its line), strict mode, established sessions kept, invalid dropped, the doors,
// and a final drop (the gateway fails closed where the old daemon left the rest to iptables' policy).
using System.Globalization;
using System.Text;

namespace Gateway.Rules.Import;

internal static class ImportedScript
{
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
