// SPA doors in the gateway's loop (Host/Spa/SpaDoorway) on a fake network and tap: a datagram the filter accepts
// on a door's port, made as fwknop's client makes it, puts the request's address on the door's grant list for the
// grant's length, so the guarded console opens; replays, strangers, noise and a flood are refused and counted;
// without a wall clock (a board before SNTP) or after it went back nothing is checked; past the budget datagrams
// are counted, not verified; keys live on flash, set on the serial console only, and never leave it.
using System.Text;
using System.Text.RegularExpressions;
using Gateway.Crypto.Spa;
using Gateway.Host.App;
using Gateway.Host.Auth;
using Gateway.Host.Console;
using Gateway.Host.RouterOs;
using Gateway.Host.Running;
using Gateway.Host.Spa;
using Gateway.Core.Text;
using Gateway.Testing;

namespace Gateway.Core.Tests;

[Collection(AllocationGroup.Name)]
public class SpaDoorwayTests
{
    private const int ConsolePort = 2323, DoorPort = 62201;
    private const uint Client = 0xC6336407;   // 198.51.100.7, where HeaderParserTests' packets come from
    private const long WallStartMs = 1_764_900_000_000;
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("the door's key"), HmacKey = Encoding.ASCII.GetBytes("the door's hmac key, long enough");

    private sealed class ManualClock : IClock, IWallClock
    {
        public long NowMs { get; set; }
        public long WallOffsetMs { get; set; } = WallStartMs;
        public bool Unset { get; set; }
        public long UnixMs => Unset ? -1 : WallOffsetMs + NowMs;
    }

    private readonly FakeNetwork _net = new();
    private readonly FakeTap _tap = new(false);
    private readonly ManualClock _clock = new();
    private readonly MemoryFlash _flash = new();
    private readonly MemoryFlash _replayFlash = new();   // the board's flash, where the replay cache outlives a restart
    private readonly ActiveRules _rules;
    private static int s_salt;

    public SpaDoorwayTests()
    {
        _rules = new ActiveRules(new RuleStore(new MemoryFlash(), Capacity.MaxPackageBytes), new TableLimits());
        _rules.Start(0);
        var rules = new RuleSet();
        rules.Spa("name=console open=tcp/2323 timeout=30s max-timeout=5m");
        rules.Filter("chain=input protocol=udp dst-port=62201 action=accept");
        rules.Filter("chain=input protocol=tcp dst-port=2323 src-address-list=spa:console:tcp/2323 action=accept");
        rules.Filter("chain=input action=drop");
        Assert.True(_rules.Apply(rules, "door.rsc", 0).IsOk);
    }

    private (GatewayApp App, SpaDoorway Spa) App(bool tap = true, bool keys = true)
    {
        var app = new GatewayApp(_rules, _net, _clock, new RuleLogRing(), ConsolePort, tap ? _tap : null);
        var password = new ConsolePassword(new MemoryFlash());
        Assert.Equal("", password.Set("correct-horse", new byte[ConsolePassword.SaltBytes]));
        app.Consoles.Password = password;
        var store = new SpaKeyStore(_flash);
        if (keys) Assert.Equal("", store.Set("console", Convert.ToBase64String(Key), Convert.ToBase64String(HmacKey)));
        var spa = new SpaDoorway(_rules, store, _clock, _replayFlash);
        app.Spa = spa;
        app.Poll();
        return (app, spa);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=');

    // fwknop's datagram asking for ACCESS, stamped with the wall clock's second plus SHIFT.
    private byte[] Request(string access = "0.0.0.0,tcp/2323", long shiftSeconds = 0, byte[]? key = null, byte[]? hmacKey = null, string type = "1")
    {
        long time = _clock.UnixMs / 1000 + shiftSeconds;
        string fields = (1000000000000000 + Interlocked.Increment(ref s_salt)) + ":" + B64("alice") + ":" + time + ":2.6.10:" + type + ":" + B64(access);
        return Encoding.ASCII.GetBytes(FwknopClient.Datagram(fields, key ?? Key, hmacKey ?? HmacKey, BitConverter.GetBytes((long)s_salt)));
    }

    // The datagram as the tap shows it: IPv4 and UDP headers, then the payload.
    private static byte[] Packet(byte[] payload, int port = DoorPort)
    {
        var udp = new byte[8 + payload.Length];
        udp[0] = 0x9C; udp[1] = 0x40; udp[2] = (byte)(port >> 8); udp[3] = (byte)port;
        udp[4] = (byte)(udp.Length >> 8); udp[5] = (byte)udp.Length;
        payload.CopyTo(udp, 8);
        return HeaderParserTests.Ipv4(Protocols.Udp, udp);
    }

    private bool Granted(uint address = Client) =>
        _rules.Engine!.Table.Ipv4Lists.Contains(_rules.Engine.Table.Ipv4.ListId("spa:console:tcp/2323"), new uint[] { address, 0, 0, 0 }, 0, _clock.NowMs);

    private static long Count(SpaDoorway spa, SpaOutcome outcome) => spa.Count((int)outcome);

    [Fact]
    public void A_request_fwknop_would_make_opens_the_console_for_the_doors_time_and_a_replay_does_not()
    {
        var (app, spa) = App();
        var early = _net.Connect(ConsolePort, Client, 40001);
        _tap.Put(HeaderParserTests.Ipv4(Protocols.Tcp, HeaderParserTests.Tcp(40001, ConsolePort, 0x02)));
        app.Poll();
        Assert.True(early.WasReset);

        byte[] datagram = Request();
        _tap.Put(Packet(datagram));
        app.Poll();
        Assert.Equal(1, Count(spa, SpaOutcome.Accepted));
        Assert.True(Granted());
        _tap.Put(HeaderParserTests.Ipv4(Protocols.Tcp, HeaderParserTests.Tcp(40002, ConsolePort, 0x02)));
        var console = _net.Connect(ConsolePort, Client, 40002);
        app.Poll();
        Assert.EndsWith("Password: ", console.SentText);

        _tap.Put(Packet(datagram));   // the same datagram again, as someone on the path would send it
        app.Poll();
        Assert.Equal(1, Count(spa, SpaOutcome.Replay));
        Assert.Equal(1, Count(spa, SpaOutcome.Accepted));

        _clock.NowMs += 30_000;   // the door's timeout: the grant ends, as any address-list entry's
        Assert.False(Granted());
        var status = new TextBuffer();
        app.AppendStatus(status);
        Assert.Contains("clock: set\nspa: doors 1, with keys 1; accepted 1, format 0, hmac 0, decrypt 0, message 0, age 0, replay 1, policy 0", status.ToString());
    }

    [Fact]
    public void Wrong_keys_old_requests_other_ports_and_nat_requests_are_refused_each_by_its_reason()
    {
        var (app, spa) = App();
        void Send(byte[] d) { _tap.Put(Packet(d)); _clock.NowMs += 1000; app.Poll(); }
        Send(Request(hmacKey: Encoding.ASCII.GetBytes("somebody else's hmac key")));
        Send(Request(key: Encoding.ASCII.GetBytes("somebody else's key")));
        Send(Request(shiftSeconds: -125));
        Send(Request(shiftSeconds: 125));
        Send(Request(access: "0.0.0.0,tcp/22"));
        Send(Request(type: "2"));   // NAT access
        Send(Encoding.ASCII.GetBytes("not a datagram of fwknop's"));
        Assert.Equal(1, Count(spa, SpaOutcome.Hmac));
        Assert.Equal(1, Count(spa, SpaOutcome.Decrypt));
        Assert.Equal(2, Count(spa, SpaOutcome.Age));
        Assert.Equal(1, Count(spa, SpaOutcome.Policy));
        Assert.Equal(1, Count(spa, SpaOutcome.Message));
        Assert.Equal(1, Count(spa, SpaOutcome.Format));
        Assert.Equal(0, Count(spa, SpaOutcome.Accepted));
        Assert.False(Granted());
    }

    [Fact]
    public void Without_a_wall_clock_or_after_it_went_back_nothing_is_checked()
    {
        var (app, spa) = App();
        _clock.Unset = true;   // a board before SNTP has answered
        _tap.Put(Packet(Request()));
        app.Poll();
        Assert.Equal(1, spa.Count(SpaDoorway.NoClock));
        Assert.False(Granted());
        _clock.Unset = false;
        _clock.NowMs += 1000;
        _tap.Put(Packet(Request()));
        app.Poll();
        Assert.True(Granted());
        _clock.WallOffsetMs -= 10_000;   // stepped back ten seconds
        _clock.NowMs += 1000;
        _tap.Put(Packet(Request()));
        app.Poll();
        Assert.Equal(1, spa.Count(SpaDoorway.ClockBack));
        var status = new TextBuffer();
        app.AppendStatus(status);
        Assert.Contains("clock: went backwards: SPA refused until it catches up", status.ToString());
    }

    // Forged datagrams (right shape, wrong HMAC) from SOURCES, in the tap at once, as IPv4 packets from each.
    private static byte[] From(uint source, byte[] packet)
    {
        packet[12] = (byte)(source >> 24); packet[13] = (byte)(source >> 16); packet[14] = (byte)(source >> 8); packet[15] = (byte)source;
        return packet;
    }

    [Fact]
    public void Noise_costs_no_budget_and_a_flooding_source_takes_only_its_share()
    {
        var (app, spa) = App();
        var random = new Random(7);
        for (int i = 0; i < 100; i++)
        {
            var noise = new byte[random.Next(1, 400)];
            random.NextBytes(noise);
            _tap.Put(From(0xCB007101, Packet(noise)));
        }
        for (int i = 0; i < 20; i++) _tap.Put(From(0xCB007101, Packet(Request(hmacKey: Encoding.ASCII.GetBytes("a forger's hmac key")))));
        while (_tap.Count > 0) app.Poll();
        Assert.Equal(100, Count(spa, SpaOutcome.Format));
        Assert.Equal(Capacity.SpaChecksPerSourcePerSecond, Count(spa, SpaOutcome.Hmac));
        Assert.Equal(20 - Capacity.SpaChecksPerSourcePerSecond, spa.Count(SpaDoorway.OverBudget));
        _tap.Put(Packet(Request()));   // the same second, from the client
        app.Poll();
        Assert.True(Granted());
    }

    [Fact]
    public void Past_the_budget_of_a_second_datagrams_are_counted_not_checked_and_the_next_second_opens()
    {
        var (app, spa) = App();
        for (uint source = 1; source <= 10; source++)
            for (int i = 0; i < 2; i++) _tap.Put(From(0xCB007100 + source, Packet(Request(hmacKey: Encoding.ASCII.GetBytes("a forger's hmac key")))));
        while (_tap.Count > 0) app.Poll();
        Assert.Equal(Capacity.SpaChecksPerSecond, Count(spa, SpaOutcome.Hmac));
        Assert.Equal(20 - Capacity.SpaChecksPerSecond, spa.Count(SpaDoorway.OverBudget));
        _tap.Put(Packet(Request()));
        app.Poll();
        Assert.False(Granted());   // the same second: over the budget too (spoofed sources cannot be told apart)
        _clock.NowMs += 1000;
        _tap.Put(Packet(Request()));
        app.Poll();
        Assert.True(Granted());
    }

    [Fact]
    public void The_filter_decides_first_and_a_door_without_keys_opens_nothing()
    {
        var rules = new RuleSet();
        rules.Spa("name=console open=tcp/2323");
        rules.Filter("chain=input protocol=udp dst-port=62201 src-address=198.51.100.0/24 action=drop");
        rules.Filter("chain=input protocol=udp dst-port=62201 action=accept");
        rules.Filter("chain=input protocol=tcp dst-port=2323 src-address-list=spa:console:tcp/2323 action=accept");
        Assert.True(_rules.Apply(rules, "door.rsc", 0).IsOk);
        var (app, spa) = App();
        _tap.Put(Packet(Request()));
        app.Poll();
        Assert.Equal(0, Enumerable.Range(0, SpaDoorway.OutcomeCount).Sum(spa.Count));   // dropped before the door

        var noKeys = new SpaKeyStore(new MemoryFlash());
        var bare = new SpaDoorway(_rules, noKeys, _clock, null);
        var data = Request();
        bare.Offer(data, 0, data.Length, Family.Ipv4, new uint[] { 0x0A000001, 0, 0, 0 }, DoorPort, _clock.NowMs);
        Assert.Equal(1, Count(bare, SpaOutcome.Policy));
        Assert.False(Granted(0x0A000001));
    }

    [Fact]
    public void Without_packet_sight_the_door_port_is_bound_and_its_datagrams_read_from_the_socket()
    {
        var (app, spa) = App(tap: false);
        Assert.NotNull(_net.Listener("bind-udp", DoorPort));
        _net.Datagram(DoorPort, Client, 40000, Request());
        app.Poll();
        Assert.Equal(1, Count(spa, SpaOutcome.Accepted));
        Assert.True(Granted());
    }

    [Fact]
    public void A_datagram_sent_to_another_port_of_the_same_keys_is_refused()
    {
        var rules = new RuleSet();
        rules.Spa("name=console port=62201 open=tcp/2323");
        rules.Filter("chain=input protocol=udp dst-port=62201,62202 action=accept");
        rules.Filter("chain=input protocol=tcp dst-port=2323 src-address-list=spa:console:tcp/2323 action=accept");
        Assert.True(_rules.Apply(rules, "door.rsc", 0).IsOk);
        var (app, spa) = App();
        _tap.Put(Packet(Request(), port: 62202));
        app.Poll();
        Assert.Equal(0, Count(spa, SpaOutcome.Accepted));   // 62202 is no door: never offered
        Assert.False(Granted());
    }

    [Fact]
    public void Checking_a_datagram_allocates_nothing()
    {
        var (_, spa) = App();
        byte[] forged = Request(hmacKey: Encoding.ASCII.GetBytes("a forger's hmac key")), noise = new byte[300];
        uint[] source = { Client, 0, 0, 0 };
        spa.Offer(forged, 0, forged.Length, Family.Ipv4, source, DoorPort, _clock.NowMs);   // warm
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 4; i++)
        {
            _clock.NowMs += 1000;
            spa.Offer(forged, 0, forged.Length, Family.Ipv4, source, DoorPort, _clock.NowMs);
            spa.Offer(noise, 0, noise.Length, Family.Ipv4, source, DoorPort, _clock.NowMs);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(5, Count(spa, SpaOutcome.Hmac));
    }

    [Fact]
    public void Keys_are_kept_on_flash_and_a_damaged_file_means_none()
    {
        var store = new SpaKeyStore(_flash);
        Assert.Equal("", store.Set("console", Convert.ToBase64String(Key), Convert.ToBase64String(HmacKey)));
        Assert.Equal("", store.Set("vpn", Convert.ToBase64String(new byte[32]), Convert.ToBase64String(new byte[64].Select((_, i) => (byte)i).ToArray())));
        var again = new SpaKeyStore(_flash);
        Assert.Equal(2, again.Count);
        Assert.Equal(store.FingerprintAt(0), again.FingerprintAt(again.IndexOf("console")));
        Assert.Matches("^[0-9a-f]{16}$", again.FingerprintAt(0));
        Assert.Contains("base64", store.Set("x", "not base64!", "also not"));
        Assert.Contains("not the same", store.Set("x", Convert.ToBase64String(Key), Convert.ToBase64String(Key)));
        Assert.Equal("", store.Remove("vpn"));
        Assert.Equal(1, new SpaKeyStore(_flash).Count);

        var file = new byte[_flash.Length(SpaKeyStore.FileName)];
        _flash.Read(SpaKeyStore.FileName, 0, file, 0, file.Length);
        file[12] ^= 1;
        _flash.Write(SpaKeyStore.FileName, file, file.Length);
        var damaged = new SpaKeyStore(_flash);
        Assert.True(damaged.WasDamaged);
        Assert.Equal(0, damaged.Count);
    }

    [Fact]
    public void Keys_are_set_on_the_serial_console_only_and_never_printed_exported_or_packaged()
    {
        var (app, spa) = App(keys: false);
        var serialOut = new StringBuilder();
        var serial = new ConsoleSession(_rules, new RuleLogRing(), new SbOutput(serialOut), 0) { Spa = spa };
        string key = Convert.ToBase64String(Key), hmac = Convert.ToBase64String(HmacKey);
        Type(serial, $"/spa key set name=console key={key} hmac-key={hmac}\r");
        Assert.Contains("keys of spa door console set", serialOut.ToString());
        serialOut.Clear();
        Type(serial, "/spa key print\r/spa print\r/export\r");
        string printed = serialOut.ToString();
        Assert.Contains("name=console fingerprint=" + spa.Keys.FingerprintAt(0), printed);
        Assert.Contains("keys=set granted=0", printed);
        Assert.Contains("add name=console port=62201 open=tcp/2323", printed);
        Assert.DoesNotContain(key, printed);
        Assert.DoesNotContain(hmac, printed);
        Assert.DoesNotContain(key, Encoding.UTF8.GetString(PackageWriter.Write(_rules.RuleSet, "door.rsc", "")));
        // The keys work at once: the doorway takes them on its next datagram.
        _tap.Put(Packet(Request()));
        app.Poll();
        Assert.True(Granted());

        var password = new ConsolePassword(new MemoryFlash());
        Assert.Equal("", password.Set("correct-horse", new byte[ConsolePassword.SaltBytes]));
        var networkOut = new StringBuilder();
        var network = new ConsoleSession(_rules, new RuleLogRing(), new SbOutput(networkOut), 0) { Password = password, LoginRequired = true, Spa = spa };
        network.Start();
        Type(network, "correct-horse\r");
        while (network.IsChecking) network.Tick();
        Type(network, $"/spa key set name=console key={Convert.ToBase64String(new byte[32])} hmac-key={hmac}\r/spa key remove console\r");
        Type(network, $"/spa  key  set name=console key={Convert.ToBase64String(new byte[32])} hmac-key={hmac}\r/spa/key/remove console\r");
        Assert.Equal(2, Regex.Count(networkOut.ToString(), "/spa key set works on the serial console only"));
        Assert.Equal(2, Regex.Count(networkOut.ToString(), "/spa key remove works on the serial console only"));
        Assert.Equal(1, spa.Keys.Count);
        Assert.Equal(spa.Keys.FingerprintAt(0), new SpaKeyStore(_flash).FingerprintAt(0));   // unchanged on flash too

        // A key typed without its name= is refused without being echoed back; print takes RouterOS's print words.
        serialOut.Clear();
        Type(serial, "/spa key set name=console wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP/QrErNDmg=\r/spa/key/wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP\r/spa print detail\r");
        Assert.DoesNotContain("wzNP62oPPgEc", serialOut.ToString().Replace("/spa key set name=console wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP/QrErNDmg=", "", StringComparison.Ordinal).Replace("/spa/key/wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP", "", StringComparison.Ordinal));
        Assert.Contains("keys=set granted=1", serialOut.ToString());
    }

    private sealed class SbOutput(StringBuilder sb) : IConsoleOutput
    {
        public void Write(string text) => sb.Append(text);
    }

    private static void Type(ConsoleSession session, string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        session.Receive(bytes, bytes.Length, 0);
    }

    private SpaDoorway Restarted() => new(_rules, new SpaKeyStore(_flash), _clock, _replayFlash);

    private static void Offer(SpaDoorway spa, byte[] datagram, long nowMs, int port = DoorPort, uint source = Client) =>
        spa.Offer(datagram, 0, datagram.Length, Family.Ipv4, new uint[] { source, 0, 0, 0 }, port, nowMs);

    [Fact]
    public void A_datagram_accepted_before_a_restart_is_still_a_replay_after_it()
    {
        var (_, spa) = App();
        byte[] datagram = Request();
        Offer(spa, datagram, _clock.NowMs);
        Assert.Equal(1, Count(spa, SpaOutcome.Accepted));
        _clock.NowMs += 10_000;
        var after = Restarted();   // the board rebooted: the cache comes back from flash
        Offer(after, datagram, _clock.NowMs);
        Assert.Equal(1, Count(after, SpaOutcome.Replay));
        Offer(after, Request(), _clock.NowMs);
        Assert.Equal(1, Count(after, SpaOutcome.Accepted));
    }

    [Fact]
    public void A_damaged_replay_file_refuses_what_was_stamped_before_the_restart_and_its_window()
    {
        var (_, spa) = App();
        byte[] datagram = Request();
        Offer(spa, datagram, _clock.NowMs);
        var file = new byte[_replayFlash.Length(SpaReplayFile.FileName)];
        _replayFlash.Read(SpaReplayFile.FileName, 0, file, 0, file.Length);
        file[^1] ^= 1;   // a power cut while it was written
        _replayFlash.Write(SpaReplayFile.FileName, file, file.Length);
        _clock.WallOffsetMs += _clock.NowMs + 5_000;   // the board restarts five seconds later: its loop clock at 0 again
        _clock.NowMs = 0;
        var after = Restarted();
        Offer(after, datagram, 0);
        Offer(after, Request(), 1000);   // a fresh one inside the window after the restart: refused too, fail closed
        Assert.Equal(2, Count(after, SpaOutcome.Replay));
        _clock.NowMs = 121_000;   // past the window: requests made now open
        Offer(after, Request(), _clock.NowMs);
        Assert.Equal(1, Count(after, SpaOutcome.Accepted));
    }

    [Fact]
    public void A_max_age_raised_after_the_cache_forgot_a_datagram_still_refuses_it()
    {
        var (_, spa) = App();
        byte[] datagram = Request();
        Offer(spa, datagram, _clock.NowMs);
        _clock.NowMs += 180_000;   // three minutes: the two-minute window has let the entry go
        Offer(spa, Request(), _clock.NowMs);   // a datagram judged now: the latest time seen
        var rules = new RuleSet();
        rules.Spa("name=console open=tcp/2323 max-age=10m");
        rules.Filter("chain=input protocol=tcp dst-port=2323 src-address-list=spa:console:tcp/2323 action=accept");
        Assert.True(_rules.Apply(rules, "door.rsc", _clock.NowMs).IsOk);
        _clock.NowMs += 1000;
        Offer(spa, datagram, _clock.NowMs);   // 181 s old, inside the new ten minutes: the cache could not tell
        Assert.Equal(1, Count(spa, SpaOutcome.Replay));
        Offer(spa, Request(), _clock.NowMs + 1000);
        Assert.Equal(3, Count(spa, SpaOutcome.Accepted));
    }

    [Fact]
    public void A_datagram_is_verified_only_under_the_doors_of_its_port_and_the_budget_counts_each_hmac()
    {
        var rules = new RuleSet();
        rules.Spa("name=console port=62201 open=tcp/2323");
        rules.Spa("name=other port=62202 open=tcp/2323");
        rules.Spa("name=third port=62201 open=tcp/22");
        rules.Spa("name=fourth port=62201 open=tcp/80");
        rules.Filter("chain=input protocol=tcp dst-port=2323 src-address-list=spa:console:tcp/2323 action=accept");
        rules.Filter("chain=input protocol=tcp dst-port=2323 src-address-list=spa:other:tcp/2323 action=accept");
        Assert.True(_rules.Apply(rules, "door.rsc", 0).IsOk);
        var (_, spa) = App();
        var store = spa.Keys;
        Assert.Equal("", store.Set("other", Convert.ToBase64String(Key), Convert.ToBase64String(HmacKey)));   // the same keys on another port
        Assert.Equal("", store.Set("third", Convert.ToBase64String(new byte[] { 3 }), Convert.ToBase64String(new byte[] { 33 })));
        Assert.Equal("", store.Set("fourth", Convert.ToBase64String(new byte[] { 4 }), Convert.ToBase64String(new byte[] { 44 })));
        Offer(spa, Request(), 0, port: 62202);
        Assert.Equal(1, Count(spa, SpaOutcome.Accepted));
        Assert.True(_rules.Engine!.Table.Ipv4Lists.Contains(_rules.Engine.Table.Ipv4.ListId("spa:other:tcp/2323"), new uint[] { Client, 0, 0, 0 }, 0, 0));
        Assert.False(Granted());   // console's list: that door is on 62201
        // On 62201 three doors take any source: a forged datagram costs three HMACs of the second's eight.
        byte[] forged = Request(hmacKey: Encoding.ASCII.GetBytes("a forger's hmac key"));
        _clock.NowMs = 5000;
        Offer(spa, forged, 5000, source: 0xCB007101);
        Offer(spa, forged, 5000, source: 0xCB007102);
        Offer(spa, forged, 5000, source: 0xCB007103);   // 6 + 3 > 8
        Assert.Equal(2, Count(spa, SpaOutcome.Hmac));
        Assert.Equal(1, spa.Count(SpaDoorway.OverBudget));
    }
}
