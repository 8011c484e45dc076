// The core's token buckets on their own: a flood of new keys neither allocates nor takes a live key's slot.
using Gateway.Core;
using Gateway.Core.MatchState;

namespace Gateway.Core.Tests;

[Collection(AllocationGroup.Name)]
public class RateLimiterTests
{
    private static Packet From(uint src, int length = 84)
    {
        var p = new Packet { Protocol = Protocols.Icmp, Length = length };
        p.SetIpv4(src, 0xC0000201);
        return p;
    }

    [Fact]
    public void A_flood_from_100000_sources_allocates_nothing_and_keeps_the_first_keys_buckets()
    {
        var limiter = new RateLimiter(Family.Ipv4, RateLimit.ParseDstLimit("1/1s,1,src-address/1m")!);
        var first = From(0x0A000001);
        Assert.True(limiter.Take(first, 0));
        var flood = From(0);
        limiter.Take(flood, 1);   // warm
        long before = GC.GetAllocatedBytesForCurrentThread();
        int matched = 0;
        for (uint i = 0; i < 100_000; i++)
        {
            flood.Src[0] = 0xCB000000 + i;
            if (limiter.Take(flood, 2 + i / 1000)) matched++;
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(Capacity.DstLimitKeys - 2, matched);   // the slots left after the first key and the warm-up key
        Assert.True(limiter.Take(first, 1_000));            // its bucket refilled; its slot was never taken
        Assert.Equal(Capacity.DstLimitKeys * (4 + 1 + 8 + 8) + 4, RateLimiter.Bytes(Family.Ipv4, DstLimitMode.SrcAddress));
    }

    [Fact]
    public void A_plain_limit_never_forgets_its_bucket()
    {
        var limiter = new RateLimiter(Family.Ipv4, RateLimit.ParseLimit("1/1m,1:packet")!);
        Assert.True(limiter.Take(From(1), 0));
        Assert.False(limiter.Take(From(2), 30_000));   // half a token after 30 s, and no expire to reset it
        Assert.True(limiter.Take(From(3), 60_000));
    }
}
