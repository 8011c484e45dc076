// limit and dst-limit as RouterOS configs use them (an accept with a limit in front of a drop), on the table
// engine and the reference interpreter side by side.
using Gateway.Core;
using Gateway.Core.Model;
using Gateway.Rules.Replay;

namespace Gateway.Rules.Tests;

public class RateLimitTests
{
    private static BothEngines Door(string matcher)
        => new(Rules(new[] { $"chain=input protocol=icmp {matcher} action=accept", "chain=input protocol=icmp action=drop" }, Array.Empty<string>()));

    private static TracePacket Ping(string src, string dst = "192.0.2.1", int len = 84)
        => new() { Src = src, Dst = dst, Proto = "icmp", Flags = "", Len = len, IcmpType = 8, IcmpCode = 0 };

    [Fact]
    public void A_limit_lets_its_burst_through_then_its_rate()
    {
        var gw = Door("limit=2/1s,3:packet");
        Assert.Equal(new[] { "accept", "accept", "accept", "drop" }, Enumerable.Range(0, 4).Select(_ => gw.Send(Ping("198.51.100.1"), after: 1)));
        Assert.Equal("drop", gw.Send(Ping("198.51.100.2"), after: 400));   // 0.4 s refills 0.8 of a packet: the bucket is one for all
        Assert.Equal("accept", gw.Send(Ping("198.51.100.2"), after: 100));
        Assert.Equal("drop", gw.Send(Ping("198.51.100.2"), after: 1));
        // Idle for a minute: the bucket is full again, no fuller.
        Assert.Equal(new[] { "accept", "accept", "accept", "drop" }, Enumerable.Range(0, 4).Select(i => gw.Send(Ping("198.51.100.3"), after: i == 0 ? 60_000 : 1)));
    }

    [Fact]
    public void A_bit_limit_charges_each_packet_its_bits()
    {
        var gw = Door("limit=8k,8000:bit");   // 1000 bytes a second, 1000 bytes of burst
        Assert.Equal("accept", gw.Send(Ping("198.51.100.1", len: 600), after: 1));
        Assert.Equal("drop", gw.Send(Ping("198.51.100.1", len: 600), after: 1));
        Assert.Equal("accept", gw.Send(Ping("198.51.100.1", len: 400), after: 1));
        Assert.Equal("accept", gw.Send(Ping("198.51.100.1", len: 500), after: 500));
    }

    [Fact]
    public void A_dst_limit_keeps_a_bucket_per_source_and_forgets_one_after_its_expire()
    {
        var gw = Door("dst-limit=1/1s,2,src-address/3s");
        Assert.Equal(new[] { "accept", "accept", "drop" }, Enumerable.Range(0, 3).Select(_ => gw.Send(Ping("198.51.100.1"), after: 1)));
        Assert.Equal(new[] { "accept", "accept", "drop" }, Enumerable.Range(0, 3).Select(_ => gw.Send(Ping("198.51.100.2"), after: 1)));
        Assert.Equal("accept", gw.Send(Ping("198.51.100.1"), after: 1000));
        Assert.Equal("drop", gw.Send(Ping("198.51.100.1"), after: 1));
        // Not seen for the 3 s expire: forgotten, and back with a full bucket.
        Assert.Equal(new[] { "accept", "accept", "drop" }, Enumerable.Range(0, 3).Select(i => gw.Send(Ping("198.51.100.2"), after: i == 0 ? 3_000 : 1)));
    }

    [Fact]
    public void A_flood_of_new_keys_finds_the_table_full_and_buys_no_fresh_buckets()
    {
        var gw = Door("dst-limit=1/1s,1,src-address/1m");
        for (int i = 0; i < Capacity.DstLimitKeys; i++) Assert.Equal("accept", gw.Send(Ping($"203.0.113.{i + 1}"), after: 1));
        // Every slot holds a live key: sources 33 on do not match the accept, so the drop takes them.
        for (int i = Capacity.DstLimitKeys; i < 200; i++) Assert.Equal("drop", gw.Send(Ping($"203.0.{113 + i / 250}.{i % 250 + 1}"), after: 1));
        // A known key keeps its own bucket.
        Assert.Equal("accept", gw.Send(Ping("203.0.113.1"), after: 1000));
        // Once the flood's keys expire, a newcomer gets a bucket.
        Assert.Equal("accept", gw.Send(Ping("198.51.100.77"), after: 60_000));
    }

    [Theory]
    [InlineData("limit", "50,5:packet", "50/1s,5:packet")]
    [InlineData("limit", "30/1m,5", "30/1m,5:packet")]
    [InlineData("limit", "1M,2M:bit", "1000000/1s,2000000:bit")]
    [InlineData("limit", "10,0", "10/1s,10:packet")]
    [InlineData("dst-limit", "5,10,src-address/1m40s", "5/1s,10,src-address/1m40s")]
    [InlineData("dst-limit", "5,10,dst-address", "5/1s,10,dst-address/10s")]
    [InlineData("dst-limit", "1/10s,1,src-and-dst-addresses/2s", "1/10s,1,src-and-dst-address/2s")]
    public void Limits_are_read_in_RouterOS_forms_and_written_canonically(string name, string value, string written)
    {
        var rule = new Rule();
        Assert.Equal(PropertyError.None, RuleProperties.Set(rule, Family.Ipv4, name, value, out _));
        var words = new List<(string, string)>();
        RuleProperties.Write(rule, new Writer(words));
        Assert.Contains((name, written), words);
    }

    [Theory]
    [InlineData("limit", "50")]
    [InlineData("limit", "0,5")]
    [InlineData("limit", "5,5:bytes")]
    [InlineData("limit", "5/2h,5")]
    [InlineData("dst-limit", "5,10")]
    [InlineData("dst-limit", "5,10,src-port")]
    public void Malformed_limits_are_refused_with_the_forms(string name, string value)
    {
        Assert.Equal(PropertyError.BadValue, RuleProperties.Set(new Rule(), Family.Ipv4, name, value, out string error));
        Assert.StartsWith(name + " must be ", error);
    }

    private sealed class Writer(List<(string, string)> words) : IPropertyWriter
    {
        public void Put(string name, string value) => words.Add((name, value));
    }

    [Fact]
    public void Connection_limit_counts_the_sources_tracked_connections_and_its_own_new_one()
    {
        var rules = Rules(new[] { "chain=input connection-state=established action=accept", "chain=input protocol=tcp connection-limit=2,24 action=drop" }, Array.Empty<string>());
        var gw = new BothEngines(rules);
        TracePacket Syn(string src, int sport) => new() { Src = src, Dst = "192.0.2.1", Sport = sport, Dport = 22 };
        Assert.Equal("accept", gw.Send(Syn("198.51.100.1", 40001)));   // 1 in the /24, its own
        Assert.Equal("accept", gw.Send(Syn("198.51.100.2", 40002)));   // 2: tracked one plus its own
        Assert.Equal("drop", gw.Send(Syn("198.51.100.3", 40003)));     // 3 > 2
        Assert.Equal("accept", gw.Send(Syn("198.51.101.3", 40004)));   // another /24
        // A tracked connection's own later packets are established: accepted before the limit is asked.
        Assert.Equal("accept", gw.Send(new TracePacket { Src = "192.0.2.1", Dst = "198.51.100.1", Sport = 22, Dport = 40001, Flags = "SA", Chain = "output" }));
        Assert.Equal("accept", gw.Send(Syn("198.51.100.1", 40001) with { Flags = "A" }));
    }

    private static RuleSet Rules(string[] filter, string[] raw)
    {
        var rules = new RuleSet();
        foreach (var (words, isRaw) in filter.Select(w => (w, false)).Concat(raw.Select(w => (w, true))))
        {
            var rule = new Rule();
            foreach (var word in words.Split(' '))
            {
                int eq = word.IndexOf('=');
                Assert.Equal(PropertyError.None, RuleProperties.Set(rule, Family.Ipv4, word[..eq], word[(eq + 1)..], out _));
            }
            if (isRaw) rules.Ipv4.Raw.AddRule(rule); else rules.Ipv4.AddRule(rule);
        }
        return rules;
    }

    [Fact]
    public void A_retransmitted_syn_of_a_tracked_connection_counts_once_for_connection_limit()
    {
        var gw = new BothEngines(Rules(new[] { "chain=input protocol=tcp connection-limit=1,32 action=drop" }, Array.Empty<string>()));
        var syn = new TracePacket { Src = "198.51.100.1", Dst = "192.0.2.1", Sport = 40001, Dport = 22 };
        Assert.Equal("accept", gw.Send(syn));   // 1, not above 1
        Assert.Equal("accept", gw.Send(syn));   // the same connection again, unreplied: still 1
        Assert.Equal("drop", gw.Send(syn with { Sport = 40002 }));   // a second one: 2
    }

    [Fact]
    public void An_interface_only_raw_names_gets_an_id_so_a_negated_raw_match_drops_the_others()
    {
        var gw = new BothEngines(Rules(Array.Empty<string>(), new[] { "chain=prerouting in-interface=!bridge action=drop" }));
        Assert.Equal("drop", gw.Send(new TracePacket { Src = "198.51.100.1", Dst = "192.0.2.1", Dport = 22, Iface = "ether1" }));
        Assert.Equal("accept", gw.Send(new TracePacket { Src = "198.51.100.1", Dst = "192.0.2.1", Dport = 22, Iface = "bridge" }));
    }

    [Fact]
    public void A_notracked_packet_starts_no_connection_and_raw_limits_count_against_the_board()
    {
        var rules = Rules(new[] { "chain=input action=accept" }, new[] { "chain=prerouting action=notrack" });
        var tracker = new Gateway.Rules.Tracking.ConnectionTracker();
        var runner = new TraceRunner(new TableFirewall(rules), tracker);
        Assert.True(runner.Step(new TracePacket { Src = "198.51.100.1", Dst = "192.0.2.1", Sport = 40001, Dport = 22 }).Untracked);
        Assert.Equal(0, tracker.Count);
        var limited = Rules(Array.Empty<string>(), new[] { "chain=prerouting limit=1,1 action=accept", "chain=prerouting dst-limit=1,1,src-address action=accept" });
        var board = new Gateway.Core.Tables.TableLimits { MaxLimitRules = 1 };
        var result = Gateway.Core.Compiler.TableLoader.Compile(limited, board, 0, out _);
        Assert.Equal("limit and dst-limit matchers 2, limit 1", result.Message);
    }

    [Fact]
    public void Asking_a_bucket_during_a_session_review_spends_nothing()
    {
        var limiter = new Gateway.Core.MatchState.RateLimiter(Family.Ipv4, RateLimit.ParseLimit("1/1m,1:packet")!);
        var p = new Gateway.Core.Packets.Packet { Protocol = 1, Length = 84 };
        for (int i = 0; i < 5; i++) Assert.True(limiter.Holds(p, i));
        Assert.True(limiter.Take(p, 10));
        Assert.False(limiter.Holds(p, 11));
        Assert.False(limiter.Take(p, 12));
    }
}
