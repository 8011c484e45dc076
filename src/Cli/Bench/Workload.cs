// The packets every engine of the bench decides: IPv4 TCP SYNs to the gateway, one per millisecond, from a
// fixed set of distinct sources; a tenth of them knock the recipe's sequence and then connect to its service,
// step by step, the rest scan common ports and random ones. Sources are drawn uniformly, so each knocker's
// steps are about (sources) ms apart: well inside a one-minute timeout at the default 1,000 sources.
using Gateway.Core.Model;
using Gateway.Rules.Replay;

namespace Gateway.Cli.Bench;

internal sealed class Workload
{
    public const uint Gateway = 0xC0000201;   // 192.0.2.1
    private static readonly int[] ScanPorts = { 22, 23, 80, 443, 3389, 8080, 8443 };

    public required uint[] Src { get; init; }
    public required uint[] Dst { get; init; }
    /// <summary>By packet: true for a service connection (the recipe's service chain), false for input.</summary>
    public required bool[] ToService { get; init; }
    public required int[] SrcPort { get; init; }
    public required int[] DstPort { get; init; }
    public required long[] TimeMs { get; init; }
    public required int DistinctSources { get; init; }
    public required int Knockers { get; init; }
    public required KnockRecipe Recipe { get; init; }
    public int Count => Src.Length;

    public static Workload Generate(KnockRecipe recipe, int decisions, int sources, int seed = 1)
    {
        var random = new Random(seed);
        var pool = new uint[sources];
        var seen = new HashSet<uint>();
        for (int i = 0; i < sources; i++)
        {
            uint a;
            do a = 0x0A000000u | (uint)random.Next(1 << 24); while (a == 0x0A000000u || !seen.Add(a));
            pool[i] = a;   // 10.0.0.0/8, distinct
        }
        int knockers = Math.Max(1, sources / 10);
        var progress = new int[knockers];
        var src = new uint[decisions];
        var sport = new int[decisions];
        var dport = new int[decisions];
        var dst = new uint[decisions];
        var toService = new bool[decisions];
        var time = new long[decisions];
        var used = new HashSet<uint>();
        for (int i = 0; i < decisions; i++)
        {
            int s = random.Next(sources);
            src[i] = pool[s];
            used.Add(pool[s]);
            sport[i] = 32768 + random.Next(28000);
            time[i] = i;
            dst[i] = Gateway;
            if (s < knockers)
            {
                int step = progress[s];
                dport[i] = step < recipe.Steps ? recipe.Ports[step] : recipe.ServicePort ?? KnockRecipe.AnyServicePort;
                if (step == recipe.Steps) { toService[i] = true; dst[i] = recipe.ServiceDst; }
                progress[s] = (step + 1) % (recipe.Steps + 1);
            }
            else dport[i] = random.Next(4) == 0 ? 1 + random.Next(65535) : ScanPorts[random.Next(ScanPorts.Length)];
        }
        return new Workload { Src = src, Dst = dst, ToService = toService, SrcPort = sport, DstPort = dport, TimeMs = time, DistinctSources = used.Count, Knockers = knockers, Recipe = recipe };
    }

    /// <summary>The same packets as trace records, for the reference interpreter (which reads text addresses).</summary>
    public TracePacket[] AsTrace()
    {
        var trace = new TracePacket[Count];
        for (int i = 0; i < Count; i++)
            trace[i] = new TracePacket
            {
                T = TimeMs[i], Src = Text(Src[i]), Dst = Text(Dst[i]), Sport = SrcPort[i], Dport = DstPort[i],
                Chain = ToService[i] ? Recipe.ServiceChain : Recipe.KnockChain,
                Nat = ToService[i] && Recipe.ServiceChain == "forward" ? "dstnat" : null,
            };
        return trace;
    }

    private static string Text(uint a) => $"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}";
}
