// Remote logging on a fake network (issue 29, item 2): what goes on the wire for bsd-syslog=yes (RFC 3164)
// and no (RFC 5424), RouterOS's firewall line, topics and rules routing, gateway events, and a flood that
// sends a bounded number per pass and counts the rest as dropped. A real rsyslog reads the same datagrams
// in the end-to-end suite.
using System.Text;
using Gateway.Core.Hardware;
using Gateway.Core.Packets;
using Gateway.Host.Logging;
using Gateway.Host.Running;

namespace Gateway.Core.Tests;

public sealed class SyslogTests
{
    private const long Wall = 1_796_445_388_123;   // 2026-12-05T04:36:28.123Z
    private readonly FakeNetwork _net = new();
    private readonly ActiveRules _rules;
    private readonly RuleLogRing _ring = new();
    private readonly GatewayEvents _events = new();
    private readonly StoredLogging _logging = new(new MemoryFlash());
    private readonly SyslogSender _sender;

    private sealed class FixedWallClock : IWallClock
    {
        public long UnixMs { get; set; } = Wall;
    }

    private readonly FixedWallClock _wall = new();

    public SyslogTests()
    {
        _rules = new ActiveRules(new RuleStore(new MemoryFlash(), Capacity.MaxPackageBytes), new TableLimits());
        _rules.Start(0);
        _sender = new SyslogSender(_logging, _ring, _events, _net, _wall, _rules);
    }

    private void Configure(string actionWords, string topics)
    {
        LoggingSettings s = _logging.Settings;
        foreach (string word in actionWords.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            Assert.Equal("", s.SetAction(1, word[..word.IndexOf('=')], word[(word.IndexOf('=') + 1)..]));
        int r = s.AddRule(out string error);
        Assert.Equal("", error);
        Assert.Equal("", s.SetRule(r, "topics", topics));
        Assert.Equal("", s.SetRule(r, "action", "remote"));
    }

    private void LogSyn(long nowMs, int dstPort = 9000, string? prefix = "KNOCK")
    {
        var p = new Packet { Family = Family.Ipv4, Protocol = Protocols.Tcp, SrcPort = 40000, DstPort = dstPort, TcpFlags = TcpFlags.Syn, Length = 60 };
        p.SetIpv4(0xC6336407, 0xC0000201);
        _ring.OnRuleLog(Family.Ipv4, 0, 0, prefix, p, nowMs);
    }

    private List<string> Sent() => _net.All.Where(s => s.Kind == "udp").SelectMany(s => s.SentTo).Select(d => Encoding.ASCII.GetString(d.Data)).ToList();

    [Fact]
    public void Bsd_syslog_sends_rfc_3164_with_routeros_firewall_line()
    {
        Configure("remote=192.0.2.50 remote-port=5514 bsd-syslog=yes", "firewall");
        LogSyn(1_000);
        _sender.Pump(1_000);
        Assert.Equal(new[] { "<30>Dec  5 04:36:28 gateway KNOCK input: in:ether1 out:(unknown 0), proto TCP (SYN), 198.51.100.7:40000->192.0.2.1:9000, len 60" }, Sent());
        var udp = _net.All.Single(s => s.Kind == "udp");
        Assert.Equal(5514, udp.Peer.Port);
        Assert.Equal(0xC0000232u, udp.Peer.Address[0]);
    }

    [Fact]
    public void Without_bsd_syslog_it_sends_rfc_5424_with_the_topics_as_msgid_and_the_time_of_the_event()
    {
        Configure("remote=192.0.2.50 syslog-facility=local3", "firewall");
        LogSyn(1_000, 22, null);
        _sender.Pump(1_250);   // its turn came 250 ms after it happened
        Assert.Equal(new[] { "<158>1 2026-12-05T04:36:27.873Z gateway firewall - firewall,info - input: in:ether1 out:(unknown 0), proto TCP (SYN), 198.51.100.7:40000->192.0.2.1:22, len 60" }, Sent());
    }

    [Fact]
    public void Events_go_where_their_topics_are_routed_with_routeros_severity()
    {
        Configure("remote=192.0.2.50 bsd-syslog=yes", "system");
        var peer = new Endpoint { Family = Family.Ipv4, Port = 40003 };
        peer.Address[0] = 0xC6336407;
        _events.Login(peer, false, 10);
        _events.Login(peer, true, 20);
        _events.Grant(peer, "console", 30);   // firewall,info: not routed by topics=system
        LogSyn(40);                            // nor is a rule log
        _sender.Pump(40);
        Assert.Equal(new[]
        {
            "<26>Dec  5 04:36:28 gateway login failure for user admin from 198.51.100.7 via network-console",
            "<30>Dec  5 04:36:28 gateway user admin logged in from 198.51.100.7 via network-console",
        }, Sent());
    }

    [Fact]
    public void Topics_info_takes_firewall_lines_and_a_negated_topic_refuses_them()
    {
        Configure("remote=192.0.2.50 bsd-syslog=yes", "info,!firewall");
        LogSyn(1);
        _events.RulesInForce("abc", "rules.js", 2);
        _sender.Pump(2);
        Assert.Equal(new[] { "<30>Dec  5 04:36:28 gateway rules changed: table abc in force, from rules.js" }, Sent());
    }

    [Fact]
    public void Unknown_time_leaves_the_stamp_out()
    {
        _wall.UnixMs = -1;
        Configure("remote=192.0.2.50 bsd-syslog=yes", "firewall");
        LogSyn(1);
        _sender.Pump(1);
        Configure("remote=192.0.2.50 bsd-syslog=no", "firewall");
        LogSyn(2);
        _sender.Pump(2);
        Assert.StartsWith("<30>gateway KNOCK input:", Sent()[0]);
        Assert.StartsWith("<30>1 - gateway firewall - firewall,info - KNOCK input:", Sent()[1]);
    }

    [Fact]
    public void A_flood_sends_a_bounded_number_per_pass_and_counts_what_its_ring_lost()
    {
        Configure("remote=192.0.2.50 bsd-syslog=yes", "firewall");
        for (int i = 0; i < 1_000; i++) LogSyn(i, 1 + i);
        _sender.Pump(1_000);
        Assert.Equal(SyslogSender.MaxPerPass, Sent().Count);
        Assert.Equal(1_000 - Capacity.LogLines, _sender.Dropped);
        for (int pass = 0; pass < 10; pass++) _sender.Pump(1_000);
        List<string> sent = Sent();
        Assert.Equal(Capacity.LogLines, sent.Count);   // the last 32, in order, then nothing more
        Assert.EndsWith("192.0.2.1:1000, len 60", sent[^1]);
        Assert.EndsWith("192.0.2.1:" + (1_001 - Capacity.LogLines) + ", len 60", sent[0]);
        Assert.Equal(Capacity.LogLines, _sender.Sent);
    }

    [Fact]
    public void Nothing_is_sent_or_owed_until_a_rule_routes_to_a_remote_action_with_an_address()
    {
        LogSyn(1);
        _sender.Pump(1);
        Configure("bsd-syslog=yes", "firewall");   // remote=0.0.0.0: nowhere
        LogSyn(2);
        _sender.Pump(2);
        Assert.DoesNotContain(_net.All, s => s.Kind == "udp");
        Assert.Equal("", _logging.Settings.SetAction(1, "remote", "192.0.2.50"));
        _sender.Pump(3);
        Assert.Empty(Sent());   // what came before logging was on is not owed
        Assert.Equal(0, _sender.Dropped);
    }
}
