// The gateway's address-list store against the Dictionary<uint,long> of expiry times a hand-written knock check
// would use (the baseline of each category), 1,000 IPv4 sources: a lookup that misses, one that hits, and a
// refresh (re-adding a listed source, which a knock does). Each invocation does it for each of 1,000 sources,
// the clock one ms further for each.
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Gateway.Core.AddressLists;
using Gateway.Core.Model;

namespace Gateway.Benchmarks;

[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ListBenchmarks
{
    private const long TimeoutMs = 60_000;
    private readonly uint[] _address = new uint[1];
    private readonly Dictionary<uint, long> _dictionary = new();
    private uint[] _listed = [], _strangers = [];
    private AddressListStore? _store;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        _listed = Traffic.Sources(1);
        _strangers = Traffic.Sources(2);
        _store = new AddressListStore(Family.Ipv4, Gateway.Core.Capacity.DefaultIpv4ListEntries * 4, 0, 1);
        foreach (uint source in _listed)
        {
            _dictionary[source] = TimeoutMs;
            _address[0] = source;
            _store.AddFromRule(0, _address, 0, ListTimeoutKind.Timed, TimeoutMs, 0);
        }
    }

    [BenchmarkCategory("miss"), Benchmark(Baseline = true, OperationsPerInvoke = Traffic.Batch)]
    public int DictionaryMiss() => DictionaryLive(_strangers);

    [BenchmarkCategory("miss"), Benchmark(OperationsPerInvoke = Traffic.Batch)]
    public int StoreMiss() => StoreLive(_strangers);

    [BenchmarkCategory("hit"), Benchmark(Baseline = true, OperationsPerInvoke = Traffic.Batch)]
    public int DictionaryHit() => DictionaryLive(_listed);

    [BenchmarkCategory("hit"), Benchmark(OperationsPerInvoke = Traffic.Batch)]
    public int StoreHit() => StoreLive(_listed);

    [BenchmarkCategory("refresh"), Benchmark(Baseline = true, OperationsPerInvoke = Traffic.Batch)]
    public void DictionaryRefresh()
    {
        foreach (uint source in _listed) _dictionary[source] = ++_now + TimeoutMs;
    }

    [BenchmarkCategory("refresh"), Benchmark(OperationsPerInvoke = Traffic.Batch)]
    public void StoreRefresh()
    {
        foreach (uint source in _listed)
        {
            _address[0] = source;
            _store!.AddFromRule(0, _address, 0, ListTimeoutKind.Timed, TimeoutMs, ++_now);
        }
    }

    private int DictionaryLive(uint[] sources)
    {
        int live = 0;
        foreach (uint source in sources)
            if (_dictionary.TryGetValue(source, out long until) && _now < until) live++;
        return live;
    }

    private int StoreLive(uint[] sources)
    {
        int live = 0;
        foreach (uint source in sources)
        {
            _address[0] = source;
            if (_store!.Contains(0, _address, 0, _now)) live++;
        }
        return live;
    }
}
