// What the micro-benchmarks decide: the built-in rules (the seed recipe) compiled as the device compiles them,
// distinct IPv4 sources, and the Packet filled field by field as GatewayApp fills it.
using Gateway.Core.Compiler;
using Gateway.Core.Defaults;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Tables;
using Gateway.Host.RouterOs;

namespace Gateway.Benchmarks;

internal static class Traffic
{
    /// <summary>Packets per benchmark invocation (each from its own source).</summary>
    public const int Batch = 1000;
    public const uint Gateway = 0xC0000201;   // 192.0.2.1

    /// <summary>Distinct sources in 10.0.0.0/8, the same on every call for a seed.</summary>
    public static uint[] Sources(int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<uint>();
        var sources = new uint[Batch];
        for (int i = 0; i < Batch; i++)
        {
            uint a;
            do a = 0x0A000000u | (uint)random.Next(1 << 24); while (!seen.Add(a));
            sources[i] = a;
        }
        return sources;
    }

    public static Table Compile(string routerOsText)
    {
        var rules = new RuleSet();
        var error = new RouterOsImporter(rules).Import(routerOsText);
        if (error != null) throw new InvalidOperationException(error.ToString());
        var result = RuleCompiler.Compile(rules, new TableLimits(), "", 0, out Table? table);
        if (!result.IsOk) throw new InvalidOperationException(result.ToString());
        return table!;
    }

    public static Table Seed() => Compile(DefaultRules.Text);

    /// <summary>A TCP SYN to the gateway's input chain, filled as GatewayApp fills a listener's connection.</summary>
    public static void Fill(Packet p, uint source, int port, int inInterface)
    {
        p.Family = Family.Ipv4;
        p.Src[0] = source;
        p.Dst[0] = Gateway;
        p.SrcPort = 40000;
        p.DstPort = port;
        p.Chain = EntryChain.Input;
        p.Protocol = Protocols.Tcp;
        p.TcpFlags = TcpFlags.Syn;
        p.Length = 60;
        p.ClearUnseenHeaders();
        p.ConnectionState = ConnectionStates.New;
        p.InInterface = inInterface;
        p.OutInterface = Packet.Absent;
        p.NatState = 0;
    }
}
