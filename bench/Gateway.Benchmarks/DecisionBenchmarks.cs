// One FilterEngine decision by kind of packet, on the built-in rules (knock tcp 9000, then 6000; a source in
// "secure" may connect): a scan (the common packet: no list holds its source), a granted connection, and a
// knock that refreshes its source's entry. The baseline is a decision whose chain has no rule at all: what any
// rule set pays before its first rule. Each invocation decides one packet from each of 1,000 sources, the clock
// one ms further for each.
using BenchmarkDotNet.Attributes;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Tables;

namespace Gateway.Benchmarks;

[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private readonly Packet _packet = new();
    private readonly Decision _decision = new();
    private uint[] _strangers = [], _granted = [], _knockers = [];
    private FilterEngine? _seed, _empty;
    private int _interface;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        Table empty = Traffic.Compile("/ip firewall filter\nadd chain=forward action=drop\n");
        Table seed = Traffic.Seed();
        _empty = new FilterEngine(empty);
        _seed = new FilterEngine(seed);
        _interface = seed.InterfaceIndex(Gateway.Core.Model.InterfaceNames.Gateway);
        _strangers = Traffic.Sources(1);
        _granted = Traffic.Sources(2);
        _knockers = Traffic.Sources(3);
        foreach (uint source in _granted)
        {
            var address = AddressMatch.Parse($"{source >> 24}.{(source >> 16) & 255}.{(source >> 8) & 255}.{source & 255}", Family.Ipv4, false, out _)!;
            seed.Ipv4Lists.AddEntry(seed.Ipv4.ListId("secure"), address, ListTimeoutKind.Static, 0, 0);
        }
        // The knockers' first knock, so each knock below refreshes an entry (timeout 1m; a source knocks again
        // every 1,000 ms of the clock).
        foreach (uint source in _knockers) Decide(_seed, source, 9000);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Traffic.Batch)]
    public int NoRuleInTheChain() => DecideAll(_empty!, _strangers, 22);

    [Benchmark(OperationsPerInvoke = Traffic.Batch)]
    public int Scan() => DecideAll(_seed!, _strangers, 22);

    [Benchmark(OperationsPerInvoke = Traffic.Batch)]
    public int Granted() => DecideAll(_seed!, _granted, 22);

    [Benchmark(OperationsPerInvoke = Traffic.Batch)]
    public int KnockRefresh() => DecideAll(_seed!, _knockers, 9000);

    private int DecideAll(FilterEngine engine, uint[] sources, int port)
    {
        int accepted = 0;
        for (int i = 0; i < sources.Length; i++)
            if (Decide(engine, sources[i], port) == Verdict.Accept) accepted++;
        return accepted;
    }

    private Verdict Decide(FilterEngine engine, uint source, int port)
    {
        Traffic.Fill(_packet, source, port, _interface);
        return engine.Evaluate(_packet, ++_now, _decision);
    }
}
