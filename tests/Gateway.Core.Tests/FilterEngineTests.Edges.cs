// Matchers and jumps at the edges the other tests leave out: packets that arrive on an interface against
// rules that name none, a plain (not negated) out-interface, IPv6 address matchers past the first, and a
// jump as the last rule of its chain (regressions of surviving mutants).

namespace Gateway.Core.Tests;

public partial class FilterEngineTests
{
    // On the device every packet has its interfaces set; a rule without an interface matcher must not care.
    [Fact]
    public void Rules_without_interface_matchers_match_packets_on_any_interface()
    {
        var (engine, p) = With(
            "chain=forward in-interface=ether9 action=accept",   // makes ether1/ether2 known names below
            "chain=forward out-interface=ether1 in-interface=ether2 action=accept",
            "chain=forward protocol=tcp action=drop");
        p.Forward(engine, "ether1", "ether2");
        Assert.True(p.Packet.InInterface >= 0 && p.Packet.OutInterface >= 0);
        Assert.Equal("drop forward:2", p.Run(engine, 0));
    }

    [Fact]
    public void A_plain_out_interface_matches_only_that_interface()
    {
        var (engine, p) = With("chain=forward out-interface=ether2 action=drop", "chain=forward in-interface=ether1 action=accept");
        Assert.Equal("drop forward:0", p.Run(engine, 0, p.Forward(engine, "ether1", "ether2")));
        p.Packet.OutInterface = engine.Table.InterfaceIndex("ether1");
        Assert.Equal("accept forward:1", p.Run(engine, 0));
    }

    [Fact]
    public void Ipv6_address_matchers_past_the_first_use_their_own_prefix()
    {
        var (engine, p) = With(Family.Ipv6,
            "chain=input src-address=2001:db8:1::/48 action=accept",
            "chain=input dst-address=2001:db8:ff::/48 action=reject",
            "chain=input src-address=2001:db8:2::/48 action=drop");
        Assert.Equal("drop input:2", p.Run(engine, 0, p.Tcp("2001:db8:2::5", 1, "2001:db8:ee::1", 22)));
        Assert.Equal("reject input:1", p.Run(engine, 0, p.Tcp("2001:db8:3::5", 1, "2001:db8:ff::1", 22)));
        Assert.Equal("accept input:0", p.Run(engine, 0, p.Tcp("2001:db8:1::5", 1, "2001:db8:ff::1", 22)));
        Assert.Equal("accept input:-", p.Run(engine, 0, p.Tcp("2001:db8:3::5", 1, "2001:db8:ee::1", 22)));
    }

    // Back from a jump that was its chain's last rule, evaluation is at the end of that chain: it must not
    // run on into the rules laid out after it (here the forward chain's drop).
    [Fact]
    public void Returning_from_a_jump_that_ends_its_chain_leaves_the_chain()
    {
        var (engine, p) = With(
            "chain=input protocol=tcp action=jump jump-target=audit",
            "chain=forward action=drop",
            "chain=audit protocol=udp action=drop");
        Assert.Equal("accept input:-", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22)));
        Assert.Equal(0, engine.Table.Ipv4.PacketsOf(engine.Table.Ipv4.ChainIndex("forward"), 0));
    }
}
