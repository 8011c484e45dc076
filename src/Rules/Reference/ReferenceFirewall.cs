// The reference interpreter: evaluates a RuleSet directly, written to be obviously right rather than
// fast, sharing no evaluation code with the core's engine (only the model it reads). Differential tests
// hold the engine to it. Behaviour: routeros-semantics.md, "Evaluation" and "Address lists".
using Gateway.Core.Model;
using Gateway.Rules.Replay;

namespace Gateway.Rules.Reference;

internal static class ByteMaskExtensions
{
    public static bool HasAny(this byte mask, byte bits) => (mask & bits) != 0;
}

/// <summary>RouterOS's filter, evaluated rule by rule over the model with recursion for jumps.</summary>
public sealed class ReferenceFirewall : IFirewall
{
    private readonly RuleSet _rules;
    private readonly ReferenceLists _lists;
    private readonly ReferencePortScans _scans = new();
    private readonly ReferenceLimits _limits = new();
    private readonly Dictionary<Rule, (long Packets, long Bytes)> _counters = new(ReferenceEqualityComparer.Instance);

    /// <param name="ipv4Entries">Single-address entries the IPv4 lists may hold (as the table's store).</param>
    /// <param name="ipv6Entries">Single-address entries the IPv6 lists may hold.</param>
    public ReferenceFirewall(RuleSet rules, int ipv4Entries = Gateway.Core.Capacity.DefaultIpv4ListEntries,
        int ipv6Entries = Gateway.Core.Capacity.DefaultIpv6ListEntries)
    {
        _rules = rules;
        _lists = new ReferenceLists(rules, ipv4Entries, ipv6Entries);
    }

    private enum Result { Continue, Returned, Decided }

    public Outcome Decide(TracePacket packet, byte state, long nowMs)
    {
        var p = ReferencePacket.From(packet, state);
        _lists.RemoveExpired(nowMs);
        Rule? decider = null;
        // Raw first: its prerouting sees what comes in (input, forward), its output what the gateway sends.
        string rawChain = p.Chain == "output" ? "output" : "prerouting";
        _untracked = false;
        var raw = RunChain(rawChain, p, nowMs, ref decider, raw: true);
        bool untracked = _untracked && state != ConnectionStates.Untracked;
        if (raw == Result.Decided && decider!.Action != RuleAction.Accept)
            return new Outcome("drop", decider.Chain, IndexInChain(p.Family, decider, raw: true)) { Untracked = untracked };
        if (_untracked) p = p with { State = ConnectionStates.Untracked };
        decider = null;
        var result = RunChain(p.Chain, p, nowMs, ref decider, raw: false);
        if (result == Result.Decided)
        {
            string verdict = decider!.Action switch
            {
                RuleAction.Accept => "accept",
                RuleAction.Reject => "reject",
                _ => "drop",   // drop, and tarpit (which the gateway cannot hold open)
            };
            return new Outcome(verdict, decider.Chain, IndexInChain(p.Family, decider)) { Untracked = untracked };
        }
        // No terminal rule: RouterOS accepts; a connection to a service the gateway guards stays closed.
        return new Outcome(packet.Service ? "drop" : "accept", p.Chain, null) { Untracked = untracked };
    }

    private Gateway.Rules.Tracking.ConnectionTracker? _connections;

    public void UseConnections(Gateway.Rules.Tracking.ConnectionTracker tracker) => _connections = tracker;

    // connlimit: more than the limit, counting the tracked connections of the source's block and the packet's own new one.
    private bool ConnectionLimitHolds(Rule rule, ReferencePacket p, long nowMs)
    {
        int count = _connections?.ConnectionsFrom(p.Family, p.Src, rule.ConnectionLimitPrefix, nowMs) ?? (p.State == ConnectionStates.New ? 1 : 0);
        return count > rule.ConnectionLimit;
    }

    private bool _untracked;   // a raw notrack took the packet out of connection tracking

    private Result RunChain(string chain, ReferencePacket p, long nowMs, ref Rule? decider, bool raw)
    {
        foreach (var rule in RulesOf(p.Family, chain, raw))
        {
            if (rule.IsDisabled || !Matches(rule, p, nowMs)) continue;
            var (packets, bytes) = _counters.GetValueOrDefault(rule);
            _counters[rule] = (packets + 1, bytes + p.Length);
            switch (rule.Action)
            {
                case RuleAction.Accept:
                case RuleAction.Drop:
                case RuleAction.Reject:
                case RuleAction.Tarpit:
                    decider = rule;
                    return Result.Decided;
                case RuleAction.Jump:
                    if (RunChain(rule.JumpTarget!, p, nowMs, ref decider, raw) == Result.Decided) return Result.Decided;
                    break;   // the target returned or ran out: go on after the jump
                case RuleAction.Return:
                    return Result.Returned;
                case RuleAction.AddSrcToAddressList:
                    _lists.AddFromRule(p.Family, rule.AddressList!, p.Src, rule.AddressListTimeoutKind, rule.AddressListTimeoutMs, nowMs);
                    break;
                case RuleAction.AddDstToAddressList:
                    _lists.AddFromRule(p.Family, rule.AddressList!, p.Dst, rule.AddressListTimeoutKind, rule.AddressListTimeoutMs, nowMs);
                    break;
                case RuleAction.Notrack:
                    _untracked = true;
                    break;
            }
        }
        return Result.Continue;
    }

    private bool Matches(Rule rule, ReferencePacket p, long nowMs)
    {
        if (rule.Protocol != Protocols.Any && (p.Protocol == rule.Protocol) == rule.IsProtocolNegated) return false;
        if (rule.SrcAddress != null && !AddressHolds(rule.SrcAddress, p.Src)) return false;
        if (rule.DstAddress != null && !AddressHolds(rule.DstAddress, p.Dst)) return false;
        if (rule.SrcPort != null && !PortsHold(rule.SrcPort, p.SrcPort)) return false;
        if (rule.DstPort != null && !PortsHold(rule.DstPort, p.DstPort)) return false;
        if (rule.AnyPort != null)
        {
            bool either = InPorts(rule.AnyPort, p.SrcPort) || InPorts(rule.AnyPort, p.DstPort);
            if (either == rule.AnyPort.IsNegated) return false;
        }
        if (rule.SrcAddressList != null && _lists.Contains(p.Family, rule.SrcAddressList, p.Src, nowMs) == rule.IsSrcAddressListNegated) return false;
        if (rule.DstAddressList != null && _lists.Contains(p.Family, rule.DstAddressList, p.Dst, nowMs) == rule.IsDstAddressListNegated) return false;
        if (rule.InInterface != null && (p.InInterface == rule.InInterface) == rule.IsInInterfaceNegated) return false;
        if (rule.OutInterface != null && (p.OutInterface == rule.OutInterface) == rule.IsOutInterfaceNegated) return false;
        if (rule.ConnectionStateMask != 0 && (rule.ConnectionStateMask & p.State) == 0) return false;
        if (rule.TcpFlagsSet != 0 || rule.TcpFlagsClear != 0)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                bool isSet = (p.TcpFlags & (1 << bit)) != 0;
                if ((rule.TcpFlagsSet & (1 << bit)) != 0 && !isSet) return false;
                if ((rule.TcpFlagsClear & (1 << bit)) != 0 && isSet) return false;
            }
        }
        if (rule.PacketSizeMin != Rule.NoSize && (rule.PacketSizeMin <= p.Length && p.Length <= rule.PacketSizeMax) == rule.IsPacketSizeNegated) return false;
        if (rule.InInterfaceList != null && InList(rule.InInterfaceList, p.InInterface) == rule.IsInInterfaceListNegated) return false;
        if (rule.OutInterfaceList != null && InList(rule.OutInterfaceList, p.OutInterface) == rule.IsOutInterfaceListNegated) return false;
        if (rule.NatStateMask != 0 && ((rule.NatStateMask & p.Nat) != 0) == rule.IsNatStateNegated) return false;
        if (rule.IpsecPolicy is IpsecPolicy.InIpsec or IpsecPolicy.OutIpsec) return false;   // no IPsec on the gateway
        if (rule.SrcMacAddress != null && !rule.SrcMacAddress.StartsWith('!')) return false;   // no packet shows a MAC: only !MAC holds
        if (rule.SrcAddressTypeMask != 0 && rule.SrcAddressTypeMask.HasAny(TypeOf(p, p.Src, own: p.Chain == "output")) == rule.IsSrcAddressTypeNegated) return false;
        if (rule.DstAddressTypeMask != 0 && rule.DstAddressTypeMask.HasAny(TypeOf(p, p.Dst, own: p.Chain == "input")) == rule.IsDstAddressTypeNegated) return false;
        if (rule.IcmpTypeLow != Rule.NoIcmp && !(p.IcmpType >= rule.IcmpTypeLow && p.IcmpType <= rule.IcmpTypeHigh && p.IcmpCode >= rule.IcmpCodeLow && p.IcmpCode <= rule.IcmpCodeHigh)) return false;
        if (rule.Fragment != 0 && p.Fragment != (rule.Fragment == 1)) return false;
        if (rule.TtlCompare != TtlCompare.None && !TtlHolds(rule.TtlCompare, p.Ttl, rule.TtlValue)) return false;
        if (rule.ConnectionLimit != Rule.NoConnectionLimit && !ConnectionLimitHolds(rule, p, nowMs)) return false;
        // The buckets after every stateless matcher, limit before dst-limit; psd last: it counts only the
        // packets every other matcher of the rule let through.
        if (rule.Limit != null && !_limits.Take(rule.Limit, p, nowMs)) return false;
        if (rule.DstLimit != null && !_limits.Take(rule.DstLimit, p, nowMs)) return false;
        if (rule.PsdWeightThreshold != 0 && !_scans.Observe(rule, p, nowMs)) return false;
        return true;
    }

    // RouterOS's interface lists: all and static hold every interface, none and dynamic none (the gateway
    // has no dynamic interfaces); a defined list is (its includes less its excludes) plus its own members.
    private bool InList(string list, string? iface) => iface != null && IsMember(list, iface, 0);   // null: leaves by no interface

    private readonly Dictionary<(string, string), bool> _membership = new();

    private bool IsMember(string list, string iface, int depth)
    {
        if (_membership.TryGetValue((list, iface), out bool known)) return known;
        bool member = IsMemberUncached(list, iface, depth);
        _membership[(list, iface)] = member;
        return member;
    }

    private bool IsMemberUncached(string list, string iface, int depth)
    {
        if (list is InterfaceLists.All or InterfaceLists.Static) return true;
        var lists = _rules.InterfaceLists;
        var defined = lists.Find(list);
        if (defined == null || depth > lists.ListCount) return false;
        for (int i = 0; i < lists.MemberCount; i++)
            if (!lists.MemberAt(i).IsDisabled && lists.MemberAt(i).List == list && lists.MemberAt(i).Interface == iface) return true;
        return Split(defined.Include).Any(l => IsMember(l, iface, depth + 1)) && !Split(defined.Exclude).Any(l => IsMember(l, iface, depth + 1));
    }

    private static string[] Split(string? names) => names?.Split(',') ?? Array.Empty<string>();

    // One routing type per address, as Linux's addrtype match gives it.
    private static byte TypeOf(ReferencePacket p, UInt128 address, bool own)
    {
        if (p.Family == Family.Ipv4)
        {
            if (address == 0xFFFFFFFF) return AddressTypes.Broadcast;
            if (address >> 28 == 0xE) return AddressTypes.Multicast;
        }
        else if (address >> 120 == 0xFF) return AddressTypes.Multicast;
        return own ? AddressTypes.Local : AddressTypes.Unicast;
    }

    private static bool TtlHolds(TtlCompare compare, int ttl, int value) => ttl >= 0 && compare switch
    {
        TtlCompare.Equal => ttl == value,
        TtlCompare.NotEqual => ttl != value,
        TtlCompare.LessThan => ttl < value,
        _ => ttl > value,
    };

    private static bool AddressHolds(AddressMatch m, UInt128 address)
    {
        var (low, high) = ReferenceLists.Bounds(m);
        bool inside = low <= address && address <= high;
        return inside != m.IsNegated;
    }

    private static bool PortsHold(PortSet ports, int port) => InPorts(ports, port) != ports.IsNegated;

    private static bool InPorts(PortSet ports, int port)
    {
        for (int i = 0; i < ports.Count; i++)
            if (ports.LowAt(i) <= port && port <= ports.HighAt(i)) return true;
        return false;
    }

    private IEnumerable<Rule> RulesOf(Family family, string chain, bool raw = false)
    {
        var f = raw ? _rules.Of(family).Raw : _rules.Of(family);
        for (int i = 0; i < f.RuleCount; i++)
            if (f.RuleAt(i).Chain == chain) yield return f.RuleAt(i);
    }

    private int IndexInChain(Family family, Rule rule, bool raw = false) => RulesOf(family, rule.Chain, raw).TakeWhile(r => !ReferenceEquals(r, rule)).Count();

    public (long Packets, long Bytes) Counters(Family family, string chain, int ruleIndex)
        => _counters.GetValueOrDefault(RulesOf(family, chain).ElementAt(ruleIndex));

    public IReadOnlyList<string> ListEntries(long nowMs) => _lists.Lines(nowMs);

    public bool IsListed(string list, string address, long nowMs)
    {
        var words = new uint[4];
        if (!PacketFields.TryAddress(address, words, out var family)) return false;
        return _lists.Contains(family, list, PacketFields.ToNumber(family, words), nowMs);
    }
}
