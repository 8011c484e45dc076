// gateway lists --port DEVICE: the live address-list entries, or that there are none.
using System.CommandLine;
using Gateway.Cli.Serial;

namespace Gateway.Cli.Commands;

internal static class ListsCommand
{
    public static Command Create()
    {
        var port = SerialCommands.PortOption();
        var lists = new Command("lists", "Show the live address-list entries") { port };
        lists.SetAction(r => SerialCommands.Guard(() =>
        {
            using var link = new SerialLink(r.GetValue(port)!);
            var entries = link.Lists();
            foreach (var line in entries) Console.WriteLine(line);
            if (entries.Count == 0) Console.WriteLine("no address-list entries");
            return 0;
        }));
        return lists;
    }
}
