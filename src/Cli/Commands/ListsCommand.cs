// gateway lists [--port DEVICE]: the live address-list entries as RouterOS prints them (timeouts as 59s, 1m2s;
// an entry without one is none-dynamic or static), or that there are none.
using System.CommandLine;
using Gateway.Cli.Serial;
using Gateway.Core.Model;
using Gateway.Host.Console;

namespace Gateway.Cli.Commands;

internal static class ListsCommand
{
    private static readonly string[] Header = { "FAMILY", "LIST", "ADDRESS", "TIMEOUT" };

    public static Command Create()
    {
        var port = SerialCommands.PortOption();
        var lists = new Command("lists", "Show the live address-list entries") { port };
        lists.SetAction(r => SerialCommands.Guard(() =>
        {
            using var link = new SerialLink(SerialCommands.Port(r, port));
            var entries = link.Lists();
            if (entries.Count == 0) Console.WriteLine("no address-list entries");
            else foreach (var line in Table(entries)) Console.WriteLine(line);
            return 0;
        }));
        return lists;
    }

    /// <summary>The machine protocol's "FAMILY LIST ADDRESS LIFE" lines (LIFE: ms left, none-dynamic or static) as
    /// aligned columns under a header, timeouts in RouterOS's form to the second.</summary>
    public static IEnumerable<string> Table(IEnumerable<string> entries)
    {
        var rows = new List<string[]> { Header };
        foreach (var entry in entries)
        {
            var w = entry.Split(' ');
            if (w.Length != 4) { rows.Add(new[] { entry, "", "", "" }); continue; }
            rows.Add(new[] { w[0], w[1], w[2], Timeout(w[3]) });
        }
        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        return rows.Select(r => string.Join("  ", r.Select((cell, c) => c == 3 ? cell : cell.PadRight(widths[c]))).TrimEnd());
    }

    private static string Timeout(string life)
    {
        if (!long.TryParse(life, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long ms)) return life == MachineProtocol.StaticLife ? "" : life;
        return ms < 1000 ? "0s" : RouterOsTime.ToText(ms - ms % 1000);
    }
}
