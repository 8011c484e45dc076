// The device's path on the PC: RuleSet -> compiler -> Table -> FilterEngine, exactly the core code
// the firmware runs, fed from trace packets.
using Gateway.Core.AddressLists;
using Gateway.Core.Compiler;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Tables;

namespace Gateway.Rules.Replay;

/// <summary>Runs the core's compiled table engine.</summary>
public sealed class TableFirewall : IFirewall, IConnectionCounter
{
    private Gateway.Rules.Tracking.ConnectionTracker? _connections;

    public void UseConnections(Gateway.Rules.Tracking.ConnectionTracker tracker) => _connections = tracker;

    int IConnectionCounter.ConnectionsFrom(Packet packet, int prefix, long nowMs)
        => _connections!.ConnectionsFrom(packet.Family, PacketFields.ToNumber(packet.Family, packet.Src), prefix, nowMs);

    private readonly FilterEngine _engine;
    private readonly Packet _packet = new();
    private readonly Decision _decision = new();

    /// <exception cref="InvalidOperationException">The RuleSet does not compile (validate it first).</exception>
    public TableFirewall(RuleSet rules, TableLimits? limits = null)
    {
        var result = TableLoader.Compile(rules, limits ?? new TableLimits(), 0, out Table? table);
        if (!result.IsOk) throw new InvalidOperationException("rules do not compile: " + result);
        _engine = new FilterEngine(table!);
    }

    public Table Table => _engine.Table;

    public Outcome Decide(TracePacket packet, byte state, long nowMs)
    {
        var family = Fill(packet, state);
        _engine.Evaluate(_packet, nowMs, _decision, _connections == null ? null : this, false);
        var filter = _engine.Table.Filter(family);
        string verdict = _decision.Verdict switch { Verdict.Accept => "accept", Verdict.Drop => "drop", _ => "reject" };
        int? rule = _decision.RuleIndex == Decision.NoRule ? null : _decision.RuleIndex;
        bool untracked = _packet.ConnectionState == ConnectionStates.Untracked && state != ConnectionStates.Untracked;
        return new Outcome(verdict, filter.ChainName(_decision.ChainIndex), rule) { Untracked = untracked };
    }

    private Family Fill(TracePacket p, byte state)
    {
        PacketFields.TryAddress(p.Src, _packet.Src, out var family);
        PacketFields.TryAddress(p.Dst, _packet.Dst, out _);
        PacketFields.TryProtocol(p.Proto, out int protocol);
        PacketFields.TryFlags(p.Flags, out byte flags);
        PacketFields.TryChain(p.Chain, out var chain);
        _packet.Family = family;
        _packet.Protocol = protocol;
        _packet.SrcPort = p.Sport;
        _packet.DstPort = p.Dport;
        _packet.TcpFlags = protocol == Protocols.Tcp ? flags : (byte)0;
        _packet.Chain = chain;
        _packet.Length = p.Len;
        _packet.ConnectionState = state;
        _packet.InInterface = _engine.Table.InterfaceIndex(p.Iface);
        _packet.OutInterface = p.OutIface == null ? Packet.Absent : _engine.Table.InterfaceIndex(p.OutIface);
        _packet.NatState = PacketFields.NatOf(p);
        _packet.Ttl = p.Ttl;
        _packet.FragmentOffset = 0;
        _packet.MoreFragments = p.Frag;
        _packet.IcmpType = p.IcmpType;
        _packet.IcmpCode = p.IcmpCode;
        _packet.ToService = p.Service;
        return family;
    }

    public (long Packets, long Bytes) Counters(Family family, string chain, int ruleIndex)
    {
        var f = _engine.Table.Filter(family);
        int c = f.ChainIndex(chain);
        return (f.PacketsOf(c, ruleIndex), f.BytesOf(c, ruleIndex));
    }

    public IReadOnlyList<string> ListEntries(long nowMs)
    {
        var lines = new List<string>();
        foreach (var family in new[] { Family.Ipv4, Family.Ipv6 })
        {
            var store = _engine.Table.Lists(family);
            var filter = _engine.Table.Filter(family);
            uint[] low = new uint[4], high = new uint[4];
            for (int i = 0; i < store.Capacity; i++)
            {
                if (!store.IsLive(i, nowMs)) continue;
                store.CopyAddress(i, low);
                lines.Add(ListLine(family, filter.ListName(store.ListOf(i)), AddressMatch.OfAddress(family, low).ToString(), store.KindOf(i), store.ExpiresAtMs(i)));
            }
            for (int r = 0; r < store.RangeCount; r++)
            {
                if (nowMs >= store.RangeExpiresAtMs(r)) continue;
                store.CopyRange(r, low, high);
                lines.Add(ListLine(family, filter.ListName(store.RangeListOf(r)), AddressMatch.OfRange(family, low, high).ToString(), store.RangeKindOf(r), store.RangeExpiresAtMs(r)));
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The line format both firewalls use for a list entry.</summary>
    public static string ListLine(Family family, string list, string address, ListTimeoutKind kind, long expiresAtMs)
    {
        string life = kind switch
        {
            ListTimeoutKind.Timed => "until=" + expiresAtMs,
            ListTimeoutKind.NoneDynamic => "none-dynamic",
            _ => "static",
        };
        return $"{(family == Family.Ipv4 ? "ip" : "ipv6")} {list} {address} {life}";
    }

    public bool IsListed(string list, string address, long nowMs)
    {
        var words = new uint[4];
        if (!PacketFields.TryAddress(address, words, out var family)) return false;
        int id = _engine.Table.Filter(family).ListId(list);
        return id >= 0 && _engine.Table.Lists(family).Contains(id, words, 0, nowMs);
    }

    /// <summary>Address-list counters of a family's store.</summary>
    public AddressListStore Lists(Family family) => _engine.Table.Lists(family);
}
