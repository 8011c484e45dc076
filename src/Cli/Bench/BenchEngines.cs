// The engines the bench times on one workload. Each makes its state afresh in Reset (outside the timed part)
// and decides every packet of the workload in Run; a checksum of the verdicts keeps the work from being
// optimised away and shows the engines agree on the traffic.
using System.Globalization;
using Gateway.Core.AddressLists;
using Gateway.Core.Compiler;
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Tables;
using Gateway.Host.App;
using Gateway.Rules.Reference;
using Gateway.Rules.Replay;
using Jint;
using Jint.Native;

namespace Gateway.Cli.Bench;

internal interface IBenchEngine
{
    string Name { get; }
    void Reset();
    /// <summary>Decides every packet; returns the number accepted.</summary>
    int Run(Workload w);
}

/// <summary>The device's engine over the compiled table, the packet filled field by field as GatewayApp fills it.</summary>
internal sealed class TableEngine(RuleSet rules, TableLimits limits) : IBenchEngine
{
    private readonly Packet _packet = new();
    private readonly Decision _decision = new();
    // The gateway fills a packet for each new connection as the loop does (ConnectionPacket): IPv4, one peer.
    private readonly Endpoint _peer = new() { Family = Family.Ipv4 };
    private readonly uint[] _dst = new uint[4];
    private FilterEngine? _engine;
    private int _interface;

    public string Name => "table";
    public FilterEngine Engine => _engine!;

    public void Reset()
    {
        var result = RuleCompiler.Compile(rules, limits, "", 0, out Table? table);
        if (!result.IsOk) throw new InvalidOperationException("bench rules do not compile: " + result);
        _engine = new FilterEngine(table!);
        _interface = table!.InterfaceIndex(Gateway.Core.Model.InterfaceNames.Gateway);
    }

    public int Run(Workload w)
    {
        FilterEngine engine = _engine!;
        Packet p = _packet;
        Endpoint peer = _peer;
        uint[] dst = _dst;
        EntryChain knock = w.Recipe.KnockChain == "forward" ? EntryChain.Forward : EntryChain.Input;
        EntryChain service = w.Recipe.ServiceChain == "forward" ? EntryChain.Forward : EntryChain.Input;
        int accepted = 0;
        for (int i = 0; i < w.Count; i++)
        {
            EntryChain chain = w.ToService[i] ? service : knock;
            peer.Address[0] = w.Src[i];
            peer.Port = w.SrcPort[i];
            dst[0] = w.Dst[i];
            ConnectionPacket.Fill(p, peer, dst, w.DstPort[i], chain, Protocols.Tcp, TcpFlags.Syn, ConnectionPacket.SynLength, _interface);
            if (engine.Evaluate(p, w.TimeMs[i], _decision) == Verdict.Accept) accepted++;
        }
        return accepted;
    }
}

/// <summary>The ten-line program a user could write instead: one Dictionary of expiry times per knock step.</summary>
internal sealed class DictionaryEngine : IBenchEngine
{
    private Dictionary<uint, long>[] _lists = [];

    public string Name => "dictionary";

    public void Reset() { _lists = []; }

    public int Run(Workload w)
    {
        KnockRecipe r = w.Recipe;
        if (_lists.Length != r.Steps) _lists = Enumerable.Range(0, r.Steps).Select(_ => new Dictionary<uint, long>()).ToArray();
        int accepted = 0;
        for (int i = 0; i < w.Count; i++)
        {
            uint src = w.Src[i];
            int port = w.DstPort[i];
            long now = w.TimeMs[i];
            for (int k = 0; k < r.Steps; k++)
                if (port == r.Ports[k] && (k == 0 || Live(_lists[k - 1], src, now))) _lists[k][src] = now + r.TimeoutsMs[k];
            if ((r.ServicePort == null || port == r.ServicePort) && Live(_lists[r.Steps - 1], src, now)) accepted++;
        }
        return accepted;
    }

    private static bool Live(Dictionary<uint, long> list, uint src, long now) => list.TryGetValue(src, out long until) && now < until;
}

/// <summary>The same ten lines over the gateway's own address-list store instead of Dictionaries (one list per
/// knock step, the last one granting access, capacity as the table engine's): what the lists cost with no rules
/// to interpret, so the table engine's time less this one is what interpreting the rules costs.</summary>
internal sealed class StoreEngine(KnockRecipe recipe, int capacity) : IBenchEngine
{
    private readonly uint[] _address = new uint[1];
    private AddressListStore? _store;

    public string Name => "store";

    public void Reset()
    {
        _store = new AddressListStore(Family.Ipv4, capacity, 0, recipe.Steps);
        _store.SetGrantsAccess(recipe.Steps - 1, true);
    }

    public int Run(Workload w)
    {
        KnockRecipe r = w.Recipe;
        AddressListStore store = _store!;
        uint[] address = _address;
        int accepted = 0;
        for (int i = 0; i < w.Count; i++)
        {
            address[0] = w.Src[i];
            int port = w.DstPort[i];
            long now = w.TimeMs[i];
            for (int k = 0; k < r.Steps; k++)
                if (port == r.Ports[k] && (k == 0 || store.Contains(k - 1, address, 0, now)))
                    store.AddFromRule(k, address, 0, ListTimeoutKind.Timed, r.TimeoutsMs[k], now);
            if ((r.ServicePort == null || port == r.ServicePort) && store.Contains(r.Steps - 1, address, 0, now)) accepted++;
        }
        return accepted;
    }
}

/// <summary>The same check as a JavaScript function run by Jint for every packet (what running the rules script
/// per packet would cost at the least).</summary>
internal sealed class JintEngine : IBenchEngine, IDisposable
{
    private Engine? _js;
    private JsValue _decide = JsValue.Undefined;

    public string Name => "jint";

    public void Reset() { Dispose(); }

    public void Dispose()
    {
        _js?.Dispose();
        _js = null;
    }

    public int Run(Workload w)
    {
        if (_js == null)
        {
            KnockRecipe r = w.Recipe;
            _js = new Engine();
            _js.Execute($$"""
                var ports = [{{string.Join(",", r.Ports)}}], timeouts = [{{string.Join(",", r.TimeoutsMs)}}], service = {{r.ServicePort?.ToString(CultureInfo.InvariantCulture) ?? "null"}};
                var lists = ports.map(function () { return new Map(); });
                function live(list, src, now) { var until = list.get(src); return until !== undefined && now < until; }
                function decide(src, port, now) {
                  for (var k = 0; k < ports.length; k++)
                    if (port === ports[k] && (k === 0 || live(lists[k - 1], src, now))) lists[k].set(src, now + timeouts[k]);
                  return (service === null || port === service) && live(lists[lists.length - 1], src, now);
                }
                """);
            _decide = _js.GetValue("decide");
        }
        int accepted = 0;
        for (int i = 0; i < w.Count; i++)
            if (_js.Invoke(_decide, (double)w.Src[i], w.DstPort[i], (double)w.TimeMs[i]).AsBoolean()) accepted++;
        return accepted;
    }
}

/// <summary>The reference interpreter (the differential tests' oracle): the rules as written, no tables.</summary>
internal sealed class ReferenceEngine(RuleSet rules) : IBenchEngine
{
    private ReferenceFirewall? _firewall;
    private TracePacket[]? _trace;
    private Workload? _for;

    public string Name => "reference";

    public void Reset() { _firewall = new ReferenceFirewall(rules); }

    public int Run(Workload w)
    {
        if (_for != w) { _trace = w.AsTrace(); _for = w; }
        int accepted = 0;
        foreach (var p in _trace!) if (_firewall!.Decide(p, ConnectionStates.New, p.T).Verdict == "accept") accepted++;
        return accepted;
    }
}
