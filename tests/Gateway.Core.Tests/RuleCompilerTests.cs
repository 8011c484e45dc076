// The compiler refuses a RuleSet that does not fit, naming the capacity and the numbers; at the exact
// limit it compiles. Tiny limits reach every edge.

namespace Gateway.Core.Tests;

public class RuleCompilerTests
{
    private static PackageResult Compile(RuleSet rules, TableLimits limits)
        => TableLoader.Compile(rules, limits, 0, out _);

    private static void AssertOver(PackageResult result, string what, long actual, long limit)
    {
        Assert.Equal(PackageError.OverCapacity, result.Error);
        Assert.Equal(what, result.What);
        Assert.Equal(actual, result.Actual);
        Assert.Equal(limit, result.Limit);
        Assert.Equal($"over-capacity: {what} {actual}, limit {limit}", result.ToString());
    }

    [Fact]
    public void No_limits_let_a_family_past_the_index_s_16_bit_positions()
    {
        var rules = new RuleSet();
        for (int i = 0; i < DecisionIndex.MaxRules; i++) rules.Filter($"chain=input protocol=tcp dst-port={i + 1} action=accept");
        var limits = new TableLimits { MaxRules = 2 * DecisionIndex.MaxRules, MaxPortRanges = 2 * DecisionIndex.MaxRules };
        Assert.True(Compile(rules, limits).IsOk);
        rules.Filter("chain=input action=accept");
        AssertOver(Compile(rules, limits), "IPv4 rules", DecisionIndex.MaxRules + 1, DecisionIndex.MaxRules);
    }

    [Fact]
    public void Rules_at_the_limit_compile_and_one_more_is_refused()
    {
        var limits = new TableLimits { MaxRules = 4 };
        var rules = Build.SeedRecipe();
        Assert.True(Compile(rules, limits).IsOk);
        rules.Filter("chain=input action=accept");
        AssertOver(Compile(rules, limits), "IPv4 rules", 5, 4);
    }

    [Fact]
    public void Chains_count_the_three_built_in_ones()
    {
        var rules = new RuleSet();
        rules.Filter("chain=input action=jump jump-target=a");
        rules.Filter("chain=a action=accept");
        Assert.True(Compile(rules, new TableLimits { MaxChains = 4 }).IsOk);
        AssertOver(Compile(rules, new TableLimits { MaxChains = 3 }), "IPv4 chains", 4, 3);
    }

    [Fact]
    public void Port_ranges_address_matchers_lists_and_interfaces_have_limits()
    {
        var rules = new RuleSet();
        rules.Filter("chain=input protocol=tcp src-address=10.0.0.0/8 dst-port=1,2,3 in-interface=ether1 action=add-src-to-address-list address-list=a");
        rules.Filter("chain=input protocol=tcp src-address-list=a dst-address=10.0.0.1 src-port=4 out-interface=ether2 action=add-src-to-address-list address-list=b");
        rules.Filter("chain=input src-address-list=b action=accept");
        Assert.True(Compile(rules, new TableLimits { MaxPortRanges = 4, MaxAddressMatchers = 2, MaxLists = 2, MaxInterfaces = 2 }).IsOk);
        AssertOver(Compile(rules, new TableLimits { MaxPortRanges = 3 }), "IPv4 port ranges", 4, 3);
        AssertOver(Compile(rules, new TableLimits { MaxAddressMatchers = 1 }), "IPv4 address matchers", 2, 1);
        AssertOver(Compile(rules, new TableLimits { MaxLists = 1 }), "IPv4 address lists", 2, 1);
        AssertOver(Compile(rules, new TableLimits { MaxInterfaces = 1 }), "interfaces", 2, 1);
    }

    [Fact]
    public void Static_entries_must_fit_their_store()
    {
        var rules = Build.SeedRecipe();
        rules.Entry("list=secure address=10.0.0.1");
        rules.Entry("list=secure address=10.0.0.2");
        rules.Entry("list=secure address=10.1.0.0/16");
        Assert.True(Compile(rules, new TableLimits { Ipv4ListEntries = 2, ListRangeEntries = 1 }).IsOk);
        AssertOver(Compile(rules, new TableLimits { Ipv4ListEntries = 1 }), "IPv4 static address-list entries", 2, 1);
        // A store counts entries per network in 16 bits: more than 65,535 is refused, not thrown on.
        AssertOver(Compile(rules, new TableLimits { Ipv6ListEntries = 70_000 }), "IPv6 address-list entries", 70_000, Capacity.MaxListEntries);
        AssertOver(Compile(rules, new TableLimits { ListRangeEntries = 0 }), "IPv4 prefix and range list entries", 1, 0);
        rules.Filter("chain=input protocol=tcp psd=21,3s,3,1 action=drop");
        rules.Filter("chain=input protocol=udp psd=21,3s,3,1 action=drop", Family.Ipv6);
        Assert.True(Compile(rules, new TableLimits { MaxPsdRules = 2 }).IsOk);
        AssertOver(Compile(rules, new TableLimits { MaxPsdRules = 1 }), "psd rules", 2, 1);   // over both families
    }

    [Fact]
    public void Forwards_have_a_limit_over_both_families()
    {
        var rules = new RuleSet();
        rules.Nat("chain=dstnat action=dst-nat protocol=tcp dst-port=2222 to-addresses=192.168.88.10 to-ports=22");
        rules.Nat("chain=dstnat action=dst-nat protocol=tcp dst-port=2223 to-addresses=fd00::1 to-ports=22", Family.Ipv6);
        Assert.True(Compile(rules, new TableLimits { MaxForwards = 2 }).IsOk);
        AssertOver(Compile(rules, new TableLimits { MaxForwards = 1 }), "forwards", 2, 1);
    }

    [Fact]
    public void Ipv6_rules_are_counted_against_their_own_limit()
    {
        var rules = Build.SeedRecipe();
        rules.Filter("chain=input action=accept", Family.Ipv6);
        rules.Filter("chain=input action=drop", Family.Ipv6);
        AssertOver(Compile(rules, new TableLimits { MaxRules = 1 }), "IPv4 rules", 4, 1);
        var v6only = new RuleSet();
        v6only.Filter("chain=input action=accept", Family.Ipv6);
        v6only.Filter("chain=input action=drop", Family.Ipv6);
        AssertOver(Compile(v6only, new TableLimits { MaxRules = 1 }), "IPv6 rules", 2, 1);
    }

    [Fact]
    public void The_compiler_validates_before_it_counts()
    {
        var rules = new RuleSet();
        rules.Filter("chain=input action=jump jump-target=missing");
        Assert.Equal(PackageError.UnknownChain, Compile(rules, new TableLimits()).Error);
    }

    [Fact]
    public void Lists_that_an_accept_rule_matches_grant_access()
    {
        var table = Build.Compile(Build.SeedRecipe());
        Assert.True(table.Ipv4Lists.GrantsAccess(table.Ipv4.ListId("secure")));
        Assert.False(table.Ipv4Lists.GrantsAccess(table.Ipv4.ListId("port:9000")));
    }

    [Fact]
    public void Chains_keep_added_order_and_indexes_count_disabled_rules()
    {
        var rules = new RuleSet();
        rules.Filter("chain=input action=jump jump-target=k");
        rules.Filter("chain=k action=passthrough disabled=yes");
        rules.Filter("chain=input action=drop");
        rules.Filter("chain=k action=accept");
        var t = Build.Compile(rules).Ipv4;
        Assert.Equal(new[] { "input", "forward", "output", "k" }, Enumerable.Range(0, t.ChainCount).Select(t.ChainName));
        Assert.Equal(2, t.RulesInChain(0));
        Assert.Equal(2, t.RulesInChain(3));
        Assert.Equal(1, rules.Ipv4.IndexInChain(2));
        Assert.Equal(1, rules.Ipv4.IndexInChain(3));
    }

    [Fact]
    public void Compiling_reports_its_table_size()
    {
        var table = Build.Compile(Build.SeedRecipe());
        int index = table.Ipv4.Index.Bytes + table.Ipv6.Index.Bytes;
        Assert.InRange(table.TableBytes - index, 4 * 60, 4 * 200);
        // IPv4: 9 buckets; TCP's input cut at 6000, 6001, 9000, 9001 (5 intervals), every other bucket one.
        Assert.Equal(13, table.Ipv4.Index.IntervalCount);
        // Bucket and interval starts 2 B, settled bits 4 B and quiet interval 2 B per bucket, lowest port 2 B
        // per interval, 2 B per candidate, the named-port map (a bit per 64 ports: 128 B), and the source
        // gate's map (128 B; the seed gates no rule).
        Assert.Equal(10 * 2 + 9 * (4 + 2) + 13 * (2 + 2) + 2 + table.Ipv4.Index.CandidateCount * 2 + 128 + 128, table.Ipv4.Index.Bytes);
    }

    [Fact]
    public void The_index_keeps_for_each_port_only_the_rules_that_could_match_it_in_rule_order()
    {
        var table = Build.Compile(Build.SeedRecipe());
        var index = table.Ipv4.Index;
        int[] Candidates(int protocolClass, int port)
        {
            int interval = index.IntervalOf((int)EntryChain.Input * DecisionIndex.Classes + protocolClass, port);
            return Slice(index, interval).Select(r => (int)r).ToArray();
        }
        Assert.Equal(new[] { 2, 3 }, Candidates(DecisionIndex.ClassTcp, 22));
        Assert.Equal(new[] { 1, 2, 3 }, Candidates(DecisionIndex.ClassTcp, 6000));
        Assert.Equal(new[] { 2, 3 }, Candidates(DecisionIndex.ClassTcp, 6001));
        Assert.Equal(new[] { 0, 2, 3 }, Candidates(DecisionIndex.ClassTcp, 9000));
        Assert.Equal(new[] { 2, 3 }, Candidates(DecisionIndex.ClassTcp, 65535));
        Assert.Equal(new[] { 2, 3 }, Candidates(DecisionIndex.ClassUdp, 9000));   // the knock rules are tcp
        Assert.Equal(new[] { 2, 3 }, Candidates(DecisionIndex.ClassOther, 0));
    }

    [Theory]
    [InlineData("protocol=tcp dst-port=22 action=accept", "protocol=tcp dst-port=6000-6100,9000 action=jump jump-target=k", "protocol=udp dst-port=!53 action=drop", "protocol=udp dst-port=100-199 action=accept")]
    [InlineData("protocol=tcp dst-port=0-65535 action=accept", "protocol=udp dst-port=1 action=drop")]   // every block named
    [InlineData("protocol=tcp dst-port=63,64,127,128,65535 action=accept")]                               // block edges
    public void A_port_no_rule_names_lands_in_the_same_candidates_as_a_search_would_find(params string[] rules)
    {
        var set = new RuleSet();
        foreach (var r in rules) set.Filter("chain=input " + r);
        set.Filter("chain=input action=drop");
        set.Filter("chain=k protocol=tcp dst-port=7000 action=accept");
        var index = Build.Compile(set).Ipv4.Index;
        for (int chain = 0; chain < index.BucketFirst.Length / DecisionIndex.Classes; chain++)
            for (int protocolClass = 0; protocolClass < DecisionIndex.Classes; protocolClass++)
            {
                int bucket = chain * DecisionIndex.Classes + protocolClass;
                for (int port = 0; port < 65536; port++)
                {
                    // The oracle: the last interval of the bucket starting at or below the port, found by a scan.
                    int expected = index.BucketFirst[bucket];
                    for (int i = expected + 1; i < index.BucketFirst[bucket + 1]; i++) if (index.IntervalLow[i] <= port) expected = i;
                    int found = index.IntervalOf(bucket, port);
                    if (found == expected) continue;
                    // A quiet port may land in another interval only if that one holds the very same rules.
                    Assert.Equal(Slice(index, expected), Slice(index, found));
                }
            }
    }

    private static short[] Slice(DecisionIndex index, int interval) => index.Candidates[index.IntervalFirst[interval]..index.IntervalFirst[interval + 1]];
}
