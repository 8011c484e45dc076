// The decision index: a packet visits only the rules its protocol and destination port could match, in rule
// order, through jumps too; disabled rules are never visited; a chain whose split would overrun the budget
// keeps all its rules and still decides the same. (The differential tests check it against the unindexed
// reference on random rule sets; these pin the steps it saves.)
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Tests.Support;

namespace Gateway.Core.Tests;

public partial class FilterEngineTests
{
    // Room for a few hundred rules (the PSRAM boards' size and more).
    private static (FilterEngine Engine, Packets P) WithMany(List<string> rules)
    {
        var set = new RuleSet();
        foreach (var r in rules) set.Filter(r);
        var limits = new Gateway.Core.Tables.TableLimits { MaxRules = 512, MaxPortRanges = 512, MaxAddressMatchers = 512 };
        return (Build.Engine(set, limits), new Packets());
    }

    private static long StepsFor(FilterEngine engine, Packets p, string src, int port)
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
        Assert.Equal(2, StepsFor(engine, p, "203.0.113.9", 22));    // tcp/22 fails, drop decides
        Assert.Equal(2, StepsFor(engine, p, "198.51.100.8", 10007)); // its port rule (for .7), then drop
        Assert.Equal("drop input:252", p.Run(engine, 0));
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.1", 443));   // nothing but the drop
    }

    [Fact]
    public void Port_lists_ranges_and_negated_ports_stay_candidates_where_they_can_hold()
    {
        var (engine, p) = With(
            "chain=input protocol=tcp dst-port=20-25,80 action=accept",
            "chain=input protocol=tcp dst-port=!22 action=drop",
            "chain=input protocol=tcp dst-port=22 action=reject");
        p.Tcp("203.0.113.1", 1, Me, 22);
        Assert.Equal("accept input:0", p.Run(engine, 0));
        p.Tcp("203.0.113.1", 1, Me, 26);
        Assert.Equal("drop input:1", p.Run(engine, 0));
        p.Tcp("203.0.113.1", 1, Me, 80);
        Assert.Equal("accept input:0", p.Run(engine, 0));
        Assert.Equal(1, StepsFor(engine, p, "203.0.113.1", 19));    // dst-port=!22 alone can hold for 19
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
        p.Tcp("203.0.113.1", 1, Me, 22);
        Assert.Equal("accept ssh:1", p.Run(engine, 0));
        p.Tcp("203.0.113.2", 1, Me, 22);
        Assert.Equal("drop input:3", p.Run(engine, 0));   // two jumps, each back by return, then the drop
        p.Tcp("203.0.113.2", 1, Me, 80);
        Assert.Equal("accept input:1", p.Run(engine, 0));
        p.Tcp("203.0.113.2", 1, Me, 443);
        Assert.Equal("drop input:3", p.Run(engine, 0));
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
        for (int i = 0; i < 40; i++) rules.Add($"chain=input src-address=198.51.100.{i} action=accept");
        for (int i = 0; i < 120; i++) rules.Add($"chain=input protocol=tcp dst-port={2000 + 2 * i} src-address=203.0.113.{i} action=accept");
        rules.Add("chain=input action=drop");
        var (engine, p) = WithMany(rules);
        Assert.True(engine.Table.Ipv4.Index.CandidateCount <= Gateway.Core.Tables.DecisionIndex.CandidatesPerRule * 161);
        Assert.Equal(161, StepsFor(engine, p, "192.0.2.77", 2010));   // unsplit: every rule of the chain
        p.Tcp("203.0.113.5", 1, Me, 2010);
        Assert.Equal("accept input:45", p.Run(engine, 0));
        p.Tcp("198.51.100.39", 1, Me, 9);
        Assert.Equal("accept input:39", p.Run(engine, 0));
    }
}
