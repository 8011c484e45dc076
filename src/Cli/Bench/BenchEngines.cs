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
/// per packet would cost at the least): the best a user would write, as specific as the Dictionary check: one
/// function written for the recipe (a Map per step, no loop, no helper calls), a prepared strict script, and
/// the argument array reused.</summary>
internal sealed class JintEngine : IBenchEngine, IDisposable
{
    private Engine? _js;
    private JsValue _decide = JsValue.Undefined;
    private readonly JsValue[] _arguments = new JsValue[3];

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
            _js = new Engine();
            _js.Execute(Engine.PrepareScript(Script(w.Recipe)));   // parsed once; strict by its directive
            _decide = _js.GetValue("decide");
        }
        int accepted = 0;
        JsValue[] a = _arguments;
        for (int i = 0; i < w.Count; i++)
        {
            a[0] = w.Src[i];
            a[1] = w.DstPort[i];
            a[2] = w.TimeMs[i];
            if (_js.Invoke(_decide, JsValue.Undefined, a).AsBoolean()) accepted++;
        }
        return accepted;
    }

    /// <summary>The recipe's check in strict JavaScript, steps unrolled in rule order, e.g. for the seed:
    /// <c>if (port === 9000) s0.set(src, now + 60000); if (port === 6000 &amp;&amp; (u = s0.get(src)) !== undefined
    /// &amp;&amp; now &lt; u) s1.set(src, now + 60000); return (u = s1.get(src)) !== undefined &amp;&amp; now &lt; u;</c></summary>
    public static string Script(KnockRecipe r)
    {
        var js = new System.Text.StringBuilder("\"use strict\";\n");
        for (int k = 0; k < r.Steps; k++) js.Append(CultureInfo.InvariantCulture, $"const s{k} = new Map();\n");
        js.Append("function decide(src, port, now) {\n  let u;\n");
        for (int k = 0; k < r.Steps; k++)
        {
            js.Append(CultureInfo.InvariantCulture, $"  if (port === {r.Ports[k]}");
            if (k > 0) js.Append(CultureInfo.InvariantCulture, $" && (u = s{k - 1}.get(src)) !== undefined && now < u");
            js.Append(CultureInfo.InvariantCulture, $") s{k}.set(src, now + {r.TimeoutsMs[k]});\n");
        }
        if (r.ServicePort is int service) js.Append(CultureInfo.InvariantCulture, $"  if (port !== {service}) return false;\n");
        js.Append(CultureInfo.InvariantCulture, $"  return (u = s{r.Steps - 1}.get(src)) !== undefined && now < u;\n}}\n");
        return js.ToString();
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
