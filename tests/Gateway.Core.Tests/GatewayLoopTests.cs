// The gateway's loop and its components on a fake network and tap, without a socket: the listeners follow
// the rules, packet sight judges in arrival order and skips what the stack drops, a guarded connection takes
// its SYN's verdict, the forward proxy connects and drops a stalled peer, a console login has a deadline, and
// a session ends when its grant does or when new rules no longer accept it. The same scenarios run end to end on real sockets elsewhere.
using System.Text;
using Gateway.Host.App;
using Gateway.Host.Auth;
using Gateway.Host.Running;

namespace Gateway.Core.Tests;

public class GatewayLoopTests
{
    private const int ConsolePort = 2323;
    private const uint Client = 0xC6336407;   // 198.51.100.7, the address HeaderParserTests' packets come from

    private sealed class ManualClock : IClock
    {
        public long NowMs { get; set; }
    }

    private readonly FakeNetwork _net = new();
    private readonly ManualClock _clock = new();
    private readonly ActiveRules _rules;

    public GatewayLoopTests()
    {
        _rules = new ActiveRules(new RuleStore(new MemoryFlash(), Capacity.MaxPackageBytes), new TableLimits());
        _rules.Start(0);   // the built-in seed recipe: 9000, then 6000, grants secure for a minute
    }

    private GatewayApp App(IPacketTap? tap = null)
    {
        var app = new GatewayApp(_rules, _net, _clock, new RuleLogRing(), ConsolePort, tap);
        var password = new ConsolePassword(new MemoryFlash());
        Assert.Equal("", password.Set("correct-horse", new byte[ConsolePassword.SaltBytes]));
        app.Consoles.Password = password;
        app.Poll();
        return app;
    }

    private static byte[] Syn(int port, byte flags = 0x02) => HeaderParserTests.Ipv4(Protocols.Tcp, HeaderParserTests.Tcp(40000, port, flags));

    // The seed's knock in listener mode, then a connection to the console (at its password prompt).
    private FakeNetwork.Socket KnockAndConnect(GatewayApp app)
    {
        _net.Connect(9000, Client, 40001);
        app.Poll();
        _net.Connect(6000, Client, 40002);
        app.Poll();
        var console = _net.Connect(ConsolePort, Client, 40003);
        app.Poll();
        Assert.EndsWith("Password: ", console.SentText);
        return console;
    }

    private bool Granted() => _rules.Engine!.Table.Ipv4Lists.Contains(_rules.Engine.Table.Ipv4.ListId("secure"), new uint[] { Client, 0, 0, 0 }, 0, _clock.NowMs);

    [Fact]
    public void Listeners_follow_the_rules_and_say_what_they_could_not_open()
    {
        _net.TakenPorts.Add(6000);
        var app = App();
        Assert.True(app.IsPlanned);
        Assert.Equal(new[] { 2323, 9000 }, Enumerable.Range(0, app.Listeners.Count).Select(app.Listeners.PortAt).Order().ToArray());
        Assert.Equal("cannot listen on tcp/6000", app.Listeners.Problems);
        // New rules that name no knock port: their listeners close, the console's stays.
        var rules = new RuleSet();
        rules.Filter("chain=input action=drop");
        Assert.True(_rules.Apply(rules, "drop.rsc", 0).IsOk);
        app.Poll();
        Assert.Equal(new[] { 2323 }, Enumerable.Range(0, app.Listeners.Count).Select(app.Listeners.PortAt).ToArray());
        Assert.True(_net.Listener("listen-tcp", 9000) == null);
    }

    [Fact]
    public void In_listener_mode_a_knock_opens_the_console_and_a_stranger_is_reset()
    {
        var app = App();
        var early = _net.Connect(ConsolePort, Client, 40001);
        app.Poll();
        Assert.True(early.WasReset);
        _net.Connect(9000, Client, 40002);
        app.Poll();
        _net.Connect(6000, Client, 40003);
        app.Poll();
        Assert.True(Granted());
        var console = _net.Connect(ConsolePort, Client, 40004);
        app.Poll();
        Assert.False(console.WasReset);
        Assert.Contains("Gateway console.", console.SentText);
        Assert.EndsWith("Password: ", console.SentText);
        Assert.Equal(1, app.Consoles.Open);
        var stranger = _net.Connect(ConsolePort, 0xCB007107, 40005);
        app.Poll();
        Assert.True(stranger.WasReset);
    }

    [Fact]
    public void Packet_sight_judges_in_arrival_order_and_skips_what_the_stack_drops()
    {
        var tap = new FakeTap(checksumsComplete: false);
        var app = App(tap);
        Assert.True(app.PacketSight.SeesPackets);
        Assert.Equal(new[] { 2323 }, Enumerable.Range(0, app.Listeners.Count).Select(app.Listeners.PortAt).ToArray());   // no knock listeners
        tap.Put(Syn(9000, 0x02 | 0x04));   // SYN+RST
        tap.Put(Syn(9000, 0x02 | 0x01));   // SYN+FIN
        tap.Put(new byte[] { 0x45, 0 });   // cut short
        tap.Put(Syn(6000));                // out of order: no progress
        tap.Put(Syn(9000));
        app.Poll();
        Assert.False(Granted());
        Assert.Equal(5, app.PacketSight.Packets);
        Assert.Equal(1, app.PacketSight.Malformed);
        Assert.Equal(2, app.AttemptsAccepted + app.AttemptsDropped);   // the two whole SYNs
        tap.Put(Syn(6000));
        tap.Put(Syn(ConsolePort));         // judged on its SYN, accepted a moment later
        app.Poll();
        Assert.True(Granted());
        var console = _net.Connect(ConsolePort, Client, 40000);
        app.Poll();
        Assert.Contains("Password: ", console.SentText);
        Assert.Equal(0, app.PacketSight.Misses);   // the accept took the SYN's verdict
    }

    [Fact]
    public void A_bad_checksum_is_no_knock_where_the_tap_sees_whole_checksums()
    {
        var tap = new FakeTap(checksumsComplete: true);
        var app = App(tap);
        tap.Put(Syn(9000));   // HeaderParserTests' packets carry no checksum: wrong for TCP
        Assert.True(app.Poll(), "a packet taken from the tap, judged or not, is work");
        Assert.Equal(1, app.PacketSight.BadChecksum);
        Assert.Equal(0, app.AttemptsAccepted + app.AttemptsDropped);
    }

    [Fact]
    public void The_forward_proxy_connects_carries_and_drops_a_peer_that_stops_reading()
    {
        var rules = new RuleSet();
        rules.Filter("chain=forward action=accept");
        rules.Nat("chain=dstnat action=dst-nat protocol=tcp dst-port=2222 to-addresses=192.168.88.10 to-ports=22");
        Assert.True(_rules.Apply(rules, "fwd.rsc", 0).IsOk);
        var app = App();
        var client = _net.Connect(2222, Client, 40000);
        app.Poll();
        var upstream = _net.All.Single(s => s.Kind == "connect");
        Assert.Equal(22, upstream.Peer.Port);
        Assert.Equal(1, app.Forwards.Connections);
        client.Inbound.Enqueue(Encoding.ASCII.GetBytes("SSH-2.0-client\r\n"));
        app.Poll();
        Assert.Empty(upstream.Sent);   // still connecting: nothing is read yet
        upstream.ConnectState = Sockets.Connected;
        Assert.True(app.Poll(), "the pass forwarded the client's line: work");
        Assert.Equal("SSH-2.0-client\r\n", upstream.SentText);
        Assert.Equal(1, app.Forwards.Receipts);
        Assert.False(app.Poll(), "nothing to judge or carry: an idle pass");
        // The client stops reading: what the LAN host sends waits, then the connection is dropped.
        client.Window = 0;
        upstream.Inbound.Enqueue(Encoding.ASCII.GetBytes("SSH-2.0-server\r\n"));
        app.Poll();
        Assert.False(client.Closed);
        _clock.NowMs += Capacity.PeerStallMs;
        app.Poll();
        Assert.True(client.Closed && upstream.Closed);
        Assert.Equal(1, app.Forwards.PeersDropped);
        Assert.Equal(0, app.Forwards.Connections);
    }

    [Fact]
    public void A_login_that_trickles_bytes_is_closed_at_its_deadline_and_counted_as_failed()
    {
        var app = App();
        var holder = KnockAndConnect(app);
        for (long t = 0; t + 5000 < Capacity.LoginDeadlineMs; t += 5000)
        {
            holder.Inbound.Enqueue(new[] { (byte)'x' });
            _clock.NowMs += 5000;
            app.Poll();
            Assert.False(holder.Closed);
        }
        _clock.NowMs += 5000;
        app.Poll();
        Assert.True(holder.Closed);
        Assert.EndsWith("login took too long: session closed\r\n", holder.SentText);
        Assert.Equal(1, app.Consoles.LoginsTimedOut);
        Assert.Equal(1, app.Consoles.Logins.Failures);
        Assert.Equal(0, app.Consoles.Open);
    }

    // The seed's knock, a connection to the console and a login; the session is at its prompt.
    private FakeNetwork.Socket LogIn(GatewayApp app)
    {
        var console = KnockAndConnect(app);
        console.Inbound.Enqueue(Encoding.ASCII.GetBytes("correct-horse\r"));
        for (int i = 0; i < 500 && !console.SentText.Contains("[gateway]> ", StringComparison.Ordinal); i++) app.Poll();   // the check runs in slices
        Assert.Contains("[gateway]> ", console.SentText);
        return console;
    }

    [Fact]
    public void A_session_ends_when_its_grant_does()
    {
        var app = App();
        var console = LogIn(app);
        _clock.NowMs += 59_000;
        app.Poll();
        Assert.False(console.WasReset);   // the grant (a minute) still runs
        _clock.NowMs += 2_000;
        app.Poll();
        Assert.True(console.WasReset);
        Assert.Equal(1, app.Review.SessionsEnded);
    }

    [Fact]
    public void A_session_is_judged_again_when_the_rules_change()
    {
        var app = App();
        var console = LogIn(app);
        // Rules that accept established connections first keep the session past its grant, as RouterOS would.
        var keep = new RuleSet();
        keep.Filter("chain=input connection-state=established,related action=accept");
        keep.Filter("chain=input protocol=tcp dst-port=2323 src-address-list=secure action=accept");
        keep.Filter("chain=input action=drop");
        Assert.True(_rules.Apply(keep, "keep.rsc", _clock.NowMs).IsOk);
        app.Poll();
        _clock.NowMs += 61_000;
        app.Poll();
        Assert.False(console.WasReset);
        Assert.Equal(0, app.Review.SessionsEnded);
        // Rules that drop everything end it at the next pass, without waiting for a review to fall due.
        var shut = new RuleSet();
        shut.Filter("chain=input action=drop");
        Assert.True(_rules.Apply(shut, "shut.rsc", _clock.NowMs).IsOk);
        app.Poll();
        Assert.True(console.WasReset);
        Assert.Equal(1, app.Review.SessionsEnded);
    }

    [Fact]
    public void Shutdown_closes_every_socket_and_the_tap()
    {
        var tap = new FakeTap();
        var app = App(tap);
        _net.Connect(ConsolePort, Client, 40000);
        app.Poll();
        app.Shutdown();
        Assert.All(_net.All, s => Assert.True(s.Closed));
        Assert.False(tap.Opened);
        Assert.False(app.IsPlanned);
    }
}
