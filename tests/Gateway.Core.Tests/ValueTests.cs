// RouterOS value forms: addresses (IPv4, IPv6, CIDR, ranges, negation), port lists, times.
using Gateway.Core.Text;

namespace Gateway.Core.Tests;

public class ValueTests
{
    [Theory]
    [InlineData(Family.Ipv4, "203.0.113.7", "203.0.113.7")]
    [InlineData(Family.Ipv4, "203.0.113.77/24", "203.0.113.0/24")]      // stored as the network, as RouterOS does
    [InlineData(Family.Ipv4, "10.0.0.0-10.0.0.255", "10.0.0.0/24")]     // a range that is exactly one prefix
    [InlineData(Family.Ipv4, "10.0.0.1-10.0.0.5", "10.0.0.1-10.0.0.5")]
    [InlineData(Family.Ipv4, "0.0.0.0/0", "0.0.0.0/0")]
    [InlineData(Family.Ipv4, "1.2.3.4/32", "1.2.3.4")]
    [InlineData(Family.Ipv4, "!192.168.0.0/16", "!192.168.0.0/16")]
    [InlineData(Family.Ipv4, "255.255.255.255", "255.255.255.255")]
    [InlineData(Family.Ipv6, "2001:db8::1", "2001:db8::1")]
    [InlineData(Family.Ipv6, "::", "::")]
    [InlineData(Family.Ipv6, "::1", "::1")]
    [InlineData(Family.Ipv6, "2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]   // RFC 5952: first longest zero run
    [InlineData(Family.Ipv6, "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]  // a single zero group stays
    [InlineData(Family.Ipv6, "fe80::1:2/64", "fe80::/64")]
    [InlineData(Family.Ipv6, "2001:db8::/32", "2001:db8::/32")]
    [InlineData(Family.Ipv6, "::ffff:192.0.2.1", "::ffff:c000:201")]
    [InlineData(Family.Ipv6, "!2001:db8::/48", "!2001:db8::/48")]
    public void Address_forms_read_and_write_canonically(Family family, string text, string canonical)
    {
        var m = AddressMatch.Parse(text, family, true, out string error);
        Assert.True(m != null, error);
        Assert.Equal(canonical, m!.ToString());
    }

    [Theory]
    [InlineData(Family.Ipv4, "1.2.3")]
    [InlineData(Family.Ipv4, "1.2.3.4.5")]
    [InlineData(Family.Ipv4, "256.1.1.1")]
    [InlineData(Family.Ipv4, "1.2.3.4/33")]
    [InlineData(Family.Ipv4, "1.2.3.4/")]
    [InlineData(Family.Ipv4, "10.0.0.9-10.0.0.1")]
    [InlineData(Family.Ipv4, "")]
    [InlineData(Family.Ipv4, "a.b.c.d")]
    [InlineData(Family.Ipv4, "1..2.3")]
    [InlineData(Family.Ipv4, "2001:db8::1")]
    [InlineData(Family.Ipv6, ":::")]
    [InlineData(Family.Ipv6, "1::2::3")]
    [InlineData(Family.Ipv6, "12345::")]
    [InlineData(Family.Ipv6, "1:2:3:4:5:6:7:8:9")]
    [InlineData(Family.Ipv6, "1:2:3:4:5:6:7")]
    [InlineData(Family.Ipv6, "2001:db8::1-2001:db8::5")]
    [InlineData(Family.Ipv6, "::/129")]
    [InlineData(Family.Ipv6, "1:")]
    [InlineData(Family.Ipv6, ":1")]
    public void Bad_address_values_are_refused(Family family, string text)
    {
        Assert.Null(AddressMatch.Parse(text, family, true, out string error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Negation_is_refused_where_not_allowed()
    {
        Assert.Null(AddressMatch.Parse("!1.2.3.4", Family.Ipv4, false, out string error));
        Assert.Contains("negation", error);
    }

    [Theory]
    [InlineData("22", "22")]
    [InlineData("1000-2000", "1000-2000")]
    [InlineData("!22,80", "!22,80")]
    [InlineData("0,65535", "0,65535")]
    [InlineData("9000,6000-6010", "9000,6000-6010")]
    [InlineData("5-5", "5")]
    public void Port_lists_read_and_write_canonically(string text, string canonical)
    {
        var set = PortSet.Parse(text, out string error);
        Assert.True(set != null, error);
        Assert.Equal(canonical, set!.ToString());
    }

    [Theory]
    [InlineData("65536")]
    [InlineData("10-5")]
    [InlineData("")]
    [InlineData("!")]
    [InlineData("22,")]
    [InlineData("ssh")]
    [InlineData("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16")]   // netfilter's multiport holds 15
    public void Bad_port_lists_are_refused(string text)
    {
        Assert.Null(PortSet.Parse(text, out _));
    }

    [Fact]
    public void Fifteen_ports_fit_in_one_list()
    {
        Assert.NotNull(PortSet.Parse("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15", out _));
    }

    [Theory]
    [InlineData("1m", 60_000)]
    [InlineData("500ms", 500)]
    [InlineData("1w2d3h4m5s", ((7 + 2) * 24 * 3600 + 3 * 3600 + 4 * 60 + 5) * 1000L)]
    [InlineData("1d00:00:00", 86_400_000)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("90", 90_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("35w3d13h13m56s", Capacity.MaxListTimeoutMs)]
    public void Routeros_times_parse(string text, long ms)
    {
        Assert.True(RouterOsTime.TryParse(text, Capacity.MaxListTimeoutMs, out long got), text);
        Assert.Equal(ms, got);
    }

    [Theory]
    [InlineData("35w3d13h13m57s")]   // one second over RouterOS's largest timeout
    [InlineData("1h1d")]             // units out of order
    [InlineData("1x")]
    [InlineData("m")]
    [InlineData("00:60:00")]
    [InlineData("1:2")]
    [InlineData("")]
    public void Bad_times_are_refused(string text)
    {
        Assert.False(RouterOsTime.TryParse(text, Capacity.MaxListTimeoutMs, out _));
    }

    [Theory]
    [InlineData(60_000, "1m")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(500, "500ms")]
    [InlineData(0, "0s")]
    [InlineData(86_400_000, "1d")]
    [InlineData(Capacity.MaxListTimeoutMs, "35w3d13h13m56s")]
    public void Times_write_in_unit_form(long ms, string text)
    {
        Assert.Equal(text, RouterOsTime.ToText(ms));
    }

    [Theory]
    [InlineData("none-dynamic", ListTimeoutKind.NoneDynamic, 0)]
    [InlineData("none-static", ListTimeoutKind.Static, 0)]
    [InlineData("00:00:00", ListTimeoutKind.NoneDynamic, 0)]   // RouterOS reads zero as none-dynamic
    [InlineData("1m", ListTimeoutKind.Timed, 60_000)]
    public void List_timeouts_have_three_kinds(string text, ListTimeoutKind kind, long ms)
    {
        Assert.True(PropertyValues.TryParseTimeout(text, out var gotKind, out long gotMs));
        Assert.Equal(kind, gotKind);
        Assert.Equal(ms, gotMs);
    }

    [Fact]
    public void Unknown_filter_property_is_an_error_naming_it()
    {
        var e = RuleProperties.Set(new Rule(), Family.Ipv4, "dst-prot", "22", out string error);
        Assert.Equal(PropertyError.UnknownProperty, e);
        Assert.Equal("unknown property dst-prot (did you mean dst-port?)", error);
        RuleProperties.Set(new Rule(), Family.Ipv4, "frobnicate", "22", out error);
        Assert.Equal("unknown property frobnicate", error);
    }

    [Theory]
    [InlineData("nth", "not built yet")]
    [InlineData("connection-mark", "set by /ip firewall mangle, which the gateway does not have")]
    [InlineData("layer7-protocol", "needs payload inspection the gateway does not do")]
    [InlineData("in-bridge-port", "the gateway has no bridge, hotspot or wireless ports")]
    public void RouterOS_matchers_the_gateway_lacks_say_so_with_the_reason(string name, string reason)
    {
        var e = RuleProperties.Set(new Rule(), Family.Ipv4, name, "1", out string error);
        Assert.Equal(PropertyError.NotSupported, e);
        Assert.Equal(name + ": RouterOS matcher the gateway does not support (" + reason + ")", error);
    }

    [Fact]
    public void Tcp_flags_take_set_and_cleared_flags()
    {
        var rule = new Rule();
        Assert.Equal(PropertyError.None, RuleProperties.Set(rule, Family.Ipv4, "tcp-flags", "syn,!ack", out _));
        Assert.Equal(TcpFlags.Syn, rule.TcpFlagsSet);
        Assert.Equal(TcpFlags.Ack, rule.TcpFlagsClear);
        Assert.Equal(PropertyError.BadValue, RuleProperties.Set(rule, Family.Ipv4, "tcp-flags", "syn,!syn", out _));
        Assert.Equal(PropertyError.BadValue, RuleProperties.Set(rule, Family.Ipv4, "tcp-flags", "syn,bogus", out _));
    }

    [Fact]
    public void Fnv_table_id_hashes_utf8()
    {
        // FNV-1a 64 test vectors: "" and "a".
        Assert.Equal("cbf29ce484222325", Fnv64Sink.ToHex(new Fnv64Sink().Hash));
        var sink = new Fnv64Sink();
        sink.Append("a");
        Assert.Equal("af63dc4c8601ec8c", Fnv64Sink.ToHex(sink.Hash));
    }
    // RouterOS's protocol names (its manual's list; issue 9 found ospf, gre, igmp, ipsec-esp, ipsec-ah and ipv6
    // in published configs) with their IANA numbers; written back by name.
    [Theory]
    [InlineData("ospf", 89, "ospf")]
    [InlineData("gre", 47, "gre")]
    [InlineData("igmp", 2, "igmp")]
    [InlineData("ipsec-esp", 50, "ipsec-esp")]
    [InlineData("ipsec-ah", 51, "ipsec-ah")]
    [InlineData("ipv6", 41, "ipv6-encap")]
    [InlineData("ipv6-encap", 41, "ipv6-encap")]
    [InlineData("ipv6-icmp", 58, "icmpv6")]
    [InlineData("sctp", 132, "sctp")]
    [InlineData("udp-lite", 136, "udp-lite")]
    [InlineData("vrrp", 112, "vrrp")]
    [InlineData("!gre", 47, "!gre")]
    [InlineData("47", 47, "gre")]
    [InlineData("253", 253, "253")]
    public void Protocols_are_read_by_routeros_name_or_number(string value, int number, string written)
    {
        var rule = new Rule { Chain = "input" };
        Assert.Equal(PropertyError.None, RuleProperties.Set(rule, Family.Ipv4, "protocol", value, out string error));
        Assert.Equal("", error);
        Assert.Equal(number, rule.Protocol);
        var words = new List<(string, string)>();
        RuleProperties.Write(rule, new Writer(words));
        Assert.Contains(("protocol", written), words);
    }

    [Fact]
    public void An_unknown_protocol_name_is_refused_with_the_forms()
    {
        Assert.Equal(PropertyError.BadValue, RuleProperties.Set(new Rule(), Family.Ipv4, "protocol", "ospf3", out string error));
        Assert.StartsWith("protocol must be a RouterOS protocol name", error);
        Assert.Equal(PropertyError.BadValue, RuleProperties.Set(new Rule(), Family.Ipv4, "protocol", "256", out _));
    }

    private sealed class Writer(List<(string, string)> words) : IPropertyWriter
    {
        public void Put(string name, string value) => words.Add((name, value));
    }
}
