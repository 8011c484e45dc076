// The SPA replay cache (Crypto/Spa/ReplayCache): a datagram's tag is refused as a replay while its age window
// lasts and forgotten after it; a full cache refuses newcomers and never forgets a live entry; nothing is
// allocated per datagram. Against a plain model on random traffic.
using Gateway.Crypto.Spa;

namespace Gateway.Core.Tests;

[Collection(AllocationGroup.Name)]
public class ReplayCacheTests
{
    private static byte[] Tag(int n)
    {
        var tag = new byte[32];
        new Random(n).NextBytes(tag);
        return tag;
    }

    [Fact]
    public void A_replay_inside_the_window_is_refused_and_after_it_is_remembered_anew()
    {
        var cache = new ReplayCache(4);
        Assert.Equal(ReplayOutcome.Remembered, cache.Remember(Tag(1), 0, 1120, 1000));
        Assert.Equal(ReplayOutcome.Replayed, cache.Remember(Tag(1), 0, 1130, 1119));
        Assert.Equal(ReplayOutcome.Remembered, cache.Remember(Tag(2), 0, 1130, 1119));
        Assert.Equal(2, cache.Live(1119));
        Assert.Equal(ReplayOutcome.Remembered, cache.Remember(Tag(1), 0, 1240, 1120));   // its window ended at 1120
        Assert.Equal(2, cache.Live(1120));
    }

    [Fact]
    public void A_full_cache_refuses_and_forgets_no_live_entry()
    {
        var cache = new ReplayCache(3);
        for (int i = 0; i < 3; i++) Assert.Equal(ReplayOutcome.Remembered, cache.Remember(Tag(i), 0, 2000 + i, 1000));
        Assert.Equal(ReplayOutcome.Full, cache.Remember(Tag(9), 0, 2100, 1500));
        for (int i = 0; i < 3; i++) Assert.Equal(ReplayOutcome.Replayed, cache.Remember(Tag(i), 0, 2100, 1500));
        Assert.Equal(ReplayOutcome.Remembered, cache.Remember(Tag(9), 0, 2100, 2000));   // the first entry's window is over
        Assert.Equal(ReplayOutcome.Replayed, cache.Remember(Tag(1), 0, 2100, 2000));
    }

    [Fact]
    public void Only_the_tags_first_16_bytes_name_it_and_they_are_read_at_the_offset()
    {
        var cache = new ReplayCache(2);
        byte[] tag = Tag(5);
        byte[] shifted = new byte[40];
        Array.Copy(tag, 0, shifted, 8, 32);
        Assert.Equal(ReplayOutcome.Remembered, cache.Remember(tag, 0, 2000, 1000));
        Assert.Equal(ReplayOutcome.Replayed, cache.Remember(shifted, 8, 2000, 1000));
        byte[] other = (byte[])tag.Clone();
        other[15] ^= 1;
        Assert.Equal(ReplayOutcome.Remembered, cache.Remember(other, 0, 2000, 1000));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_traffic_agrees_with_a_plain_model(int seed)
    {
        var random = new Random(seed);
        const int Capacity = 8;
        var cache = new ReplayCache(Capacity);
        var model = new Dictionary<int, long>();   // tag number -> expiry
        long now = 0;
        for (int step = 0; step < 20_000; step++)
        {
            now += random.Next(0, 30);
            int n = random.Next(40);
            long expires = now + random.Next(1, 240);
            foreach (var k in model.Where(e => e.Value <= now).Select(e => e.Key).ToList()) model.Remove(k);
            ReplayOutcome expected = model.ContainsKey(n) ? ReplayOutcome.Replayed : model.Count == Capacity ? ReplayOutcome.Full : ReplayOutcome.Remembered;
            if (expected == ReplayOutcome.Remembered) model[n] = expires;
            Assert.Equal(expected, cache.Remember(Tag(n), 0, expires, now));
            Assert.Equal(model.Count, cache.Live(now));
        }
    }

    [Fact]
    public void Remembering_allocates_nothing()
    {
        var cache = new ReplayCache(64);
        byte[][] tags = Enumerable.Range(0, 100).Select(Tag).ToArray();
        cache.Remember(tags[0], 0, 10, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++) cache.Remember(tags[i % 100], 0, i / 10 + 50, i / 10);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
