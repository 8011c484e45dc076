// gateway boards: the board profiles this build knows, with their budgets.
using System.CommandLine;
using Gateway.Rules.Boards;

namespace Gateway.Cli.Commands;

internal static class BoardsCommand
{
    public static Command Create()
    {
        var command = new Command("boards", "List the supported boards and their limits");
        command.SetAction(_ =>
        {
            foreach (var name in BoardProfiles.Names)
            {
                var b = BoardProfiles.Find(name)!;
                Console.WriteLine($"{b.Name,-24} {b.Target,-24} sockets {b.Sockets,2}, tcp listeners {b.TcpListeners}, rules {b.Limits.MaxRules}, ip list entries {b.Limits.Ipv4ListEntries}");
            }
            return 0;
        });
        return command;
    }
}
