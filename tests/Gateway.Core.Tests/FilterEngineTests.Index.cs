// The decision index: a packet visits only the rules its protocol and destination port could match, in rule
// order, through jumps too; disabled rules are never visited; a chain whose split would overrun the budget
// keeps all its rules and still decides the same. (The differential tests check it against the unindexed
// reference on random rule sets; these pin the steps it saves.)

namespace Gateway.Core.Tests;

public partial class FilterEngineTests
{
    // Room for a few hundred rules (the PSRAM boards' size and more).
    private static (FilterEngine Engine, TestPackets P) WithMany(List<string> rules)
    {
        var set = new RuleSet();
        foreach (var r in rules) set.Filter(r);
        var limits = new Gateway.Core.Tables.TableLimits { MaxRules = 512, MaxPortRanges = 512, MaxAddressMatchers = 512 };
        return (Build.Engine(set, limits), new TestPackets());
    }

    private static long StepsFor(FilterEngine engine, TestPackets p, string src, int port)
    {
        long before = engine.Steps;
        p.Tcp(src, 40000, Me, port);
        p.Run(engine, 0);
        return engine.Steps - before;
    }

    [Fact]
    public void Rules_for_other_ports_and_protocols_are_not_visited()
    {
        var rules = new List<string>();
        for (int i = 0; i < 250; i++) rules.Add($"chain=input protocol=tcp dst-port={10000 + i} src-address=198.51.100.{i % 250} action=accept");
        rules.Add("chain=input protocol=udp dst-port=22 action=accept");
        rules.Add("chain=input protocol=tcp dst-port=22 src-address=203.0.113.1 action=accept");
        rules.Add("chain=input action=drop");
        var (engine, p) = WithMany(rules);
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.1", 22));    // the tcp/22 rule decides
        Assert.Equal("accept input:251", p.Run(engine, 0));
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.9", 22));    // the tcp/22 rule is for .1 alone: drop decides
        Assert.Equal(1, StepsFor(engine, p, "198.51.100.250", 10007)); // the 10007 rule is for .7: drop decides
        Assert.Equal(2, StepsFor(engine, p, "198.51.100.8", 10007)); // .8's own rule (10008) is visited, fails on its port
        Assert.Equal("drop input:252", p.Run(engine, 0));
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.9", 443));   // nothing but the drop
        Assert.Equal(2, StepsFor(engine, p, "203.0.113.1", 443));   // .1's own rule (tcp/22), then the drop
    }

    [Fact]
    public void Port_lists_ranges_and_negated_ports_stay_candidates_where_they_can_hold()
    {
        var (engine, p) = With(
            "chain=input protocol=tcp dst-port=20-25,80 action=accept",
            "chain=input protocol=tcp dst-port=!22 action=drop",
            "chain=input protocol=tcp dst-port=22 action=reject");
        Assert.Equal("accept input:0", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal("drop input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 26)));
        Assert.Equal("accept input:0", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 80)));
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.1", 19));    // dst-port=!22 alone can hold for 19
    }

    [Fact]
    public void Adjacent_port_ranges_of_different_rules_stay_apart()
    {
        // Two intervals of one rule each, side by side: alike in size, not in rules (the builder merges only the same).
        var (engine, p) = With(
            "chain=input protocol=tcp dst-port=100-150 action=accept",
            "chain=input protocol=tcp dst-port=151-200 action=reject",
            "chain=input action=drop");
        Assert.Equal("accept input:0", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 150)));
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 151)));
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 200)));
        Assert.Equal("drop input:2", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 201)));
        Assert.Equal("drop input:2", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 99)));
    }

    [Fact]
    public void Intervals_with_the_same_rules_are_merged_and_each_rule_is_visited_once()
    {
        // 100-150 and 151-200 hold the same rule: one interval, in which the rule appears once (a rule seen twice
        // would count and act twice: a passthrough's counters, an add-to-list's refresh).
        var (engine, p) = With("chain=input protocol=tcp dst-port=100-150,151-200 action=passthrough");
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.1", 120));
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.1", 180));
        Assert.Equal(0, StepsFor(engine, p, "203.0.113.1", 201));
        Assert.Equal(2, engine.Table.Ipv4.Packets[0]);
        // As small as the index of the one range 100-200.
        var (single, _) = With("chain=input protocol=tcp dst-port=100-200 action=passthrough");
        Assert.Equal(single.Table.Ipv4.Index.IntervalCount, engine.Table.Ipv4.Index.IntervalCount);
        Assert.Equal(single.Table.Ipv4.Index.CandidateCount, engine.Table.Ipv4.Index.CandidateCount);
    }

    [Fact]
    public void Jumps_walk_the_target_chains_index_and_come_back_to_the_next_candidate()
    {
        var (engine, p) = With(
            "chain=input protocol=tcp dst-port=22 action=jump jump-target=ssh",
            "chain=input protocol=tcp dst-port=80 action=accept",
            "chain=input protocol=tcp action=jump jump-target=ssh",
            "chain=input action=drop",
            "chain=ssh protocol=tcp dst-port=80 action=reject",
            "chain=ssh protocol=tcp dst-port=22 src-address=203.0.113.1 action=accept",
            "chain=ssh action=return");
        Assert.Equal("accept ssh:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        p.Tcp("203.0.113.2", 1, Me, 22);
        Assert.Equal("drop input:3", p.Run(engine, 0));   // two jumps, each back by return, then the drop
        Assert.Equal("accept input:1", p.Run(engine, 0, p.Tcp("203.0.113.2", 1, Me, 80)));
        Assert.Equal("drop input:3", p.Run(engine, 0, p.Tcp("203.0.113.2", 1, Me, 443)));
        Assert.Equal(3, StepsFor(engine, p, "203.0.113.2", 443));   // the jump, ssh's return, the drop
    }

    [Fact]
    public void Disabled_rules_are_never_visited()
    {
        var (engine, p) = With("chain=input action=accept disabled=yes", "chain=input action=drop disabled=yes", "chain=input action=reject");
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.1", 22));
        Assert.Equal("reject input:2", p.Run(engine, 0));
    }

    [Fact]
    public void A_chain_over_the_index_budget_keeps_every_rule_and_decides_the_same()
    {
        // 120 ports and 40 rules for every port: split, it would take ~241 x 40 candidates, over 6 per rule.
        var rules = new List<string>();
        // (Source ports, which no index splits, keep the rules apart: source addresses would be gated.)
        for (int i = 0; i < 40; i++) rules.Add($"chain=input protocol=tcp src-port={30000 + i} action=accept");
        for (int i = 0; i < 120; i++) rules.Add($"chain=input protocol=tcp dst-port={2000 + 2 * i} src-port={1 + i} action=accept");
        rules.Add("chain=input action=drop");
        var (engine, p) = WithMany(rules);
        Assert.True(engine.Table.Ipv4.Index.CandidateCount <= Gateway.Core.Tables.DecisionIndex.CandidatesPerRule * 161);
        Assert.Equal(161, StepsFor(engine, p, "192.0.2.77", 2010));   // unsplit: every rule of the chain
        Assert.Equal("accept input:45", p.Run(engine, 0, p.Tcp("203.0.113.5", 6, Me, 2010)));
        Assert.Equal("accept input:39", p.Run(engine, 0, p.Tcp("198.51.100.39", 30039, Me, 9)));
    }

    [Fact]
    public void Rules_for_other_source_addresses_are_not_visited()
    {
        var rules = new List<string>();
        for (int i = 0; i < 250; i++) rules.Add($"chain=input src-address=198.51.100.{i + 1} action=accept");
        rules.Add("chain=input src-address=203.0.113.0/24 protocol=tcp dst-port=22 action=accept");
        rules.Add("chain=input action=drop");
        var (engine, p) = WithMany(rules);
        Assert.Equal(251, engine.Table.Ipv4.Index.GatedRuleCount);
        Assert.Equal(1, StepsFor(engine, p, "10.1.2.3", 22));          // no gated range holds it: the drop alone
        Assert.Equal(1, StepsFor(engine, p, "198.51.100.0", 22));      // in a gated /24, in no rule's range
        Assert.Equal(1, StepsFor(engine, p, "198.51.100.77", 80));     // its own rule accepts
        Assert.Equal("accept input:76", p.Run(engine, 0));
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.9", 22));
        Assert.Equal("accept input:250", p.Run(engine, 0));
        Assert.Equal(2, StepsFor(engine, p, "203.0.113.9", 23));      // the /24's rule is visited and fails on the port
        Assert.Equal("drop input:251", p.Run(engine, 0));
    }

    [Fact]
    public void Gated_rules_take_their_place_in_rule_order_among_the_port_candidates_through_jumps()
    {
        var (engine, p) = With(
            "chain=input protocol=tcp dst-port=22 src-address=!203.0.113.1 action=drop",   // negated: not gated
            "chain=input src-address=203.0.113.1 protocol=tcp dst-port=23 action=reject",
            "chain=input protocol=tcp dst-port=23 action=accept",
            "chain=input src-address=203.0.113.1 action=jump jump-target=k",
            "chain=input src-address=203.0.113.1 action=drop",
            "chain=input action=accept",
            "chain=k src-address=203.0.113.1 protocol=tcp dst-port=80 action=return",
            "chain=k src-address=203.0.113.1 action=reject",
            "chain=k action=drop");
        Assert.Equal(5, engine.Table.Ipv4.Index.GatedRuleCount);
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 23)));
        Assert.Equal("accept input:2", p.Run(engine, 0, p.Tcp("203.0.113.2", 1, Me, 23)));
        p.Tcp("203.0.113.1", 1, Me, 80);
        Assert.Equal("drop input:4", p.Run(engine, 0));      // jump, k's return, then the next gated rule
        Assert.Equal("reject k:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal("drop input:0", p.Run(engine, 0, p.Tcp("203.0.113.2", 1, Me, 22)));
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.2", 443));   // only the last accept
        Assert.Equal(4, StepsFor(engine, p, "203.0.113.1", 80));    // the reject (fails on its port), the jump, k's return, the drop
    }

    [Fact]
    public void Overlapping_wide_negated_and_disabled_source_rules_stay_in_the_port_intervals()
    {
        var (engine, p) = With(
            "chain=input src-address=10.0.0.0/24 action=accept",
            "chain=input src-address=10.0.0.5 action=drop",          // inside the /24 above: neither is gated
            "chain=input src-address=172.16.0.0/12 action=reject",   // wider than 256 /24s
            "chain=input src-address=!192.0.2.9 action=drop",
            "chain=input src-address=198.51.100.1 action=accept disabled=yes",
            "chain=input src-address=198.51.100.2 action=accept");   // the only one gated
        Assert.Equal(1, engine.Table.Ipv4.Index.GatedRuleCount);
        Assert.Equal("accept input:0", p.Run(engine, 0, p.Tcp("10.0.0.5", 1, Me, 22)));
        Assert.Equal("reject input:2", p.Run(engine, 0, p.Tcp("172.20.1.1", 1, Me, 22)));
        Assert.Equal("accept input:-", p.Run(engine, 0, p.Tcp("192.0.2.9", 1, Me, 22)));
        Assert.Equal("drop input:3", p.Run(engine, 0, p.Tcp("198.51.100.1", 1, Me, 22)));
    }

    [Fact]
    public void An_ipv6_source_is_gated_by_its_48()
    {
        var (engine, p) = With(Family.Ipv6,
            "chain=input src-address=2001:db8:1::/48 action=accept",
            "chain=input src-address=2001:db8:2::7 action=reject",
            "chain=input action=drop");
        Assert.Equal(2, engine.Table.Ipv6.Index.GatedRuleCount);
        Assert.Equal("accept input:0", p.Run(engine, 0, p.Tcp("2001:db8:1:ffff::1", 1, "2001:db8::1", 22)));
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("2001:db8:2::7", 1, "2001:db8::1", 22)));
        long before = engine.Steps;
        Assert.Equal("drop input:2", p.Run(engine, 0, p.Tcp("2001:db8:2::8", 1, "2001:db8::1", 22)));
        Assert.Equal(1, engine.Steps - before);
    }
}

public partial class FilterEngineTests
{
    // The quiet-port map (one bit per 64-port block): a block is quiet exactly when no rule's dst-port names a port
    // in it, whatever the protocol; only a quiet block may skip the interval search.
    [Fact]
    public void The_quiet_port_map_marks_exactly_the_blocks_a_rule_names()
    {
        var (engine, _) = WithMany(new List<string>
        {
            "chain=input protocol=tcp dst-port=22 action=accept",
            "chain=input protocol=udp dst-port=40000-40100 action=accept",
            "chain=input protocol=tcp dst-port=65535 action=accept",
            "chain=input action=drop",
        });
        var index = engine.Table.Ipv4.Index;
        foreach (int named in new[] { 0, 22, 63, 40000 - 40000 % 64, 40000, 40063, 40064, 40100, 40127, 65472, 65535 })
            Assert.False(index.IsQuiet(named), $"port {named}'s block is named by a rule");
        foreach (int quiet in new[] { 64, 127, 128, 39999 - 39999 % 64 - 1, 40128, 40191, 50000, 65471 })
            Assert.True(index.IsQuiet(quiet), $"no rule names a port in port {quiet}'s block");
    }

    [Fact]
    public void Chains_and_lists_are_found_by_name_and_unknown_names_are_not()
    {
        var (engine, _) = WithMany(new List<string>
        {
            "chain=input src-address-list=secure action=accept",
            "chain=input action=jump jump-target=knock",
            "chain=knock action=add-src-to-address-list address-list=step1 address-list-timeout=1m",
            "chain=input action=drop",
        });
        var t = engine.Table.Ipv4;
        foreach (string chain in new[] { "input", "knock" })
            Assert.Equal(chain, t.ChainName(t.ChainIndex(chain)));
        Assert.Equal(Gateway.Core.Tables.FilterTable.NoIndex, t.ChainIndex("no-such-chain"));
        foreach (string list in new[] { "secure", "step1" })
            Assert.Equal(list, t.ListName(t.ListId(list)));
        Assert.Equal(Gateway.Core.Tables.FilterTable.NoIndex, t.ListId("no-such-list"));
    }
}
