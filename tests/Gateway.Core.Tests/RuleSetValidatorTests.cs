// The semantic checks between reading and compiling: each combination RouterOS would refuse (or would
// not run as written) is refused with its own reason, and its neighbours that are fine pass
// (regressions of surviving mutants; the bad package vectors cover only a few of these).

namespace Gateway.Core.Tests;

public class RuleSetValidatorTests
{
    private static PackageResult Check(Family family, params string[] filters)
    {
        var rules = new RuleSet();
        foreach (var f in filters) rules.Filter(f, family);
        return RuleSetValidator.Validate(rules);
    }

    [Theory]
    [InlineData("chain=input dst-port=22 action=drop", "port matchers need protocol=tcp or protocol=udp")]
    [InlineData("chain=input protocol=icmp src-port=22 action=drop", "port matchers need protocol=tcp or protocol=udp")]
    [InlineData("chain=input protocol=!tcp port=22 action=drop", "port matchers need protocol=tcp or protocol=udp")]
    [InlineData("chain=input protocol=udp tcp-flags=syn action=drop", "tcp-flags needs protocol=tcp")]
    [InlineData("chain=input protocol=!tcp tcp-flags=syn action=drop", "tcp-flags needs protocol=tcp")]
    [InlineData("chain=input action=add-src-to-address-list", "action add-src-to-address-list needs address-list")]
    [InlineData("chain=input action=add-dst-to-address-list", "action add-dst-to-address-list needs address-list")]
    [InlineData("chain=input action=drop address-list=x", "address-list is only for add-src-to-address-list and add-dst-to-address-list")]
    [InlineData("chain=input action=drop address-list-timeout=1m", "address-list-timeout is only for add-src-to-address-list and add-dst-to-address-list")]
    [InlineData("chain=input action=drop reject-with=icmp-admin-prohibited", "reject-with is only for action=reject")]
    [InlineData("chain=input protocol=udp action=reject reject-with=tcp-reset", "reject-with=tcp-reset needs protocol=tcp")]
    [InlineData("chain=input protocol=!tcp action=reject reject-with=tcp-reset", "reject-with=tcp-reset needs protocol=tcp")]
    [InlineData("chain=input action=reject reject-with=icmp-no-route", "reject-with=icmp-no-route does not exist for IPv4")]
    [InlineData("chain=input action=reject reject-with=icmp-address-unreachable", "reject-with=icmp-address-unreachable does not exist for IPv4")]
    [InlineData("chain=input protocol=udp action=tarpit", "tarpit needs IPv4 and protocol=tcp")]
    [InlineData("chain=input protocol=!tcp action=tarpit", "tarpit needs IPv4 and protocol=tcp")]
    [InlineData("chain=input action=accept jump-target=input", "jump-target is only for action=jump")]
    [InlineData("chain=input action=jump", "action=jump needs jump-target")]
    public void An_ipv4_rule_that_cannot_run_as_written_is_refused_for_its_reason(string rule, string message)
    {
        var result = Check(Family.Ipv4, rule);
        Assert.Equal(PackageError.BadValue, result.Error);
        Assert.Equal(message, result.Message);
    }

    [Theory]
    [InlineData("icmp-network-unreachable")]
    [InlineData("icmp-host-unreachable")]
    [InlineData("icmp-protocol-unreachable")]
    [InlineData("icmp-net-prohibited")]
    [InlineData("icmp-host-prohibited")]
    public void Ipv4_only_reject_kinds_are_refused_for_ipv6(string kind)
    {
        var result = Check(Family.Ipv6, $"chain=input action=reject reject-with={kind}");
        Assert.Equal(PackageError.BadValue, result.Error);
        Assert.Equal($"reject-with={kind} does not exist for IPv6", result.Message);
        Assert.True(Check(Family.Ipv4, $"chain=input action=reject reject-with={kind}").IsOk);
    }

    [Theory]
    [InlineData(Family.Ipv4, "chain=input protocol=tcp dst-port=22 action=drop")]
    [InlineData(Family.Ipv4, "chain=input protocol=udp src-port=53 action=drop")]
    [InlineData(Family.Ipv4, "chain=input protocol=tcp tcp-flags=syn,!ack action=drop")]
    [InlineData(Family.Ipv4, "chain=input protocol=tcp action=reject reject-with=tcp-reset")]
    [InlineData(Family.Ipv4, "chain=input protocol=tcp action=tarpit")]
    [InlineData(Family.Ipv4, "chain=input action=add-dst-to-address-list address-list=x address-list-timeout=1m")]
    [InlineData(Family.Ipv6, "chain=input action=reject reject-with=icmp-no-route")]
    [InlineData(Family.Ipv6, "chain=input action=reject reject-with=icmp-address-unreachable")]
    [InlineData(Family.Ipv6, "chain=input action=reject reject-with=icmp-admin-prohibited")]
    public void Its_well_formed_neighbours_pass(Family family, string rule)
    {
        var result = Check(family, rule);
        Assert.True(result.IsOk, result.ToString());
    }

    [Fact]
    public void Tarpit_is_refused_for_ipv6()
    {
        var result = Check(Family.Ipv6, "chain=input protocol=tcp action=tarpit");
        Assert.Equal("tarpit needs IPv4 and protocol=tcp", result.Message);
    }

    [Fact]
    public void A_list_nothing_fills_is_accepted_as_RouterOS_accepts_an_empty_list()
    {
        Assert.True(Check(Family.Ipv4, "chain=input dst-address-list=nowhere action=drop").IsOk);
        Assert.True(Check(Family.Ipv4, "chain=input dst-address-list=x action=drop", "chain=output action=add-dst-to-address-list address-list=x").IsOk);
        var rules = new RuleSet();
        rules.Filter("chain=input src-address-list=x action=drop");
        rules.Entry("list=x address=10.0.0.1");
        Assert.True(RuleSetValidator.Validate(rules).IsOk);
    }

    [Fact]
    public void An_interface_list_a_rule_names_must_exist_or_be_built_in()
    {
        var result = Check(Family.Ipv4, "chain=input in-interface-list=WAN action=drop");
        Assert.Equal(PackageError.UnknownList, result.Error);
        Assert.Equal("in-interface-list WAN: no such interface list (add it under /interface list; built in: all, none, dynamic, static)", result.Message);
        Assert.True(Check(Family.Ipv4, "chain=input in-interface-list=!all out-interface-list=none action=drop").IsOk);
        var rules = new RuleSet();
        rules.Filter("chain=input in-interface-list=WAN action=drop");
        rules.InterfaceLists.AddList(new InterfaceList { Name = "WAN" });
        Assert.True(RuleSetValidator.Validate(rules).IsOk);
        rules.InterfaceLists.AddMember(new InterfaceListMember { List = "all", Interface = "ether1" });
        Assert.Equal("interface list member of all: no such /interface list (all is built in and takes no members)", RuleSetValidator.Validate(rules).Message);
    }

    [Fact]
    public void Interface_lists_that_include_themselves_are_refused()
    {
        var rules = new RuleSet();
        rules.InterfaceLists.AddList(new InterfaceList { Name = "A", Include = "B" });
        rules.InterfaceLists.AddList(new InterfaceList { Name = "B", Exclude = "A" });
        Assert.Equal("interface list A includes or excludes itself through other lists", RuleSetValidator.Validate(rules).Message);
        rules.InterfaceLists.ListAt(1).Exclude = "C";
        Assert.Equal("exclude=C: no such interface list", RuleSetValidator.Validate(rules).Message);
        rules.InterfaceLists.ListAt(1).Exclude = "dynamic";
        Assert.True(RuleSetValidator.Validate(rules).IsOk);
    }

    [Theory]
    [InlineData(true, "chain=input action=jump jump-target=a", "chain=a action=jump jump-target=a")]   // a chain that jumps to itself
    [InlineData(true, "chain=input action=jump jump-target=a", "chain=a action=jump jump-target=b", "chain=b action=jump jump-target=c", "chain=c action=jump jump-target=a")]
    [InlineData(false, "chain=input action=jump jump-target=a", "chain=input action=jump jump-target=b", "chain=a action=jump jump-target=c", "chain=b action=jump jump-target=c", "chain=c action=drop")]   // a diamond
    [InlineData(false, "chain=input action=jump jump-target=a", "chain=a action=jump jump-target=b", "chain=a action=jump jump-target=b", "chain=b action=accept")]
    public void Jump_loops_are_refused_and_shared_targets_are_not(bool loop, params string[] filters)
    {
        var result = Check(Family.Ipv6, filters);
        Assert.Equal(loop ? PackageError.JumpCycle : PackageError.None, result.Error);
        if (loop) Assert.EndsWith("closes a loop of chains", result.Message);
    }

    [Fact]
    public void The_same_entry_twice_in_one_list_is_refused_but_in_two_lists_is_not()
    {
        var rules = new RuleSet();
        rules.Filter("chain=input src-address-list=a action=accept");
        rules.Entry("list=a address=10.0.0.0/24");
        rules.Entry("list=b address=10.0.0.0/24");
        rules.Entry("list=a address=10.0.0.0/25");
        rules.Entry("list=a address=10.0.0.1-10.0.0.255");
        Assert.True(RuleSetValidator.Validate(rules).IsOk);
        rules.Entry("list=a address=10.0.0.7/24");   // the same network as the first
        var result = RuleSetValidator.Validate(rules);
        Assert.Equal(PackageError.DuplicateEntry, result.Error);
        Assert.Equal("already have such entry: 10.0.0.0/24 in a", result.Message);
    }

    [Theory]
    [InlineData("chain=dstnat action=dst-nat dst-port=2222 to-addresses=192.168.88.10")]
    [InlineData("chain=dstnat action=dst-nat protocol=tcp to-addresses=192.168.88.10")]
    [InlineData("chain=dstnat action=dst-nat protocol=tcp dst-port=2222")]
    public void A_forward_needs_protocol_port_and_address(string nat)
    {
        var rules = new RuleSet();
        rules.Nat(nat);
        var result = RuleSetValidator.Validate(rules);
        Assert.Equal(PackageError.BadValue, result.Error);
        Assert.Equal("a forward needs protocol, dst-port and to-addresses", result.Message);
        rules = new RuleSet();
        rules.Nat("chain=dstnat action=dst-nat protocol=tcp dst-port=2222 to-addresses=192.168.88.10");
        Assert.True(RuleSetValidator.Validate(rules).IsOk);
    }
}
