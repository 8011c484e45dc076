// Expiry times in 32 bits (ExpiryCode): exact to the millisecond across the store's epoch moves, never early
// for RouterOS's longest timeout, and one compare on the packet path when nothing is due.

namespace Gateway.Core.Tests;

public partial class AddressListStoreTests
{
    private const long Day = 86_400_000;

    [Fact]
    public void A_timeout_stays_exact_across_epoch_moves_months_into_uptime()
    {
        var s = Store(8);
        long start = 90 * Day + 123;   // the store's first add comes three months after boot
        s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, 20 * Day, start);
        for (long t = start; t < start + 20 * Day - 1; t += Day / 2) s.ExpireDue(t);   // epochs move every ~12 days
        Assert.True(s.Contains(KnockList, A("203.0.113.7"), 0, start + 20 * Day - 1));
        Assert.False(s.Contains(KnockList, A("203.0.113.7"), 0, start + 20 * Day));
        Assert.Equal(start + 20 * Day, s.ExpiresAtMs(s.Find(KnockList, A("203.0.113.7"), 0)));
        s.ExpireDue(start + 20 * Day);
        Assert.Equal(0, s.Count);
    }

    [Fact]
    public void The_longest_routeros_timeout_is_never_cut_short_and_at_most_a_second_late()
    {
        var s = Store(8);
        s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, Capacity.MaxListTimeoutMs, 5);
        long asked = 5 + Capacity.MaxListTimeoutMs;
        for (long t = 5; t < asked - Day; t += Day) s.ExpireDue(t);
        long kept = s.ExpiresAtMs(s.Find(KnockList, A("203.0.113.7"), 0));
        Assert.InRange(kept, asked, asked + 1023);
        Assert.True(s.Contains(KnockList, A("203.0.113.7"), 0, asked - 1));
        s.ExpireDue(kept);
        Assert.Equal(0, s.Count);
    }

    [Fact]
    public void Expiry_codes_keep_the_order_of_the_times_they_stand_for()
    {
        long epoch = 1_000;
        long[] times = { epoch, epoch + 1, epoch + (1L << 31) - 1, epoch + (1L << 31), epoch + (1L << 31) + 1, epoch + (1L << 31) + 1024, epoch + Capacity.MaxListTimeoutMs, long.MaxValue };
        for (int i = 0; i + 1 < times.Length; i++)
        {
            Assert.True(ExpiryCode.Encode(times[i], epoch) <= ExpiryCode.Encode(times[i + 1], epoch));
            Assert.True(ExpiryCode.Decode(ExpiryCode.Encode(times[i], epoch), epoch) >= times[i]);
        }
        Assert.Equal(epoch + 5, ExpiryCode.Decode(ExpiryCode.Encode(epoch + 5, epoch), epoch));
        Assert.Equal(long.MaxValue, ExpiryCode.Decode(ExpiryCode.Never, epoch));
    }

    [Fact]
    public void A_refresh_to_a_shorter_time_is_still_collected_on_time()
    {
        var s = Store(8);
        s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, 60_000, 0);
        s.ExpireDue(10);   // nothing due before 60 000: the next due time is cached
        s.AddFromRule(KnockList, A("203.0.113.8"), 0, ListTimeoutKind.Timed, 100, 20);
        s.ExpireDue(120);
        Assert.Equal(1, s.Count);
        Assert.Equal(1, s.Expirations);
    }
}
