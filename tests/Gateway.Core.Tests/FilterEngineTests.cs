// Every matcher and action of the filter, negation, edges of ranges and prefixes, chains and counters
// (routeros-semantics.md, "Evaluation" and "Matchers the gateway supports").

namespace Gateway.Core.Tests;

public partial class FilterEngineTests
{
    private const string Me = "192.0.2.1";

    private static (FilterEngine Engine, TestPackets P) With(params string[] rules) => With(Family.Ipv4, rules);

    private static (FilterEngine Engine, TestPackets P) With(Family family, params string[] rules)
    {
        var set = new RuleSet();
        foreach (var r in rules) set.Filter(r, family);
        return (Build.Engine(set), new TestPackets());
    }

    [Fact]
    public void No_rules_means_accept_with_no_deciding_rule()
    {
        var (engine, p) = With();
        Assert.Equal("accept input:-", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal(Decision.NoRule, p.Decision.RuleIndex);
    }

    [Fact]
    public void A_guarded_service_stays_closed_when_no_rule_decides()
    {
        // RouterOS accepts what no rule decides; the gateway's own guarded services (Packet.ToService) fail closed.
        var (engine, p) = With("chain=input protocol=tcp dst-port=9000 action=log");
        var service = p.Tcp("203.0.113.1", 40000, Me, 22);
        service.ToService = true;
        Assert.Equal("drop input:-", p.Run(engine, 0, service));
        Assert.Equal(RuleAction.Drop, p.Decision.Action);
        var forwarded = p.Tcp("203.0.113.1", 40000, Me, 22);
        forwarded.ToService = false;
        Assert.Equal("accept input:-", p.Run(engine, 0, forwarded));
        Assert.Equal(RuleAction.Accept, p.Decision.Action);
    }

    [Fact]
    public void First_terminal_rule_decides()
    {
        var (engine, p) = With("chain=input action=drop", "chain=input action=accept");
        Assert.Equal("drop input:0", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal(0, engine.Table.Ipv4.PacketsOf(0, 1));
    }

    [Theory]
    [InlineData("protocol=udp", false)]
    [InlineData("protocol=tcp", true)]
    [InlineData("protocol=6", true)]
    [InlineData("protocol=!tcp", false)]
    [InlineData("protocol=!udp", true)]
    public void Protocol_matches_and_negates(string matcher, bool matches)
    {
        var (engine, p) = With($"chain=input {matcher} action=drop");
        p.Tcp("203.0.113.1", 1, Me, 22);
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Theory]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("9.255.255.255", false)]
    [InlineData("11.0.0.0", false)]
    public void Cidr_source_matches_its_edges(string src, bool matches)
    {
        var (engine, p) = With("chain=input src-address=10.1.2.3/8 action=drop");
        p.Tcp(src, 1, Me, 22);
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Theory]
    [InlineData("192.0.2.9", false)]
    [InlineData("192.0.2.10", true)]
    [InlineData("192.0.2.20", true)]
    [InlineData("192.0.2.21", false)]
    public void Destination_range_includes_both_ends(string dst, bool matches)
    {
        var (engine, p) = With("chain=input dst-address=192.0.2.10-192.0.2.20 action=drop");
        p.Tcp("203.0.113.1", 1, dst, 22);
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Theory]
    [InlineData("10.0.0.1", false)]
    [InlineData("203.0.113.1", true)]
    public void Negated_address_matches_outside(string src, bool matches)
    {
        var (engine, p) = With("chain=input src-address=!10.0.0.0/8 action=drop");
        p.Tcp(src, 1, Me, 22);
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Theory]
    [InlineData(21, false)]
    [InlineData(22, true)]
    [InlineData(999, false)]
    [InlineData(1000, true)]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    public void Destination_port_list_with_ranges(int port, bool matches)
    {
        var (engine, p) = With("chain=input protocol=tcp dst-port=22,1000-2000 action=drop");
        p.Tcp("203.0.113.1", 1, Me, port);
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Theory]
    [InlineData(22, false)]
    [InlineData(80, false)]
    [InlineData(443, true)]
    public void Negated_port_list_matches_ports_outside_it(int port, bool matches)
    {
        var (engine, p) = With("chain=input protocol=tcp dst-port=!22,80 action=drop");
        p.Tcp("203.0.113.1", 1, Me, port);
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Fact]
    public void Source_port_matches_the_source_side_only()
    {
        var (engine, p) = With("chain=input protocol=udp src-port=53 action=drop");
        Assert.Equal("drop input:0", p.Run(engine, 0, p.Udp("203.0.113.1", 53, Me, 4000)));
        Assert.Equal("accept input:-", p.Run(engine, 0, p.Udp("203.0.113.1", 4000, Me, 53)));
    }

    [Theory]
    [InlineData(22, 5000, true)]
    [InlineData(5000, 22, true)]
    [InlineData(5000, 5001, false)]
    public void Port_matches_either_side(int sport, int dport, bool matches)
    {
        var (engine, p) = With("chain=input protocol=tcp port=22 action=drop");
        p.Tcp("203.0.113.1", sport, Me, dport);
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Theory]
    [InlineData(22, 5000, false)]
    [InlineData(5000, 22, false)]
    [InlineData(5000, 5001, true)]
    public void Negated_port_matches_when_neither_side_is_in_it(int sport, int dport, bool matches)
    {
        var (engine, p) = With("chain=input protocol=tcp port=!22 action=drop");
        p.Tcp("203.0.113.1", sport, Me, dport);
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Fact]
    public void Address_lists_match_and_negate_on_both_sides()
    {
        var set = new RuleSet();
        set.Entry("list=friends address=203.0.113.0/24");
        set.Entry("list=servers address=192.0.2.1");
        set.Filter("chain=input src-address-list=!friends action=drop");
        set.Filter("chain=input dst-address-list=servers action=reject");
        var engine = Build.Engine(set);
        var p = new TestPackets();
        Assert.Equal("drop input:0", p.Run(engine, 0, p.Tcp("198.51.100.1", 1, Me, 22)));
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.99", 1, Me, 22)));
        Assert.Equal("accept input:-", p.Run(engine, 0, p.Tcp("203.0.113.99", 1, "192.0.2.2", 22)));
    }

    [Fact]
    public void Interfaces_match_by_name_and_negate()
    {
        var (engine, p) = With("chain=forward in-interface=ether1 out-interface=!ether2 action=drop");
        Assert.Equal("accept forward:-", p.Run(engine, 0, p.Forward(engine, "ether1", "ether2")));
        p.Packet.OutInterface = engine.Table.InterfaceIndex("wlan1");   // a name no rule uses
        Assert.Equal(-1, p.Packet.OutInterface);
        Assert.Equal("drop forward:0", p.Run(engine, 0));
        p.Packet.InInterface = engine.Table.InterfaceIndex("ether2");
        Assert.Equal("accept forward:-", p.Run(engine, 0));
    }

    [Theory]
    [InlineData(ConnectionStates.New, false)]
    [InlineData(ConnectionStates.Established, true)]
    [InlineData(ConnectionStates.Related, true)]
    [InlineData(ConnectionStates.Invalid, false)]
    [InlineData(ConnectionStates.Untracked, false)]
    public void Connection_state_matches_any_listed_state(byte state, bool matches)
    {
        var (engine, p) = With("chain=input connection-state=established,related action=drop");
        p.Tcp("203.0.113.1", 1, Me, 22);
        p.Packet.ConnectionState = state;
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Theory]
    [InlineData(TcpFlags.Syn, true)]
    [InlineData(TcpFlags.Syn | TcpFlags.Psh, true)]           // unlisted flags are ignored
    [InlineData(TcpFlags.Syn | TcpFlags.Ack, false)]          // !ack must be clear
    [InlineData(TcpFlags.Ack, false)]
    public void Tcp_flags_need_listed_flags_set_and_negated_ones_clear(byte flags, bool matches)
    {
        var (engine, p) = With("chain=input protocol=tcp tcp-flags=syn,!ack action=drop");
        p.Tcp("203.0.113.1", 1, Me, 22, flags);
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, true)]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void Packet_size_range_is_inclusive(int length, bool matches)
    {
        var (engine, p) = With("chain=input packet-size=100-200 action=drop");
        p.Tcp("203.0.113.1", 1, Me, 22);
        p.Packet.Length = length;
        Assert.Equal(matches ? "drop input:0" : "accept input:-", p.Run(engine, 0));
    }

    [Fact]
    public void Reject_answers_with_the_family_default_or_its_reject_with()
    {
        var (engine, p) = With("chain=input protocol=tcp dst-port=22 action=reject reject-with=tcp-reset", "chain=input action=reject");
        Assert.Equal("reject input:0", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal(RejectWith.TcpReset, p.Decision.RejectWith);
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 23)));
        Assert.Equal(RejectWith.IcmpNetworkUnreachable, p.Decision.RejectWith);
    }

    [Fact]
    public void Tarpit_decides_drop()
    {
        var (engine, p) = With("chain=input protocol=tcp action=tarpit");
        Assert.Equal("drop input:0", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal(RuleAction.Tarpit, p.Decision.Action);
    }

    [Fact]
    public void Jump_enters_the_custom_chain_and_accept_there_accepts()
    {
        var (engine, p) = With(
            "chain=input protocol=tcp action=jump jump-target=ssh",
            "chain=input action=drop",
            "chain=ssh protocol=tcp dst-port=22 action=accept");
        Assert.Equal("accept ssh:0", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
    }

    [Fact]
    public void Falling_off_a_custom_chain_goes_back_after_the_jump()
    {
        var (engine, p) = With(
            "chain=input action=jump jump-target=ssh",
            "chain=input action=drop",
            "chain=ssh protocol=tcp dst-port=22 action=accept");
        Assert.Equal("drop input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 80)));
    }

    [Fact]
    public void Return_goes_back_after_the_jump_and_skips_the_rest_of_the_chain()
    {
        var (engine, p) = With(
            "chain=input action=jump jump-target=a",
            "chain=input action=reject",
            "chain=a protocol=tcp dst-port=80 action=return",
            "chain=a action=jump jump-target=b",
            "chain=a action=drop",
            "chain=b protocol=tcp dst-port=443 action=accept");
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 80)));
        p.Tcp("203.0.113.1", 1, Me, 443);
        Assert.Equal("accept b:0", p.Run(engine, 0));     // nested jump
        p.Tcp("203.0.113.1", 1, Me, 25);
        Assert.Equal("drop a:2", p.Run(engine, 0));       // back from b, on to a's next rule
    }

    [Fact]
    public void Return_in_a_built_in_chain_accepts_with_no_deciding_rule()
    {
        var (engine, p) = With("chain=input action=return", "chain=input action=drop");
        Assert.Equal("accept input:-", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal(1, engine.Table.Ipv4.PacketsOf(0, 0));
    }

    [Fact]
    public void Disabled_rules_never_match_never_count_but_keep_their_index()
    {
        var (engine, p) = With("chain=input action=drop disabled=yes", "chain=input action=reject");
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal(0, engine.Table.Ipv4.PacketsOf(0, 0));
    }

    [Fact]
    public void Every_matching_rule_counts_packets_and_bytes_terminal_or_not()
    {
        var (engine, p) = With(
            "chain=input action=passthrough",
            "chain=input action=log log-prefix=seen",
            "chain=input action=add-src-to-address-list address-list=seen",
            "chain=input protocol=udp action=drop",
            "chain=input action=accept",
            "chain=input action=drop");
        p.Tcp("203.0.113.1", 1, Me, 22);
        p.Packet.Length = 100;
        p.Run(engine, 0);
        p.Run(engine, 1);
        var t = engine.Table.Ipv4;
        long[] packets = Enumerable.Range(0, 6).Select(i => t.PacketsOf(0, i)).ToArray();
        Assert.Equal(new long[] { 2, 2, 2, 0, 2, 0 }, packets);
        Assert.Equal(200, t.BytesOf(0, 0));
        t.ResetCounters();
        Assert.Equal(0, t.PacketsOf(0, 0));
    }

    [Fact]
    public void Log_rules_report_prefix_and_place_and_go_on()
    {
        var set = new RuleSet();
        set.Filter("chain=input action=log log-prefix=knock");
        set.Filter("chain=input action=drop log=yes");
        var engine = Build.Engine(set);
        var log = new RecordingLog();
        engine.Log = log;
        var p = new TestPackets();
        Assert.Equal("drop input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal(new[] { "input:0 knock", "input:1 " }, log.Lines);
    }

    [Fact]
    public void An_entry_added_by_a_rule_is_seen_by_later_rules_of_the_same_packet()
    {
        var (engine, p) = With(
            "chain=input action=add-dst-to-address-list address-list=targets address-list-timeout=10s",
            "chain=input dst-address-list=targets action=reject");
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        var lists = engine.Table.Ipv4Lists;
        Assert.True(lists.Contains(engine.Table.Ipv4.ListId("targets"), p.Packet.Dst, 0, 9_999));
        Assert.False(lists.Contains(engine.Table.Ipv4.ListId("targets"), p.Packet.Dst, 0, 10_000));
    }

    [Fact]
    public void Packets_enter_the_chain_they_are_sent_to()
    {
        var (engine, p) = With("chain=forward action=drop", "chain=output action=reject");
        Assert.Equal("drop forward:0", p.Run(engine, 0, p.Tcp("10.0.0.2", 1, "203.0.113.1", 80, Gateway.Core.Model.TcpFlags.Syn, EntryChain.Forward)));
        Assert.Equal("reject output:0", p.Run(engine, 0, p.Tcp(Me, 22, "203.0.113.1", 40000, Gateway.Core.Model.TcpFlags.Syn, EntryChain.Output)));
        Assert.Equal("accept input:-", p.Run(engine, 0, p.Tcp("203.0.113.1", 40000, Me, 22)));
    }

    [Fact]
    public void Ipv6_has_its_own_table_and_lists()
    {
        var set = new RuleSet();
        set.Filter("chain=input action=drop");                                   // IPv4 only
        set.Filter("chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m", Family.Ipv6);
        set.Filter("chain=input protocol=tcp dst-port=6000 src-address-list=port:9000 action=accept", Family.Ipv6);
        set.Filter("chain=input src-address=2001:db8:bad::/48 action=reject", Family.Ipv6);
        var engine = Build.Engine(set);
        var p = new TestPackets();
        p.Tcp("2001:db8::7", 1, "2001:db8::1", 6000);
        Assert.Equal("accept input:-", p.Run(engine, 0));        // no IPv4 rule applies
        Assert.Equal("accept input:-", p.Run(engine, 1, p.Tcp("2001:db8::7", 1, "2001:db8::1", 9000)));
        Assert.Equal("accept input:1", p.Run(engine, 2, p.Tcp("2001:db8::7", 1, "2001:db8::1", 6000)));
        Assert.Equal("reject input:2", p.Run(engine, 3, p.Tcp("2001:db8:bad:ffff::1", 1, "2001:db8::1", 22)));
        Assert.Equal(RejectWith.IcmpNoRoute, p.Decision.RejectWith);
        Assert.Equal("drop input:0", p.Run(engine, 4, p.Tcp("203.0.113.1", 1, Me, 6000)));
        Assert.Equal(1, engine.Table.Ipv6Lists.Count);
        Assert.Equal(0, engine.Table.Ipv4Lists.Count);
    }

    private sealed class RecordingLog : IRuleLog
    {
        public List<string> Lines { get; } = new();

        public void OnRuleLog(Family family, int chainIndex, int ruleIndex, string? prefix, Packet packet, long nowMs)
            => Lines.Add($"{RuleSet.BuiltInChains[chainIndex]}:{ruleIndex} {prefix}");
    }
}
