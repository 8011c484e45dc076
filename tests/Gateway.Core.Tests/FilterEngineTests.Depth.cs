// Jumps nested deeper than one family's chain count, the rule index a log gets in every kind of chain,
// and the list expiry every evaluation runs first (regressions of surviving mutants, issue 15).

namespace Gateway.Core.Tests;

public partial class FilterEngineTests
{
    // IPv4 has 3 built-in + 4 custom chains, IPv6 only its 3 built-in ones: the return stack must be sized
    // from the larger family, or the fourth jump overruns it.
    [Theory]
    [InlineData(22, "accept d:0")]
    [InlineData(80, "drop input:1")]
    public void Four_nested_jumps_in_one_family_return_in_order(int port, string expected)
    {
        var (engine, p) = With(
            "chain=input action=jump jump-target=a",
            "chain=input action=drop",
            "chain=a action=jump jump-target=b",
            "chain=b action=jump jump-target=c",
            "chain=c action=jump jump-target=d",
            "chain=d protocol=tcp dst-port=22 action=accept");
        Assert.Equal(0, engine.Table.Ipv6.ChainCount - RuleSet.BuiltInChains.Length);
        p.Tcp("203.0.113.1", 1, Me, port);
        Assert.Equal(expected, p.Run(engine, 0));
    }

    [Fact]
    public void Ipv6_jumps_deeper_than_the_ipv4_chain_count_return_in_order()
    {
        var (engine, p) = With(Family.Ipv6,
            "chain=input action=jump jump-target=a",
            "chain=input action=reject",
            "chain=a action=jump jump-target=b",
            "chain=b action=jump jump-target=c",
            "chain=c action=jump jump-target=d",
            "chain=d protocol=udp action=accept");
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("2001:db8::7", 1, "2001:db8::1", 22)));
        Assert.Equal("accept d:0", p.Run(engine, 0, p.Udp("2001:db8::7", 1, "2001:db8::1", 53)));
    }

    [Fact]
    public void A_log_names_the_rule_by_its_index_in_forward_output_and_custom_chains()
    {
        var set = new RuleSet();
        set.Filter("chain=input action=accept");
        set.Filter("chain=forward protocol=udp action=accept");
        set.Filter("chain=forward action=jump jump-target=audit log=yes log-prefix=fwd");
        set.Filter("chain=output protocol=udp action=accept");
        set.Filter("chain=output action=log log-prefix=out");
        set.Filter("chain=audit protocol=udp action=accept");
        set.Filter("chain=audit action=passthrough");
        set.Filter("chain=audit action=drop log=yes log-prefix=audit");
        var engine = Build.Engine(set);
        var log = new NamedChainLog(engine);
        engine.Log = log;
        var p = new TestPackets();
        Assert.Equal("drop audit:2", p.Run(engine, 0, p.Tcp("10.0.0.2", 1, "203.0.113.1", 80, Gateway.Core.Model.TcpFlags.Syn, EntryChain.Forward)));
        Assert.Equal("accept output:-", p.Run(engine, 0, p.Tcp(Me, 22, "203.0.113.1", 40000, Gateway.Core.Model.TcpFlags.Syn, EntryChain.Output)));
        Assert.Equal(new[] { "forward:1 fwd", "audit:2 audit", "output:1 out" }, log.Lines);
    }

    [Fact]
    public void Evaluating_a_packet_collects_expired_list_entries_of_both_sections()
    {
        var set = Build.SeedRecipe();
        set.Entry("list=allow address=10.0.0.0/8 timeout=1m");
        var engine = Build.Engine(set);
        var lists = engine.Table.Ipv4Lists;
        var p = new TestPackets();
        p.Tcp("203.0.113.7", 1, Me, 9000);
        p.Run(engine, 0);
        Assert.Equal(1, lists.Count);
        Assert.Equal(1, lists.RangeCount);
        p.Tcp("198.51.100.9", 1, Me, 80);
        p.Run(engine, 59_999);
        Assert.Equal(1, lists.Count);
        Assert.Equal(1, lists.RangeCount);
        p.Run(engine, 60_000);
        Assert.Equal(0, lists.Count);
        Assert.Equal(0, lists.RangeCount);
        Assert.Equal(2, lists.Expirations);
    }

    // Names the chain from the table, custom chains included.
    private sealed class NamedChainLog(FilterEngine engine) : IRuleLog
    {
        public List<string> Lines { get; } = new();

        public void OnRuleLog(Family family, int chainIndex, int ruleIndex, string? prefix, Packet packet, long nowMs)
            => Lines.Add($"{engine.Table.Filter(family).ChainName(chainIndex)}:{ruleIndex} {prefix}");
    }
}
