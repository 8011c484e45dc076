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
                var l = b.Limits;
                int rules = Gateway.Core.Compiler.MemoryEstimate.RulesAtCapacity(l, Gateway.Core.Model.Family.Ipv4) + Gateway.Core.Compiler.MemoryEstimate.RulesAtCapacity(l, Gateway.Core.Model.Family.Ipv6);
                int lists = Gateway.Core.Compiler.MemoryEstimate.ListsAtCapacity(l);
                int detectors = Gateway.Core.Compiler.MemoryEstimate.DetectorsAtCapacity(l);
                int peak = Gateway.Core.Compiler.MemoryEstimate.PeakAtCapacity(l, b.MaxPackageBytes);
                Console.WriteLine($"{b.Name}: {b.Target}, sockets {b.Sockets}, tcp listeners {b.TcpListeners}, active tcp {b.MaxActiveTcp}, console COM2 rx GPIO{b.ConsoleRxPin} tx GPIO{b.ConsoleTxPin}, deploy at 0x{b.DeployAddress:X}");
                Console.WriteLine($"  ports: {string.Join(", ", b.Ports)} (interface lists naming others never match)");
                Console.WriteLine($"  limits: {l.MaxRules} rules/family, {l.Ipv4ListEntries} ip + {l.Ipv6ListEntries} ipv6 list entries, {l.ListRangeEntries} ranges, {l.MaxPsdRules} psd rules, {l.MaxLimitRules} limit/dst-limit matchers, package {b.MaxPackageBytes} B");
                Console.WriteLine($"  heap plan: {b.HeapBytes} B; at capacity: rules {rules} B + lists {lists} B + psd and limits {detectors} B, twice during a swap, + package {b.MaxPackageBytes} B = {peak} B");
            }
            return 0;
        });
        return command;
    }
}
