// gateway bench [RULES]: how fast the device's table engine decides packets, as a ratio against the
// reference interpreter measured in the same run on the same packets (absolute times depend on the
// machine; the ratio is what a change to the engine should move). Desktop .NET, not a board.
using System.CommandLine;
using System.Diagnostics;
using Gateway.Core.Compiler;
using Gateway.Core.Defaults;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Tables;
using Gateway.Rules;
using Gateway.Rules.Reference;
using Gateway.Rules.Replay;

namespace Gateway.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var rules = new Argument<string?>("RULES") { Description = "rules to measure (default: the built-in rules)", Arity = ArgumentArity.ZeroOrOne };
        var packets = new Option<int>("--packets") { Description = "packets per measurement", DefaultValueFactory = _ => 200_000 };
        var command = new Command("bench", "Measure the table engine against the reference interpreter on the same packets") { rules, packets };
        command.SetAction(r => Run(r.GetValue(rules), r.GetValue(packets), Console.Out));
        return command;
    }

    public static int Run(string? path, int count, TextWriter output)
    {
        var loaded = path == null ? RulesFile.LoadText(DefaultRules.FileName, DefaultRules.Text) : RulesFile.Load(path);
        if (!loaded.IsOk) { Common.Report(loaded.Diagnostics); return 1; }
        var set = loaded.Rules!.RuleSet;
        var trace = Trace(count);

        var result = TableLoader.Compile(set, new TableLimits(), 0, out _);
        if (!result.IsOk) { Console.Error.WriteLine("gateway: " + result); return 1; }
        var packet = new Packet();
        var decision = new Decision();
        long tableTicks = Measure(() =>
        {
            TableLoader.Compile(set, new TableLimits(), 0, out Table? table);
            var engine = new FilterEngine(table!);
            return () =>
            {
                foreach (var p in trace)
                {
                    PacketFields.TryAddress(p.Src, packet.Src, out var family);
                    PacketFields.TryAddress(p.Dst, packet.Dst, out _);
                    packet.Family = family;
                    packet.Protocol = Protocols.Tcp;
                    packet.SrcPort = p.Sport;
                    packet.DstPort = p.Dport;
                    packet.TcpFlags = TcpFlags.Syn;
                    packet.Length = p.Len;
                    engine.Evaluate(packet, p.T, decision);
                }
            };
        });
        long parseTicks = Measure(() => () =>
        {
            foreach (var p in trace)
            {
                PacketFields.TryAddress(p.Src, packet.Src, out _);
                PacketFields.TryAddress(p.Dst, packet.Dst, out _);
            }
        });
        long referenceTicks = Measure(() =>
        {
            var reference = new ReferenceFirewall(set);
            return () =>
            {
                foreach (var p in trace) reference.Decide(p, ConnectionStates.New, p.T);
            };
        });
        double engineNs = Math.Max(tableTicks - parseTicks, 1) * 1e9 / Stopwatch.Frequency / count;
        double referenceNs = referenceTicks * 1e9 / Stopwatch.Frequency / count;
        output.WriteLine($"rules: {loaded.Rules.File} ({set.Ipv4.RuleCount} ip rules), {count} packets from {Sources} sources");
        output.WriteLine($"reference interpreter (baseline): {referenceNs:F0} ns/packet");
        output.WriteLine($"table engine:                     {engineNs:F0} ns/packet (address parsing subtracted)");
        output.WriteLine($"ratio: the table engine takes {engineNs / referenceNs:P1} of the reference's time per packet");
        return 0;
    }

    private const int Sources = 500;

    // Knock-like traffic: many sources, the seed's ports and others, time moving so lists expire.
    private static List<TracePacket> Trace(int count)
    {
        var random = new Random(1);
        int[] ports = { 9000, 6000, 22, 80, 2323 };
        var list = new List<TracePacket>(count);
        for (int i = 0; i < count; i++)
            list.Add(new TracePacket { T = i * 2L, Src = $"10.{i % Sources / 250}.{i % 250}.{1 + random.Next(200)}", Dst = "192.0.2.1", Sport = 40000 + i % 1000, Dport = ports[random.Next(ports.Length)] });
        return list;
    }

    // Best of three after a warm-up (JIT, caches), each on a fresh firewall made outside the timed part.
    private static long Measure(Func<Action> setup)
    {
        setup()();
        long best = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var run = setup();
            var watch = Stopwatch.StartNew();
            run();
            best = Math.Min(best, watch.ElapsedTicks);
        }
        return best;
    }
}
