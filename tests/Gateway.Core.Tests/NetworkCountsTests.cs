// The flood-fair eviction's sketch (AddressLists/NetworkCounts) on its own: each network's estimate is the
// smaller of its two counters, so sharing one counter with a crowded network leaves it exact; adding and
// removing move both counters; removing at zero stays at zero. (Mutation testing found these unpinned: the
// store's flood tests never met a network that shares one counter only.)
using Gateway.Core.AddressLists;
using Gateway.Core.Model;

namespace Gateway.Core.Tests;

public class NetworkCountsTests
{
    private static uint[] V4(uint network, uint host = 1) => [network << 8 | host];

    [Fact]
    public void A_network_beside_a_crowded_one_is_counted_exactly_unless_it_shares_both_counters()
    {
        // 1,000 crowded /24s, each beside the same quiet /24 in a fresh sketch of 64 counters a row: the quiet one's
        // estimate is exact unless both its counters are the crowded one's (about 1 in 4,096; here at most 2).
        // Taking only one row's counter (not the smaller) would be wrong for about 1 in 64 (here ~16 of each).
        int inflated = 0;
        for (uint crowded = 1; crowded <= 1000; crowded++)
        {
            var counts = new NetworkCounts(Family.Ipv4, 64);
            uint quiet = 0xC00002;   // 192.0.2.0/24
            for (int i = 0; i < 3; i++) counts.Add(V4(0x0A0000 + crowded, (uint)i + 1), 0);
            counts.Add(V4(quiet, 9), 0);
            Assert.Equal(3, counts.Of(V4(0x0A0000 + crowded), 0));
            int estimate = counts.Of(V4(quiet, 200), 0);   // any host of the /24
            Assert.True(estimate is 1 or 4, $"quiet /24 beside 10.0.{crowded}.0: {estimate}");
            if (estimate == 4) inflated++;
        }
        Assert.InRange(inflated, 0, 2);
    }

    [Fact]
    public void Removing_takes_one_from_both_counters_and_never_below_zero()
    {
        var counts = new NetworkCounts(Family.Ipv4, 64);
        uint[] a = V4(0xC63364, 7);
        counts.Add(a, 0);
        counts.Add(a, 0);
        Assert.Equal(2, counts.Of(a, 0));
        counts.Remove(a, 0);
        Assert.Equal(1, counts.Of(a, 0));
        counts.Remove(a, 0);
        Assert.Equal(0, counts.Of(a, 0));
        counts.Remove(a, 0);   // the store never does this; the counters must not wrap to 65,535
        Assert.Equal(0, counts.Of(a, 0));
        counts.Add(a, 0);
        Assert.Equal(1, counts.Of(a, 0));
    }

    [Fact]
    public void An_ipv6_48_is_one_network_and_the_next_48_another()
    {
        var counts = new NetworkCounts(Family.Ipv6, 64);
        uint[] host = [0x20010DB8, 0x00010000, 0, 1];
        uint[] sameNetwork = [0x20010DB8, 0x0001FFFF, 0xFFFFFFFF, 0xFFFFFFFF];
        uint[] nextNetwork = [0x20010DB8, 0x00020000, 0, 1];
        counts.Add(host, 0);
        counts.Add(sameNetwork, 0);
        Assert.Equal(2, counts.Of(host, 0));
        Assert.Equal(0, counts.Of(nextNetwork, 0));
    }

    [Fact]
    public void Removing_takes_one_from_each_row_even_where_the_other_row_is_shared()
    {
        // 1,000 networks Z beside one network Y: Y gets 3 entries, Z 5, then Y's 3 go. Y's estimate must be 0
        // unless both its counters are Z's (about 1 in 4,096): for about 1 in 64 of the Z, one of Y's counters is
        // Z's, and only the other counter, which removal must bring back to 0, keeps the estimate right.
        uint y = 0xC00002;   // 192.0.2.0/24
        int wrong = 0;
        for (uint z = 1; z <= 1000; z++)
        {
            var counts = new NetworkCounts(Family.Ipv4, 64);
            for (uint i = 1; i <= 3; i++) counts.Add(V4(y, i), 0);
            for (uint i = 1; i <= 5; i++) counts.Add(V4(0x0A0000 + z, i), 0);
            for (uint i = 1; i <= 3; i++) counts.Remove(V4(y, i), 0);
            if (counts.Of(V4(y), 0) != 0) wrong++;
            Assert.Equal(5, counts.Of(V4(0x0A0000 + z), 0));   // whatever Y shared, Z's counts are back to its own
        }
        Assert.InRange(wrong, 0, 2);
    }

    [Fact]
    public void Clear_forgets_every_count_and_the_rows_follow_the_capacity()
    {
        var counts = new NetworkCounts(Family.Ipv4, 64);
        for (uint n = 1; n <= 50; n++) counts.Add(V4(n), 0);
        counts.Clear();
        for (uint n = 1; n <= 50; n++) Assert.Equal(0, counts.Of(V4(n), 0));
        Assert.Equal(NetworkCounts.MinRowCounters, NetworkCounts.RowCounters(1));
        Assert.Equal(64, NetworkCounts.RowCounters(128));
        Assert.Equal(128, NetworkCounts.RowCounters(129));   // half of 129 is past 64
        Assert.Equal(2048, NetworkCounts.RowCounters(4096));
        Assert.Equal(2 * 2 * 2048, NetworkCounts.Bytes(4096));
        // The rows' counters come from the low and the high 16 bits of one hash: a row may not need more.
        Assert.True(NetworkCounts.RowCounters(NetworkCounts.MaxCapacity) <= 1 << 15);
    }
}
