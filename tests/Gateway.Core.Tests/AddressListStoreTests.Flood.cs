// Flood fairness of a full store: victims come from the most crowded network (IPv4 /24, IPv6 /48) among the
// entries closest to expiry, so a flood of first-step knocks from a few networks evicts its own entries and
// not a lone host's progress; and the per-network counts behind it, against a dictionary model.

namespace Gateway.Core.Tests;

public partial class AddressListStoreTests
{
    // A knock's first step lands at t=0; a flood of first steps from `networks` /24s follows for 3 s (one add
    // per ms, each with the same 1-minute timeout, so every flood entry expires after the lone host's).
    private static (AddressListStore Store, bool Kept) FloodAfterALoneKnock(int networks, int floodAdds)
    {
        var s = Store(64);
        s.AddFromRule(KnockList, A("198.51.100.7"), 0, ListTimeoutKind.Timed, 60_000, 0);
        for (int i = 0; i < floodAdds; i++)
        {
            uint source = networks == 0
                ? (uint)(0x0A000000 + (i << 8))                                          // each source its own /24
                : (uint)(0x7F010000 + ((i % networks) << 8) + (i / networks % 250) + 1);  // 127.1.n.h
            s.AddFromRule(KnockList, new[] { source }, 0, ListTimeoutKind.Timed, 60_000, 1 + i * 3_000L / floodAdds);
        }
        return (s, s.Contains(KnockList, A("198.51.100.7"), 0, 3_000));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(20)]
    public void A_flood_from_a_few_networks_evicts_its_own_entries_not_a_lone_hosts_progress(int networks)
    {
        var (s, kept) = FloodAfterALoneKnock(networks, 10_000);
        Assert.True(kept);
        Assert.True(s.Evictions > 100 * s.Capacity, $"{s.Evictions} evictions: the store did not turn over");
        Assert.Equal(s.Capacity, s.Count);
    }

    // The limit docs/memory.md and SECURITY.md state: with every flood source in a network of its own, no network
    // is more crowded than the lone host's, and the entry closest to expiry (the lone host's) goes first.
    [Fact]
    public void A_flood_with_every_source_in_its_own_network_falls_back_to_closest_expiry_first()
    {
        var (s, kept) = FloodAfterALoneKnock(0, 10_000);
        Assert.False(kept);
        Assert.True(s.Evictions > 0);
    }

    [Fact]
    public void The_lone_hosts_own_second_entry_does_not_make_its_network_the_crowded_one()
    {
        var s = Store(8);
        s.AddFromRule(KnockList, A("198.51.100.7"), 0, ListTimeoutKind.Timed, 10_000, 0);
        s.AddFromRule(KnockList, A("198.51.100.8"), 0, ListTimeoutKind.Timed, 10_000, 1);
        for (int i = 0; i < 6; i++) s.AddFromRule(KnockList, A($"203.0.113.{i + 1}"), 0, ListTimeoutKind.Timed, 10_000, 2 + i);
        // Full: 2 entries of 198.51.100.0/24, 6 of 203.0.113.0/24. The next add evicts from the crowded one
        // even though the lone network's entries expire first.
        s.AddFromRule(KnockList, A("203.0.113.99"), 0, ListTimeoutKind.Timed, 10_000, 100);
        Assert.True(s.Contains(KnockList, A("198.51.100.7"), 0, 100));
        Assert.True(s.Contains(KnockList, A("198.51.100.8"), 0, 100));
        Assert.False(s.Contains(KnockList, A("203.0.113.1"), 0, 100));   // the crowded network's first to expire
        Assert.Equal(1, s.Evictions);
    }

    [Fact]
    public void Networks_that_emptied_are_no_longer_counted_as_crowded()
    {
        var s = Store(4);
        for (int i = 0; i < 3; i++) s.AddFromRule(KnockList, A($"203.0.113.{i + 1}"), 0, ListTimeoutKind.Timed, 1_000, 0);
        s.ExpireDue(1_000);   // 203.0.113.0/24 is empty again
        s.AddFromRule(KnockList, A("203.0.113.50"), 0, ListTimeoutKind.Timed, 60_000, 1_000);
        s.AddFromRule(KnockList, A("198.51.100.1"), 0, ListTimeoutKind.Timed, 60_000, 1_001);
        s.AddFromRule(KnockList, A("198.51.100.2"), 0, ListTimeoutKind.Timed, 60_000, 1_002);
        s.AddFromRule(KnockList, A("192.0.2.1"), 0, ListTimeoutKind.Timed, 60_000, 1_003);
        // Full with 1 + 2 + 1: the next victim is from 198.51.100.0/24, not the older 203.0.113.50.
        s.AddFromRule(KnockList, A("192.0.2.2"), 0, ListTimeoutKind.Timed, 60_000, 1_004);
        Assert.True(s.Contains(KnockList, A("203.0.113.50"), 0, 1_004));
        Assert.False(s.Contains(KnockList, A("198.51.100.1"), 0, 1_004));
    }

    [Fact]
    public void Granting_entries_are_not_counted_and_never_chosen_for_a_knock()
    {
        var s = Store(4);
        s.AddFromRule(SecureList, A("203.0.113.1"), 0, ListTimeoutKind.Timed, 1_000, 0);
        s.AddFromRule(SecureList, A("203.0.113.2"), 0, ListTimeoutKind.Timed, 1_000, 0);
        s.AddFromRule(KnockList, A("198.51.100.1"), 0, ListTimeoutKind.Timed, 60_000, 0);
        s.AddFromRule(KnockList, A("198.51.100.2"), 0, ListTimeoutKind.Timed, 60_000, 1);
        s.AddFromRule(KnockList, A("203.0.113.3"), 0, ListTimeoutKind.Timed, 60_000, 2);
        Assert.True(s.Contains(SecureList, A("203.0.113.1"), 0, 2));
        Assert.True(s.Contains(SecureList, A("203.0.113.2"), 0, 2));
        Assert.False(s.Contains(KnockList, A("198.51.100.1"), 0, 2));   // the knock entry closest to expiry: granting ones are no candidates
    }

    [Fact]
    public void Ipv6_networks_are_48_bit_prefixes()
    {
        var s = Store(8, family: Family.Ipv6);
        var lone = M("2001:db8:2::7", Family.Ipv6).Low;
        s.AddFromRule(KnockList, lone, 0, ListTimeoutKind.Timed, 60_000, 0);
        // One /48, many /64s: a site's worth of addresses, still one network.
        for (int i = 0; i < 1_000; i++)
            s.AddFromRule(KnockList, M($"2001:db8:1:{i:x}::1", Family.Ipv6).Low, 0, ListTimeoutKind.Timed, 60_000, 1 + i);
        Assert.True(s.Contains(KnockList, lone, 0, 1_001));
        Assert.True(s.Evictions > 900);
    }

    // The sketch under random adds and removals, against a dictionary: never below the truth, never above what
    // is live, and exact for a network that shares no counter pair (all of a few networks, most of forty).
    [Theory]
    [InlineData(1, Family.Ipv4, 40)]
    [InlineData(2, Family.Ipv6, 40)]
    [InlineData(3, Family.Ipv4, 6)]
    [InlineData(4, Family.Ipv6, 6)]
    public void Network_counts_bound_a_plain_model_from_above(int seed, Family family, int networks)
    {
        var random = new Random(seed);
        const int Capacity = 32;
        var counts = new NetworkCounts(family, Capacity);
        var model = new Dictionary<(uint, uint), int>();
        int words = AddressWords.Of(family);
        int live = 0, exact = 0, checks = 0;
        for (int step = 0; step < 50_000; step++)
        {
            var address = new uint[words];
            if (words == 1) address[0] = (uint)random.Next(networks) << 8 | (uint)random.Next(256);
            else
            {
                address[0] = 0x20010DB8u + (uint)random.Next(networks / 5 + 1);
                address[1] = (uint)random.Next(5) << 16 | (uint)random.Next(65536);
                address[3] = (uint)random.Next();
            }
            var key = words == 1 ? (address[0] & 0xFFFFFF00, 0u) : (address[0], address[1] & 0xFFFF0000);
            model.TryGetValue(key, out int n);
            if (random.Next(2) == 0 && live < Capacity)
            {
                counts.Add(address, 0);
                model[key] = n + 1;
                live++;
            }
            else if (n > 0)
            {
                counts.Remove(address, 0);
                if (n == 1) model.Remove(key); else model[key] = n - 1;
                live--;
            }
            int truth = model.TryGetValue(key, out int expected) ? expected : 0;
            int estimate = counts.Of(address, 0);
            Assert.InRange(estimate, truth, live);
            checks++;
            if (estimate == truth) exact++;
        }
        Assert.True(exact >= (networks <= 6 ? checks : checks * 3 / 4), $"{exact} of {checks} estimates exact");
        foreach (var key in model.Keys.ToList())
        {
            var probe = new uint[words];
            probe[0] = key.Item1;
            if (words == 4) probe[1] = key.Item2;
            for (int i = model[key]; i > 0; i--) counts.Remove(probe, 0);
        }
        foreach (var key in model.Keys)
        {
            var probe = new uint[words];
            probe[0] = key.Item1;
            if (words == 4) probe[1] = key.Item2;
            Assert.Equal(0, counts.Of(probe, 0));
        }
    }
}
