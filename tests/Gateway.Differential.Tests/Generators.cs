// Random RuleSets and traces for the differential tests. Rules are built from RouterOS property text
// through the core's property tables, over small pools of addresses, ports, lists and interfaces so
// that random packets actually meet the rules. Every generated RuleSet is valid by construction.
using CsCheck;
using Gateway.Core.Model;
using Gateway.Rules.Replay;

namespace Gateway.Differential.Tests;

internal sealed record Case(RuleSet Rules, TracePacket[] Trace);

internal static class Generators
{
    private static readonly string[] Hosts = { "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.130", "192.0.2.1", "203.0.113.7" };
    private static readonly string[] Hosts6 = { "2001:db8::1", "2001:db8::2", "2001:db8:1::5", "fd00::1" };
    private static readonly int[] Ports = { 22, 80, 6000, 9000, 2323 };
    private static readonly string[] Lists = { "a", "b", "c" };
    private static readonly string[] Interfaces = { "ether1", "ether2" };
    private static readonly string[] Flags = { "S", "A", "SA", "FA", "R", "PA", "" };

    private static Gen<string> Address(bool v6) => v6
        ? Gen.OneOfConst("2001:db8::1", "2001:db8::/32", "2001:db8:1::/48", "fd00::/8", "!2001:db8::2", "::/0", "fd00::1")
        : Gen.OneOfConst("10.0.0.1", "10.0.0.0/24", "10.0.0.128/25", "10.0.0.1-10.0.0.2", "!10.0.0.0/24", "192.0.2.1", "0.0.0.0/0", "!203.0.113.7",
            "203.0.113.7", "10.0.0.3");   // hosts that other ranges overlap or not: the source gate holds some, not others

    private static Gen<string> PortList => Gen.OneOfConst("22", "80", "9000", "6000-9000", "22,80", "!22", "!80,9000", "1-1024");

    private static Gen<string> Timeout => Gen.OneOfConst("none-dynamic", "none-static", "1s", "5s", "500ms", "1m");

    /// <summary>One rule as name=value words; jumps go only to chains after the current one, so no cycles.</summary>
    private static Gen<List<(string, string)>> RuleWords(string chain, string[] laterChains, bool v6) =>
        from protocol in Gen.OneOfConst("", "tcp", "udp", "icmp", "!tcp")
        from src in Gen.Frequency((3, Gen.Const("")), (1, Address(v6)))
        from dst in Gen.Frequency((3, Gen.Const("")), (1, Address(v6)))
        from dstPort in Gen.Frequency((2, Gen.Const("")), (1, PortList))
        from srcPort in Gen.Frequency((5, Gen.Const("")), (1, PortList))
        from anyPort in Gen.Frequency((6, Gen.Const("")), (1, PortList))
        from srcList in Gen.Frequency((3, Gen.Const("")), (1, Gen.OneOfConst(Lists)), (1, Gen.OneOfConst("!a", "!b")))
        from dstList in Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOfConst(Lists)))
        from inIface in Gen.Frequency((5, Gen.Const("")), (1, Gen.OneOfConst("ether1", "!ether1", "ether2")))
        from outIface in Gen.Frequency((8, Gen.Const("")), (1, Gen.OneOfConst("ether2", "!ether2")))
        from state in Gen.Frequency((4, Gen.Const("")), (1, Gen.OneOfConst("new", "established,related", "invalid", "new,invalid", "untracked")))
        from tcpFlags in Gen.Frequency((5, Gen.Const("")), (1, Gen.OneOfConst("syn", "syn,!ack", "ack", "!syn", "fin,ack")))
        from size in Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOfConst("40-100", "100", "0-1000", "60", "!0-500", "!1500")))
        from psd in Gen.Frequency((5, Gen.Const("")), (1, Gen.OneOfConst("2,1s,1,1", "2,5s,1,1", "3,3s,1,1", "4,10s,3,1", "5,500ms,3,1", "21,3s,3,1")))
        from rarer in Gen.Frequency((3, Gen.Const(new List<(string, string)>())), (1, RarerWords(v6)))
        from action in Gen.Frequency(
            (3, Gen.Const("accept")), (3, Gen.Const("drop")), (1, Gen.Const("reject")), (1, Gen.Const("passthrough")), (1, Gen.Const("fasttrack-connection")),
            (4, Gen.Const("add-src-to-address-list")), (2, Gen.Const("add-dst-to-address-list")), (1, Gen.Const("log")),
            (laterChains.Length == 0 ? 0 : chain.StartsWith('c') ? 6 : 3, Gen.Const("jump")), (chain.StartsWith('c') ? 2 : 1, Gen.Const("return")), (1, Gen.Const("tarpit")))
        from list in Gen.OneOfConst(Lists)
        from timeout in Timeout
        from target in Gen.OneOfConst(laterChains.Length > 0 ? laterChains : new[] { "" })
        from rejectWith in Gen.Frequency((3, Gen.Const("")), (1, Gen.OneOfConst(v6 ? "icmp-no-route" : "icmp-host-unreachable", "icmp-admin-prohibited")))
        from disabled in Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true)))
        select Words(chain, v6, protocol, src, dst, dstPort, srcPort, anyPort, srcList, dstList, inIface, outIface, state, tcpFlags, size, psd, action, list, timeout, target, rejectWith, disabled)
            .Concat(rarer.Where(w => psd.Length == 0 && (w.Item1 != "icmp-options" || (protocol == "icmp" && !v6)))).ToList();   // psd rules match rarely enough

    /// <summary>The matchers of RouterOS configs beyond the knock recipes: interface lists, nat state, ipsec,
    /// address types, icmp-options (kept only on icmp rules), fragment, ttl / hop-limit, src-mac-address.</summary>
    /// <summary>Property names <see cref="RarerWords"/> draws (the tests check each of them decides packets).</summary>
    public static readonly string[] RarerMatchers =
    {
        "in-interface-list", "out-interface-list", "connection-nat-state", "ipsec-policy", "src-address-type", "dst-address-type",
        "icmp-options", "fragment", "ttl", "src-mac-address", "limit", "dst-limit", "connection-limit",
    };

    private static Gen<List<(string, string)>> RarerWords(bool v6) =>
        from inList in Gen.Frequency((8, Gen.Const("")), (1, Gen.OneOfConst(InterfaceListNames)), (1, Gen.OneOfConst(InterfaceListNames.Select(n => "!" + n).ToArray())))
        from outList in Gen.Frequency((10, Gen.Const("")), (1, Gen.OneOfConst(InterfaceListNames)), (1, Gen.OneOfConst("!LAN", "!all")))
        from nat in Gen.Frequency((10, Gen.Const("")), (1, Gen.OneOfConst("dstnat", "!dstnat", "srcnat", "srcnat,dstnat")))
        from ipsec in Gen.Frequency((20, Gen.Const("")), (1, Gen.OneOfConst("in,ipsec", "in,none", "out,ipsec", "out,none")))
        from srcType in Gen.Frequency((12, Gen.Const("")), (1, Gen.OneOfConst("local", "!local", "unicast", "multicast,broadcast")))
        from dstType in Gen.Frequency((10, Gen.Const("")), (1, Gen.OneOfConst("local", "!local", "unicast", "broadcast", "!multicast,broadcast", "local,multicast")))
        from icmp in Gen.Frequency((3, Gen.Const("")), (1, Gen.OneOfConst("8", "8:0", "3:0-255", "0-8", "11:1")))
        from fragment in Gen.Frequency((12, Gen.Const("")), (1, Gen.OneOfConst("yes", "no")))
        from ttl in Gen.Frequency((10, Gen.Const("")), (1, Gen.OneOfConst("equal:1", "not-equal:64", "less-than:2", "greater-than:64")))
        from mac in Gen.Frequency((10, Gen.Const("")), (1, Gen.OneOfConst("00:11:22:33:44:55", "!00:11:22:33:44:55")))
        from limit in Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOfConst("1,1:packet", "2/1s,2", "1/5s,1:packet", "10k,8000:bit", "3/10s,2:packet", "1,0")))
        from connLimit in Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOfConst("0,32", "1,32", "2,24", "1,0", "3,16")))
        from dstLimit in Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOfConst("1,1,src-address", "1/2s,2,dst-address-and-port/1s", "2,1,src-and-dst-address/5s",
            "1/1s,1,addresses-and-dst-port", "1,2,src-and-dst-address-and-port/500ms", "1,1,dst-address", "1,1,src-and-dst-addresses/2s")))
        select new List<(string, string)>
        {
            ("in-interface-list", inList), ("out-interface-list", outList), ("connection-nat-state", nat), ("ipsec-policy", ipsec),
            ("src-address-type", srcType), ("dst-address-type", dstType), ("icmp-options", icmp), ("fragment", fragment),
            (v6 ? "hop-limit" : "ttl", ttl), ("src-mac-address", mac), ("limit", limit), ("dst-limit", dstLimit), ("connection-limit", v6 ? connLimit.Replace(",32", ",128").Replace(",24", ",64") : connLimit),
        }.Where(w => w.Item2.Length > 0).ToList();

    private static readonly string[] InterfaceListNames = { "WAN", "LAN", "TRUSTED", "all", "none", "static", "dynamic" };

    private static List<(string, string)> Words(string chain, bool v6, string protocol, string src, string dst, string dstPort, string srcPort,
        string anyPort, string srcList, string dstList, string inIface, string outIface, string state, string tcpFlags, string size,
        string psd, string action, string list, string timeout, string target, string rejectWith, bool disabled)
    {
        var w = new List<(string, string)> { ("chain", chain) };
        if (protocol.Length > 0) w.Add(("protocol", protocol));
        bool ported = protocol is "tcp" or "udp";
        if (src.Length > 0) w.Add(("src-address", src));
        if (dst.Length > 0) w.Add(("dst-address", dst));
        if (ported && dstPort.Length > 0) w.Add(("dst-port", dstPort));
        if (ported && srcPort.Length > 0) w.Add(("src-port", srcPort));
        if (ported && anyPort.Length > 0) w.Add(("port", anyPort));
        if (srcList.Length > 0) w.Add(("src-address-list", srcList));
        if (dstList.Length > 0) w.Add(("dst-address-list", dstList));
        if (inIface.Length > 0) w.Add(("in-interface", inIface));
        if (outIface.Length > 0) w.Add(("out-interface", outIface));
        if (state.Length > 0) w.Add(("connection-state", state));
        if (protocol == "tcp" && tcpFlags.Length > 0) w.Add(("tcp-flags", tcpFlags));
        if (size.Length > 0) w.Add(("packet-size", size));
        if (psd.Length > 0) w.Add(("psd", psd));
        if (action == "tarpit" && (v6 || protocol != "tcp")) action = "drop";
        if (action == "jump" && target.Length == 0) action = "passthrough";
        w.Add(("action", action));
        if (action == "jump") w.Add(("jump-target", target));
        if (action.StartsWith("add-", StringComparison.Ordinal))
        {
            w.Add(("address-list", list));
            w.Add(("address-list-timeout", timeout));
        }
        if (action == "reject" && rejectWith.Length > 0) w.Add(("reject-with", rejectWith));
        if (action == "log") w.Add(("log-prefix", "p"));
        if (disabled) w.Add(("disabled", "yes"));
        return w;
    }

    private static readonly string[] BuiltInChains = { "input", "forward", "output" };

    /// <summary>Most custom chains a family gets. Chain cN jumps only to later chains, so a packet can nest
    /// this many jumps deep; each family draws its own count, so the two families' chain counts differ.</summary>
    private const int MaxCustomChains = 6;

    private static Gen<List<(Family, List<(string, string)>)>> FamilyRules(bool v6) =>
        from custom in Gen.Int[0, MaxCustomChains]
        from ladder in Gen.Frequency((1, Gen.Const("")), (1, Gen.OneOfConst("any", "tcp")))
        from rules in ChainRules(custom, v6, ladder)
        select rules.Select(r => (v6 ? Family.Ipv6 : Family.Ipv4, r)).ToList();

    // With a ladder ("any": unconditional, "tcp": for tcp only), input's first rule jumps to c1 and each cN's
    // first rule to cN+1, so packets nest as deep as there are custom chains.
    private static Gen<List<List<(string, string)>>> ChainRules(int custom, bool v6, string ladder)
    {
        string[] customs = Enumerable.Range(1, custom).Select(i => "c" + i).ToArray();
        string[] chains = BuiltInChains.Concat(customs).ToArray();
        var all = Gen.Const(new List<List<(string, string)>>());
        for (int i = 0; i < chains.Length; i++)
        {
            string chain = chains[i];
            string[] later = i >= BuiltInChains.Length ? chains.Skip(i + 1).ToArray() : customs;
            var rules = RuleWords(chain, later, v6).List[chain.StartsWith('c') ? 1 : 0, chain == "input" ? 6 : 3];
            if (ladder.Length > 0 && later.Length > 0 && (chain == "input" || chain.StartsWith('c')))
            {
                var step = new List<(string, string)> { ("chain", chain) };
                if (ladder == "tcp") step.Add(("protocol", "tcp"));
                step.Add(("action", "jump"));
                step.Add(("jump-target", later[0]));
                rules = rules.Select(r => r.Prepend(step).ToList());
            }
            all = from before in all from these in rules select before.Concat(these).ToList();
        }
        return all;
    }

    /// <summary>Raw rules (half the families get some): prerouting, output and a custom chain r1 that only
    /// the built-ins jump to; matchers that exist before connection tracking; raw's actions.</summary>
    private static Gen<List<(string, string)>> RawWords(bool v6) =>
        from chain in Gen.OneOfConst("prerouting", "prerouting", "output", "r1")
        from protocol in Gen.OneOfConst("", "tcp", "udp", "icmp")
        from src in Gen.Frequency((3, Gen.Const("")), (1, Address(v6)))
        from dstPort in Gen.Frequency((2, Gen.Const("")), (1, PortList))
        from srcList in Gen.Frequency((3, Gen.Const("")), (1, Gen.OneOfConst(Lists)), (1, Gen.OneOfConst("!a")))
        from inList in Gen.Frequency((4, Gen.Const("")), (1, Gen.OneOfConst("WAN", "!LAN")))
        from inIface in Gen.Frequency((4, Gen.Const("")), (1, Gen.OneOfConst("ether1", "!ether2", "!bridge")))
        from tcpFlags in Gen.Frequency((4, Gen.Const("")), (1, Gen.OneOfConst("syn,!ack", "fin,syn", "rst")))
        from limit in Gen.Frequency((8, Gen.Const("")), (1, Gen.OneOfConst("1,1:packet", "2/1s,2")))
        from action in Gen.Frequency((3, Gen.Const("accept")), (3, Gen.Const("drop")), (3, Gen.Const("notrack")), (1, Gen.Const("passthrough")),
            (2, Gen.Const("add-src-to-address-list")), (2, Gen.Const("jump")), (1, Gen.Const("return")), (1, Gen.Const("log")))
        from list in Gen.OneOfConst(Lists)
        from disabled in Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true)))
        select RawRule(chain, protocol, src, dstPort, srcList, inList, tcpFlags, limit, action, list, disabled, inIface);

    private static List<(string, string)> RawRule(string chain, string protocol, string src, string dstPort, string srcList, string inList,
        string tcpFlags, string limit, string action, string list, bool disabled, string inIface)
    {
        var w = new List<(string, string)> { ("chain", chain) };
        if (inIface.Length > 0) w.Add(("in-interface", inIface));
        if (protocol.Length > 0) w.Add(("protocol", protocol));
        if (src.Length > 0) w.Add(("src-address", src));
        if (protocol is "tcp" or "udp" && dstPort.Length > 0) w.Add(("dst-port", dstPort));
        if (srcList.Length > 0) w.Add(("src-address-list", srcList));
        if (inList.Length > 0) w.Add(("in-interface-list", inList));
        if (protocol == "tcp" && tcpFlags.Length > 0) w.Add(("tcp-flags", tcpFlags));
        if (limit.Length > 0) w.Add(("limit", limit));
        if (action == "jump" && chain == "r1") action = "passthrough";
        w.Add(("action", action));
        if (action == "jump") w.Add(("jump-target", "r1"));
        if (action == "add-src-to-address-list") { w.Add(("address-list", list)); w.Add(("address-list-timeout", "5s")); }
        if (action == "log") w.Add(("log-prefix", "raw"));
        if (disabled) w.Add(("disabled", "yes"));
        return w;
    }

    private static Gen<TracePacket> Packet(bool v6) =>
        from src in Gen.OneOfConst(v6 ? Hosts6 : Hosts)
        from dst in Gen.OneOfConst(v6 ? Hosts6 : Hosts)
        from proto in Gen.Frequency((5, Gen.Const("tcp")), (2, Gen.Const("udp")), (1, Gen.Const("icmp")))
        from sport in Gen.OneOfConst(Ports.Concat(new[] { 40000, 40001 }).ToArray())
        from dport in Gen.OneOfConst(Ports)
        from flags in Gen.OneOfConst(Flags)
        from chain in Gen.Frequency((5, Gen.Const("input")), (2, Gen.Const("forward")), (2, Gen.Const("output")))
        from iface in Gen.OneOfConst("ether1", "ether2", "wlan1")
        from outIface in Gen.OneOfConst<string?>(null, "ether2", "ether3")
        from len in Gen.Int[40, 1500]
        from ttl in Gen.Frequency((2, Gen.Const(-1)), (1, Gen.OneOfConst(0, 1, 2, 63, 64, 65, 255)))
        from frag in Gen.Frequency((6, Gen.Const(false)), (1, Gen.Const(true)))
        from icmpType in Gen.OneOfConst(0, 3, 8, 11)
        from icmpCode in Gen.OneOfConst(0, 1, 4)
        from nat in Gen.Frequency((4, Gen.OneOfConst<string?>(new string?[] { null })), (1, Gen.OneOfConst<string?>("", "dstnat", "srcnat", "srcnat,dstnat")))
        from special in Gen.Frequency((8, Gen.Const("")), (1, Gen.OneOfConst("broadcast", "multicast")))
        from gap in Gen.Frequency((3, Gen.Long[0, 200]), (2, Gen.Long[200, 6000]), (1, Gen.Long[30_000, 70_000]))
        select new TracePacket
        {
            T = gap, Src = special == "multicast" && chain != "input" ? (v6 ? "ff02::1" : "224.0.0.1") : src,
            Dst = special == "broadcast" && !v6 ? "255.255.255.255" : special == "multicast" ? (v6 ? "ff02::1" : "224.0.0.251") : dst,
            Proto = proto, Sport = proto == "icmp" ? 0 : sport, Dport = proto == "icmp" ? 0 : dport,
            Flags = flags, Chain = chain, Iface = iface, OutIface = outIface, Len = len,
            Ttl = ttl, Frag = frag, IcmpType = proto == "icmp" ? icmpType : -1, IcmpCode = proto == "icmp" ? icmpCode : -1, Nat = nat,
        };

    /// <summary>A valid RuleSet (IPv4, sometimes IPv6 as well) and a trace with non-decreasing times.</summary>
    public static Gen<Case> Cases =>
        from v4 in FamilyRules(false)
        from withV6 in Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true)))
        from v6 in FamilyRules(true)
        from raw4 in Gen.Frequency((1, Gen.Const(new List<List<(string, string)>>())), (1, RawWords(false).List[1, 5]))
        from raw6 in Gen.Frequency((1, Gen.Const(new List<List<(string, string)>>())), (1, RawWords(true).List[1, 3]))
        from entries in Gen.OneOfConst(Hosts.Take(4).Concat(new[] { "10.0.0.0/30", "10.0.0.128-10.0.0.200" }).ToArray()).Array[3]
        from packets in Packet(false).Array[1, 40]
        from packets6 in Packet(true).Array[0, withV6 ? 10 : 0]
        select Build(v4.Concat(withV6 ? v6 : new()).ToList(), entries, packets.Concat(packets6).ToArray(),
            raw4.Select(r => (Family.Ipv4, r)).Concat(withV6 ? raw6.Select(r => (Family.Ipv6, r)) : Enumerable.Empty<(Family, List<(string, string)>)>()).ToList());

    private static Case Build(List<(Family Family, List<(string Name, string Value)> Words)> rules, string[] entries, TracePacket[] packets,
        List<(Family Family, List<(string Name, string Value)> Words)> rawRules)
    {
        var set = new RuleSet();
        foreach (var (family, words, raw) in rules.Select(r => (r.Family, r.Words, false)).Concat(rawRules.Select(r => (r.Family, r.Words, true))))
        {
            var rule = new Rule();
            foreach (var (n, v) in words)
                if (RuleProperties.Set(rule, family, n, v, out string error) != PropertyError.None) throw new InvalidOperationException($"generator made {n}={v}: {error}");
            if (raw) set.Of(family).Raw.AddRule(rule); else set.Of(family).AddRule(rule);
        }
        // Interface lists: WAN = ether1, LAN = ether2 and wlan1 (wlan1's member disabled half the time, so
        // a disabled member is drawn), TRUSTED = all but WAN plus ether1 again (include, exclude, member).
        set.InterfaceLists.AddList(new InterfaceList { Name = "WAN" });
        set.InterfaceLists.AddList(new InterfaceList { Name = "LAN" });
        set.InterfaceLists.AddList(new InterfaceList { Name = "TRUSTED", Include = "all", Exclude = "WAN,LAN" });
        set.InterfaceLists.AddMember(new InterfaceListMember { List = "WAN", Interface = "ether1" });
        set.InterfaceLists.AddMember(new InterfaceListMember { List = "LAN", Interface = "ether2" });
        set.InterfaceLists.AddMember(new InterfaceListMember { List = "LAN", Interface = "wlan1", IsDisabled = packets.Length % 2 == 0 });
        set.InterfaceLists.AddMember(new InterfaceListMember { List = "TRUSTED", Interface = "ether3" });
        // Every list gets one static entry per family, so that every list a rule names exists.
        for (int i = 0; i < Lists.Length; i++)
        {
            set.Ipv4.AddEntry(new ListEntry { List = Lists[i], Address = AddressMatch.Parse(entries[i], Family.Ipv4, false, out _) });
            set.Ipv6.AddEntry(new ListEntry { List = Lists[i], Address = AddressMatch.Parse(Hosts6[i + 1], Family.Ipv6, false, out _) });
        }
        // Keep psd on the first rules that have it, as many as a table allows.
        int psdRules = 0;
        foreach (var family in new[] { Family.Ipv4, Family.Ipv6 })
        {
            var f = set.Of(family);
            for (int i = 0; i < f.RuleCount; i++)
                if (f.RuleAt(i).PsdWeightThreshold != 0 && ++psdRules > Gateway.Core.Capacity.DefaultMaxPsdRules) f.RuleAt(i).PsdWeightThreshold = 0;
        }
        // Keep limit and dst-limit on the first rules that have them, as many as a table allows.
        int limiters = 0;
        foreach (var f in new[] { set.Ipv4, set.Ipv6, set.Ipv4.Raw, set.Ipv6.Raw })
        {
            for (int i = 0; i < f.RuleCount; i++)
            {
                if (f.RuleAt(i).Limit != null && ++limiters > Gateway.Core.Capacity.DefaultMaxLimitRules) f.RuleAt(i).Limit = null;
                if (f.RuleAt(i).DstLimit != null && ++limiters > Gateway.Core.Capacity.DefaultMaxLimitRules) f.RuleAt(i).DstLimit = null;
            }
        }
        // Remove jumps into chains that ended up without rules (the validator would refuse them).
        long t = 0;
        var trace = packets.Select(p => { t += p.T; return p with { T = t }; }).ToArray();
        return new Case(DropDanglingJumps(set), trace);
    }

    private static RuleSet DropDanglingJumps(RuleSet set)
    {
        foreach (var f in new[] { set.Ipv4, set.Ipv6, set.Ipv4.Raw, set.Ipv6.Raw })
        {
            for (int i = 0; i < f.RuleCount; i++)
            {
                var r = f.RuleAt(i);
                if (r.Action != RuleAction.Jump) continue;
                bool exists = Enumerable.Range(0, f.RuleCount).Any(k => f.RuleAt(k).Chain == r.JumpTarget);
                if (!exists) { r.Action = RuleAction.Passthrough; r.JumpTarget = null; }
            }
        }
        return set;
    }
}
