// RouterOS's psd matcher as netfilter's psd module defines it: weights of new destination ports per source
// while they come within the delay threshold, what never counts (repeats, ACK/RST to a new port, ICMP,
// fragments, 0.0.0.0), the low/high port boundary at 1024, records reused oldest first, and the value's text.
using Gateway.Core.MatchState;

namespace Gateway.Core.Tests;

public class PortScanDetectorTests
{
    private const string Gateway = "192.0.2.1";

    private static PortScanDetector Detector(string psd, Family family = Family.Ipv4)
    {
        var rule = new Rule();
        Assert.Equal(PropertyError.None, RuleProperties.Set(rule, family, "psd", psd, out string error));
        Assert.Equal("", error);
        return new PortScanDetector(family, rule);
    }

    private static bool Tcp(PortScanDetector d, string src, int port, long at, byte flags = TcpFlags.Syn)
        => d.Observe(new TestPackets().Tcp(src, 40000, Gateway, port, flags), at);

    [Fact]
    public void Seven_low_ports_within_the_delay_make_the_seventh_match_at_21_3s_3_1()
    {
        var d = Detector("21,3s,3,1");
        for (int i = 0; i < 6; i++) Assert.False(Tcp(d, "203.0.113.7", 20 + i, i * 2_999));
        Assert.True(Tcp(d, "203.0.113.7", 100, 6 * 2_999));          // 7 x 3 = 21
        Assert.True(Tcp(d, "203.0.113.7", 100, 6 * 2_999 + 1));      // the port the threshold was reached on is not remembered
        Assert.True(Tcp(d, "203.0.113.7", 101, 6 * 2_999 + 2));      // every later new port within the delay matches
        Assert.False(Tcp(d, "203.0.113.7", 20, 6 * 2_999 + 3));      // a port seen before never does
        Assert.False(Tcp(d, "198.51.100.1", 20, 6 * 2_999 + 4));     // other sources have records of their own
    }

    [Fact]
    public void High_ports_weigh_the_high_weight_and_port_1024_is_high()
    {
        var d = Detector("4,1s,3,1");
        Assert.False(Tcp(d, "203.0.113.7", 1024, 0));
        Assert.False(Tcp(d, "203.0.113.7", 1025, 1));
        Assert.False(Tcp(d, "203.0.113.7", 5000, 2));
        Assert.True(Tcp(d, "203.0.113.7", 6000, 3));                 // 4 x 1
        d = Detector("4,1s,3,1");
        Assert.False(Tcp(d, "203.0.113.7", 1023, 0));                // 3: low
        Assert.True(Tcp(d, "203.0.113.7", 1024, 1));                 // + 1
    }

    [Fact]
    public void A_gap_longer_than_the_delay_starts_the_count_again()
    {
        var d = Detector("3,3s,1,1");
        Assert.False(Tcp(d, "203.0.113.7", 1, 0));
        Assert.False(Tcp(d, "203.0.113.7", 2, 3_000));               // exactly the delay: still the same scan
        Assert.True(Tcp(d, "203.0.113.7", 3, 6_000));
        d = Detector("3,3s,1,1");
        Assert.False(Tcp(d, "203.0.113.7", 1, 0));
        Assert.False(Tcp(d, "203.0.113.7", 2, 3_000));
        Assert.False(Tcp(d, "203.0.113.7", 3, 6_001));               // too late: a new record with weight 1
        Assert.False(Tcp(d, "203.0.113.7", 4, 6_002));
        Assert.True(Tcp(d, "203.0.113.7", 5, 6_003));
    }

    [Fact]
    public void A_repeated_port_neither_counts_nor_keeps_the_scan_alive()
    {
        var d = Detector("3,1s,1,1");
        Assert.False(Tcp(d, "203.0.113.7", 1, 0));
        Assert.False(Tcp(d, "203.0.113.7", 2, 900));
        Assert.False(Tcp(d, "203.0.113.7", 2, 1_800));               // repeat: the last new port is still at 900
        Assert.False(Tcp(d, "203.0.113.7", 3, 1_901));               // 1,001 ms after it: a new record
    }

    [Fact]
    public void Ack_and_rst_to_a_new_port_do_not_count_and_an_ack_opens_no_record()
    {
        var d = Detector("2,1s,1,1");
        Assert.False(Tcp(d, "203.0.113.7", 1, 0, TcpFlags.Ack));     // no record
        Assert.False(Tcp(d, "203.0.113.7", 2, 1));                   // the record opens here
        Assert.False(Tcp(d, "203.0.113.7", 3, 2, TcpFlags.Ack));
        Assert.False(Tcp(d, "203.0.113.7", 4, 3, TcpFlags.Rst));
        Assert.True(Tcp(d, "203.0.113.7", 5, 4, TcpFlags.Syn));
        d = Detector("2,1s,1,1");
        Assert.False(Tcp(d, "203.0.113.7", 1, 0, TcpFlags.Rst));     // a RST alone does open one (netfilter)
        Assert.True(Tcp(d, "203.0.113.7", 2, 1));
    }

    [Fact]
    public void Udp_counts_icmp_fragments_and_the_zero_address_never_do()
    {
        var d = Detector("2,1s,1,1");
        var packets = new TestPackets();
        Assert.False(d.Observe(packets.Udp("203.0.113.7", 40000, Gateway, 53), 0));
        Assert.True(d.Observe(packets.Udp("203.0.113.7", 40000, Gateway, 161), 1));
        var icmp = packets.Set("198.51.100.1", 0, Gateway, 0, Protocols.Icmp, 0, EntryChain.Input);
        Assert.False(d.Observe(icmp, 2));
        icmp.DstPort = 1;
        Assert.False(d.Observe(icmp, 3));
        var fragment = packets.Tcp("198.51.100.2", 40000, Gateway, 1);
        fragment.FragmentOffset = 185;
        Assert.False(d.Observe(fragment, 4));
        fragment.DstPort = 2;
        Assert.False(d.Observe(fragment, 5));
        Assert.False(Tcp(d, "0.0.0.0", 1, 6));
        Assert.False(Tcp(d, "0.0.0.0", 2, 7));
    }

    [Fact]
    public void A_new_source_takes_the_oldest_record_when_all_are_in_use()
    {
        var d = Detector("2,1m,1,1");
        Assert.False(Tcp(d, "198.51.100.1", 1, 0));
        for (int i = 0; i < Capacity.PsdSources - 1; i++) Assert.False(Tcp(d, $"203.0.113.{i + 1}", 1, 1));
        Assert.True(Tcp(d, "198.51.100.1", 2, 2));                   // all records in use, the first still there
        d = Detector("2,1m,1,1");
        Assert.False(Tcp(d, "198.51.100.1", 1, 0));
        for (int i = 0; i < Capacity.PsdSources; i++) Assert.False(Tcp(d, $"203.0.113.{i + 1}", 1, 1));
        Assert.False(Tcp(d, "198.51.100.1", 2, 2));                  // its record went to the 32nd newcomer
    }

    [Fact]
    public void Ports_past_the_remembered_ones_count_again_when_repeated()
    {
        var d = Detector("40,1m,1,1");
        for (int i = 0; i < Capacity.PsdPortsRemembered; i++) Assert.False(Tcp(d, "203.0.113.7", 2000 + i, i));
        Assert.False(Tcp(d, "203.0.113.7", 2000, 100));              // remembered: does not count
        for (int i = 0; i < 18; i++) Assert.False(Tcp(d, "203.0.113.7", 3000, 200 + i));   // not remembered: 18 more
        Assert.True(Tcp(d, "203.0.113.7", 3000, 300));               // 21 + 19 = 40
    }

    [Fact]
    public void Ipv6_sources_are_told_apart_by_all_their_words()
    {
        var d = Detector("2,1s,1,1", Family.Ipv6);
        var packets = new TestPackets();
        Assert.False(d.Observe(packets.Tcp("2001:db8::1", 40000, "2001:db8::ff", 1), 0));
        Assert.False(d.Observe(packets.Tcp("2001:db8::1:0:0:1", 40000, "2001:db8::ff", 2), 1));
        Assert.True(d.Observe(packets.Tcp("2001:db8::1", 40000, "2001:db8::ff", 3), 2));
        Assert.False(d.Observe(packets.Tcp("2001:db8::3", 40000, "2001:db8::ff", 1), 3));
        Assert.True(d.Observe(packets.Tcp("2001:db8::3", 40000, "2001:db8::ff", 2), 4));   // the third record, words 8-11
        Assert.True(d.Observe(packets.Tcp("2001:db8::1:0:0:1", 40000, "2001:db8::ff", 3), 5));
    }

    [Theory]
    [InlineData("21,3s,3,1", "21,3s,3,1")]
    [InlineData("1,500ms,0,0", "1,500ms,0,0")]
    [InlineData("65535,1h,65535,65535", "65535,1h,65535,65535")]
    [InlineData("10,3,1,1", "10,3s,1,1")]
    public void The_value_is_read_and_written_in_routeros_form(string value, string canonical)
    {
        var rule = new Rule();
        Assert.Equal(PropertyError.None, RuleProperties.Set(rule, Family.Ipv4, "psd", value, out _));
        Assert.Equal(canonical, PortScanDetection.ToText(rule));
    }

    [Theory]
    [InlineData("")]
    [InlineData("21")]
    [InlineData("21,3s,3")]
    [InlineData("21,3s,3,1,1")]
    [InlineData("0,3s,3,1")]
    [InlineData("21,0s,3,1")]
    [InlineData("21,2h,3,1")]
    [InlineData("65536,3s,3,1")]
    [InlineData("21,3s,-1,1")]
    [InlineData("21,3x,3,1")]
    [InlineData("!21,3s,3,1")]
    public void Malformed_values_are_refused_with_the_form(string value)
    {
        Assert.Equal(PropertyError.BadValue, RuleProperties.Set(new Rule(), Family.Ipv4, "psd", value, out string error));
        Assert.Equal(PortScanDetection.Error, error);
    }

    [Fact]
    public void In_a_rule_psd_counts_only_packets_the_other_matchers_let_through()
    {
        var rules = new RuleSet();
        var scan = new Rule { Chain = "input" };
        RuleProperties.Set(scan, Family.Ipv4, "protocol", "tcp", out _);
        RuleProperties.Set(scan, Family.Ipv4, "dst-port", "1-1000", out _);
        RuleProperties.Set(scan, Family.Ipv4, "psd", "3,1s,1,1", out _);
        RuleProperties.Set(scan, Family.Ipv4, "action", "drop", out _);
        rules.Ipv4.AddRule(scan);
        var engine = Build.Engine(rules);
        var packets = new TestPackets();
        Assert.Equal("accept input:-", packets.Run(engine, 0, packets.Tcp("203.0.113.7", 40000, Gateway, 1)));
        packets.Tcp("203.0.113.7", 40000, Gateway, 2000);   // outside dst-port: psd never sees it
        Assert.Equal("accept input:-", packets.Run(engine, 1));
        Assert.Equal("accept input:-", packets.Run(engine, 2, packets.Tcp("203.0.113.7", 40000, Gateway, 2)));
        Assert.Equal("drop input:0", packets.Run(engine, 3, packets.Tcp("203.0.113.7", 40000, Gateway, 3)));
    }
}
