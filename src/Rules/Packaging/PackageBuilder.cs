// `gateway compile`: rules -> rule package bytes, with a summary, an optional board check (table
// capacities, listeners and sockets against the board's budget) and the expanded rules for --explain.
using System.Globalization;
using System.Text;
using Gateway.Core.Boards;
using Gateway.Core.Compiler;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Tables;
using Gateway.Host.RouterOs;
using Gateway.Rules.Diagnostics;

namespace Gateway.Rules.Packaging;

/// <summary>What compiling produced.</summary>
public sealed record CompileOutput(byte[] Package, string TableId, Table Table, ListenPlan Listen);

/// <summary>Builds rule packages from loaded rules.</summary>
public static class PackageBuilder
{
    /// <summary>TCP port of the gateway's own network console (DESIGN.md; --console-port changes it).</summary>
    public const int DefaultConsolePort = 2323;

    /// <summary>The network console's port on a board (the firmware's DeviceSettings.DefaultConsolePort; a test
    /// keeps the two equal): lint and compile check this one when a board is named.</summary>
    public const int BoardConsolePort = 23;

    /// <summary>The console port to check: the one given, else a board's when one is named, else the emulator's.</summary>
    public static int ConsolePortFor(int? given, string? boardName) => given ?? (boardName != null ? BoardConsolePort : DefaultConsolePort);

    public static (CompileOutput? Output, Diagnostic? Error) Build(LoadedRules rules, BoardProfile? board, int consolePort = DefaultConsolePort)
    {
        var limits = board?.Limits ?? new TableLimits();
        var result = TableLoader.Compile(rules.RuleSet, limits, 0, out Table? table);
        if (!result.IsOk)
        {
            string message = board != null && result.Error == PackageError.OverCapacity
                ? $"{result.What} {result.Actual}; board {board.Name} allows {result.Limit}"
                : result.Message;
            return (null, new Diagnostic(rules.File, Math.Max(result.Line, 1), Math.Max(result.Column, 1), message));
        }
        var listen = ListenPlan.Of(rules.RuleSet, consolePort);
        if (board != null)
        {
            var error = CheckSockets(rules.File, listen, board);
            if (error != null) return (null, error);
        }
        byte[] package = PackageWriter.Write(rules.RuleSet, rules.File, rules.Source);
        if (board != null && MemoryEstimate.PeakDuringSwap(table!, package.Length) > board.HeapBytes)
            return (null, new Diagnostic(rules.File, 1, 1,
                $"the rules need about {MemoryEstimate.PeakDuringSwap(table!, package.Length)} bytes of heap while they are swapped in (tables and lists twice, plus the {package.Length}-byte package); board {board.Name} plans with {board.HeapBytes}"));
        int maxPackage = board?.MaxPackageBytes ?? Gateway.Core.Capacity.MaxPackageBytes;
        if (package.Length > maxPackage)
            return (null, new Diagnostic(rules.File, 1, 1, $"rule package is {package.Length} bytes (source included); {(board != null ? "board " + board.Name : "the device")} takes at most {maxPackage}"));
        return (new CompileOutput(package, table!.TableId, table, listen), null);
    }

    // Every listened TCP port is a listener; every listened port is a socket. One socket stays free
    // for the console's client and two for one forwarded connection, so the door can be used at all, and
    // two are the packet tap's. Checked for listener mode, the worst case: a board whose raw sockets do
    // not open falls back to listening on every port the rules name, with its tap sockets still set aside.
    private static Diagnostic? CheckSockets(string file, ListenPlan listen, BoardProfile board)
    {
        int tcp = 0;
        for (int i = 0; i < listen.Count; i++)
        {
            if (listen.ProtocolAt(i) == Protocols.Tcp) tcp++;
            if (tcp > board.TcpListeners)
                return At(file, listen, i, $"the rules need {listen.CountOf(Protocols.Tcp)} TCP listeners (console included); board {board.Name} allows {board.TcpListeners}");
            if (i + 1 + ReservedSockets + TapSockets > board.Sockets)
                return At(file, listen, i, $"the rules need {listen.Count} listening sockets plus {ReservedSockets} for connections and {TapSockets} for the packet tap; board {board.Name} has {board.Sockets}");
        }
        if (listen.IsOverflowed) return new Diagnostic(file, 1, 1, $"the rules name more than {ListenPlan.MaxPorts} ports to listen on");
        return null;
    }

    /// <summary>Sockets kept for traffic: one console client and one forwarded connection (two sockets).</summary>
    public const int ReservedSockets = 3;

    /// <summary>The packet tap's raw sockets (TCP and UDP), set aside on the board whether or not they open.</summary>
    public const int TapSockets = 2;

    private static Diagnostic At(string file, ListenPlan listen, int i, string message)
        => new(file, Math.Max(listen.LineAt(i), 1), Math.Max(listen.ColumnAt(i), 1), message);

    /// <summary>The summary `gateway compile` prints.</summary>
    public static string Summary(LoadedRules rules, CompileOutput output, BoardProfile? board)
    {
        var b = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        int v4 = rules.RuleSet.Ipv4.RuleCount, v6 = rules.RuleSet.Ipv6.RuleCount;
        b.AppendLine(c, $"rules: {v4} ip, {v6} ipv6; chains: {output.Table.Ipv4.ChainCount} ip, {output.Table.Ipv6.ChainCount} ipv6");
        b.AppendLine(c, $"lists: {string.Join(", ", ListNames(output.Table))}");
        b.AppendLine(c, $"forwards: {output.Table.Forwards.Length}");
        var ports = Enumerable.Range(0, output.Listen.Count).Select(i => $"{Protocols.NameOf(output.Listen.ProtocolAt(i))}/{output.Listen.PortAt(i)}");
        b.AppendLine(c, $"listens on: {string.Join(" ", ports)}");
        string lists = $"{output.Table.Ipv4Lists.Capacity} ip + {output.Table.Ipv6Lists.Capacity} ipv6 list entries";
        b.AppendLine(c, $"table: {output.Table.TableBytes} bytes of rules, {lists}{(board != null ? $" (board {board.Name})" : "")}");
        int peak = MemoryEstimate.PeakDuringSwap(output.Table, output.Package.Length);
        b.AppendLine(c, $"heap while swapping in: about {peak} bytes{(board != null ? $" of the board's {board.HeapBytes}" : "")}");
        b.AppendLine(c, $"package: {output.Package.Length} bytes");
        b.Append(c, $"table id: {output.TableId}");
        return b.ToString();
    }

    private static IEnumerable<string> ListNames(Table t)
    {
        var names = Enumerable.Range(0, t.Ipv4.ListCount).Select(t.Ipv4.ListName)
            .Concat(Enumerable.Range(0, t.Ipv6.ListCount).Select(i => "ipv6 " + t.Ipv6.ListName(i))).ToList();
        return names.Count == 0 ? new[] { "none" } : names;
    }

    /// <summary>`--explain`: the rules after helpers, as RouterOS commands, each with its chain index.</summary>
    public static string Explain(RuleSet rules) => RouterOsExport.TextWithChainIndexes(rules).TrimEnd('\n');
}
