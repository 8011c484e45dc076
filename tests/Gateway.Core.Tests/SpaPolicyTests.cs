// SPA's policy (Crypto/Spa/SpaPolicy), fwknopd's decision over the gateway's stanzas: stanzas tried in order by
// source, the first that authenticates decides; age against the clock either way, replays inside the window,
// the request's address (0.0.0.0: the source, unless the stanza requires one), ports only from the stanza's list,
// the grant's length (the client's, capped, or the stanza's); a full replay cache refuses; nothing allocated.
using System.Text;
using Gateway.Crypto.Spa;
using Gateway.Testing;

namespace Gateway.Core.Tests;

[Collection(AllocationGroup.Name)]
public class SpaPolicyTests
{
    private const long Now = 1_764_900_000;
    private const uint Source = 0xC6336414;   // 198.51.100.20
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("door key"), HmacKey = Encoding.ASCII.GetBytes("door hmac key, long enough");
    private static readonly byte[] OtherKey = Encoding.ASCII.GetBytes("other key"), OtherHmacKey = Encoding.ASCII.GetBytes("other hmac key");

    private static SpaStanza Stanza(byte[] key, byte[] hmacKey, string sources = "0.0.0.0/0", params (int Protocol, int Port)[] open)
    {
        var stanza = new SpaStanza();
        byte[] k = Encoding.ASCII.GetBytes(Convert.ToBase64String(key)), h = Encoding.ASCII.GetBytes(Convert.ToBase64String(hmacKey));
        Assert.True(stanza.Keys.Set(k, 0, k.Length, h, 0, h.Length));
        foreach (string source in sources.Split(','))
        {
            string[] parts = source.Split('/');
            byte[] a = System.Net.IPAddress.Parse(parts[0]).GetAddressBytes();
            Assert.True(stanza.AddSource((uint)(a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
        }
        foreach (var (protocol, port) in open.Length == 0 ? [(SpaRequest.Tcp, 22)] : open) Assert.True(stanza.AddOpen(protocol, port));
        return stanza;
    }

    private static int s_salt;

    private static byte[] Datagram(string access = "0.0.0.0,tcp/22", long time = Now, string type = "1", string? timeout = null, byte[]? key = null, byte[]? hmacKey = null)
    {
        string fields = (1000000000000000 + Interlocked.Increment(ref s_salt)) + ":" + B64("alice") + ":" + time + ":3.0.0:" + type + ":" + B64(access) + (timeout == null ? "" : ":" + timeout);
        return Encoding.ASCII.GetBytes(FwknopClient.Datagram(fields, key ?? Key, hmacKey ?? HmacKey, BitConverter.GetBytes((long)s_salt)));
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=');

    private static (SpaOutcome Outcome, SpaGrant Grant) Decide(SpaPolicy policy, byte[] datagram, uint source = Source, long now = Now)
    {
        var grant = new SpaGrant();
        return (policy.Decide(datagram, 0, datagram.Length, source, now, grant), grant);
    }

    [Fact]
    public void An_accepted_request_opens_its_address_or_the_source_for_the_stanzas_time_or_the_clients_capped()
    {
        var stanza = Stanza(Key, HmacKey, "0.0.0.0/0", (SpaRequest.Tcp, 22), (SpaRequest.Udp, 1194));
        stanza.MaxTimeoutSeconds = 300;
        var policy = new SpaPolicy([stanza], 16);
        var (outcome, grant) = Decide(policy, Datagram("0.0.0.0,tcp/22,udp/1194"));
        Assert.Equal(SpaOutcome.Accepted, outcome);
        Assert.Equal(Source, grant.Address);
        Assert.Equal(SpaStanza.DefaultTimeout, grant.Seconds);
        Assert.Equal(2, grant.AccessCount);
        Assert.Equal((SpaRequest.Udp, 1194), (grant.Protocols[1], grant.Ports[1]));
        Assert.Equal(0xC0000209u, Decide(policy, Datagram("192.0.2.9,tcp/22")).Grant.Address);
        Assert.Equal(100, Decide(policy, Datagram(type: "3", timeout: "100")).Grant.Seconds);
        Assert.Equal(300, Decide(policy, Datagram(type: "3", timeout: "600")).Grant.Seconds);
        Assert.Equal(SpaStanza.DefaultTimeout, Decide(policy, Datagram(type: "3", timeout: "0")).Grant.Seconds);
    }

    [Theory]
    [InlineData(-121, SpaOutcome.Age)]
    [InlineData(-120, SpaOutcome.Accepted)]
    [InlineData(120, SpaOutcome.Accepted)]
    [InlineData(121, SpaOutcome.Age)]   // from the future: a client clock ahead, or a datagram held back to replay later
    public void The_age_is_checked_against_the_clock_both_ways(int offset, SpaOutcome expected)
    {
        var policy = new SpaPolicy([Stanza(Key, HmacKey)], 16);
        Assert.Equal(expected, Decide(policy, Datagram(time: Now + offset)).Outcome);
    }

    [Fact]
    public void A_replay_inside_the_window_is_refused_and_after_it_the_age_refuses()
    {
        var policy = new SpaPolicy([Stanza(Key, HmacKey)], 16);
        byte[] datagram = Datagram();
        Assert.Equal(SpaOutcome.Accepted, Decide(policy, datagram).Outcome);
        Assert.Equal(SpaOutcome.Replay, Decide(policy, datagram, now: Now + 60).Outcome);
        Assert.Equal(SpaOutcome.Replay, Decide(policy, datagram, source: 0x0A000001, now: Now + 120).Outcome);   // from elsewhere too
        Assert.Equal(SpaOutcome.Age, Decide(policy, datagram, now: Now + 121).Outcome);
        Assert.Equal(0, policy.Replays.Live(Now + 121));
    }

    [Fact]
    public void A_replay_is_refused_through_every_stanza_for_the_longest_window_and_the_first_to_authenticate_decides()
    {
        // Two stanzas with the same keys: the office's window is longer. A datagram accepted by the wider stanza
        // must not be accepted again from the office while the office's own age check would pass it.
        var office = Stanza(Key, HmacKey, "10.0.0.0/8", (SpaRequest.Tcp, 443));
        office.MaxAgeSeconds = 600;
        var anyone = Stanza(Key, HmacKey, "0.0.0.0/0", (SpaRequest.Tcp, 22));
        var policy = new SpaPolicy([office, anyone], 16);
        byte[] datagram = Datagram("0.0.0.0,tcp/22");
        Assert.Equal(SpaOutcome.Accepted, Decide(policy, datagram).Outcome);
        Assert.Equal(SpaOutcome.Replay, Decide(policy, datagram, source: 0x0A000005, now: Now + 300).Outcome);
        Assert.Equal(SpaOutcome.Replay, Decide(policy, datagram, source: 0x0A000005, now: Now + 600).Outcome);
        Assert.Equal(SpaOutcome.Age, Decide(policy, datagram, source: 0x0A000005, now: Now + 601).Outcome);
        // From the office a tcp/22 request meets the office's stanza first, which does not open 22: refused, not
        // passed on to the next stanza (fwknopd would try it; here the refusal is final).
        Assert.Equal(SpaOutcome.Policy, Decide(policy, Datagram("0.0.0.0,tcp/22"), source: 0x0A000005).Outcome);
    }

    [Fact]
    public void A_stanzas_lengths_never_go_below_a_second()
    {
        var stanza = Stanza(Key, HmacKey);
        stanza.TimeoutSeconds = 0;
        stanza.MaxTimeoutSeconds = -5;
        var policy = new SpaPolicy([stanza], 16);
        Assert.Equal(1, Decide(policy, Datagram()).Grant.Seconds);
        Assert.Equal(1, Decide(policy, Datagram(type: "3", timeout: "600")).Grant.Seconds);
    }

    [Fact]
    public void A_full_replay_cache_refuses_rather_than_forget()
    {
        var policy = new SpaPolicy([Stanza(Key, HmacKey)], 2);
        Assert.Equal(SpaOutcome.Accepted, Decide(policy, Datagram()).Outcome);
        Assert.Equal(SpaOutcome.Accepted, Decide(policy, Datagram()).Outcome);
        Assert.Equal(SpaOutcome.Busy, Decide(policy, Datagram()).Outcome);
        Assert.Equal(SpaOutcome.Accepted, Decide(policy, Datagram(time: Now + 121), now: Now + 121).Outcome);   // the first two's windows ended
    }

    [Fact]
    public void Only_the_stanzas_ports_and_a_named_address_when_it_requires_one()
    {
        var stanza = Stanza(Key, HmacKey, "0.0.0.0/0", (SpaRequest.Tcp, 22));
        var policy = new SpaPolicy([stanza], 16);
        Assert.Equal(SpaOutcome.Policy, Decide(policy, Datagram("0.0.0.0,tcp/23")).Outcome);
        Assert.Equal(SpaOutcome.Policy, Decide(policy, Datagram("0.0.0.0,udp/22")).Outcome);
        Assert.Equal(SpaOutcome.Policy, Decide(policy, Datagram("0.0.0.0,tcp/22,tcp/80")).Outcome);   // every port must be allowed
        stanza.RequireSourceAddress = true;
        Assert.Equal(SpaOutcome.Policy, Decide(policy, Datagram("0.0.0.0,tcp/22")).Outcome);
        Assert.Equal(SpaOutcome.Accepted, Decide(policy, Datagram("198.51.100.20,tcp/22")).Outcome);
    }

    [Fact]
    public void Stanzas_are_tried_in_order_by_source_and_the_first_that_authenticates_decides()
    {
        var office = Stanza(OtherKey, OtherHmacKey, "192.0.2.0/24", (SpaRequest.Tcp, 443));
        var anyone = Stanza(Key, HmacKey, "0.0.0.0/0", (SpaRequest.Tcp, 22));
        var policy = new SpaPolicy([office, anyone], 16);
        var (outcome, grant) = Decide(policy, Datagram(), source: 0xC0000205);   // 192.0.2.5: both stanzas take it
        Assert.Equal(SpaOutcome.Accepted, outcome);
        Assert.Equal(1, grant.Stanza);
        var officeGrant = Decide(policy, Datagram("0.0.0.0,tcp/443", key: OtherKey, hmacKey: OtherHmacKey), source: 0xC0000205);
        Assert.Equal((SpaOutcome.Accepted, 0), (officeGrant.Outcome, officeGrant.Grant.Stanza));
        // The office's keys from outside the office: no stanza that takes the source has them.
        Assert.Equal(SpaOutcome.Hmac, Decide(policy, Datagram("0.0.0.0,tcp/443", key: OtherKey, hmacKey: OtherHmacKey)).Outcome);
        Assert.Equal(SpaOutcome.Policy, Decide(new SpaPolicy([office], 16), Datagram()).Outcome);   // no stanza takes the source
        Assert.Equal(SpaOutcome.Decrypt, Decide(policy, Datagram(key: OtherKey)).Outcome);   // the HMAC key right, the encryption key not
        Assert.Equal(SpaOutcome.Format, Decide(policy, new byte[200]).Outcome);
        Assert.Equal(SpaOutcome.Message, Decide(policy, Datagram(type: "0")).Outcome);
        var keyless = new SpaStanza();
        Assert.True(keyless.AddSource(0, 0));
        Assert.True(keyless.AddOpen(SpaRequest.Tcp, 22));
        Assert.Equal(SpaOutcome.Policy, Decide(new SpaPolicy([keyless], 16), Datagram()).Outcome);   // a stanza without keys opens nothing
    }

    [Fact]
    public void Deciding_allocates_nothing()
    {
        var policy = new SpaPolicy([Stanza(OtherKey, OtherHmacKey, "192.0.2.0/24"), Stanza(Key, HmacKey)], 4);
        byte[][] datagrams = [Datagram(), Datagram(time: Now - 500), Datagram("0.0.0.0,tcp/23"), Datagram(key: OtherKey), new byte[200]];
        var grant = new SpaGrant();
        var outcomes = new SpaOutcome[datagrams.Length];
        for (int i = 0; i < datagrams.Length; i++) policy.Decide(datagrams[i], 0, datagrams[i].Length, Source, Now, grant);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 20; round++)
            for (int i = 0; i < datagrams.Length; i++) outcomes[i] = policy.Decide(datagrams[i], 0, datagrams[i].Length, 0xC0000207, Now, grant);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal([SpaOutcome.Replay, SpaOutcome.Age, SpaOutcome.Replay, SpaOutcome.Decrypt, SpaOutcome.Format], outcomes);
    }
}
