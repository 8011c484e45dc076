// The address lists beyond the basics: IPv6 entries and ranges at indexes past the first (where a slip in
// "index * words" shows), what the console reads back (IsLive, CopyAddress, CopyRange), counters, sizes,
// Clear under live heaps, expiry exactly at the edge, and a dynamic entry turned static (regressions of
// surviving mutants).

namespace Gateway.Core.Tests;

public partial class AddressListStoreTests
{
    private static uint[] A6(string ip) => M(ip, Family.Ipv6).Low.ToArray();

    [Theory]
    [InlineData(-1, 0, 1)]
    [InlineData(0, -1, 1)]
    [InlineData(0, 0, -1)]
    [InlineData(0, 0, short.MaxValue + 1)]   // list ids are kept as shorts
    public void A_store_of_an_impossible_size_is_refused(int capacity, int ranges, int lists)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddressListStore(Family.Ipv4, capacity, ranges, lists));
    }

    [Fact]
    public void A_store_reports_the_sizes_it_was_made_with()
    {
        var s = new AddressListStore(Family.Ipv4, 3, 5, AddressListStore.MaxLists);   // the most list ids a byte can name
        Assert.Equal(3, s.Capacity);
        Assert.Equal(5, s.RangeCapacity);   // the console's "entries n/5"
        Assert.Equal(AddressListStore.MaxLists, s.ListCount);
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(AddressListStore.MaxLists - 1, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0));
        Assert.True(s.Contains(AddressListStore.MaxLists - 1, A("10.0.0.1"), 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddressListStore(Family.Ipv4, 3, 5, AddressListStore.MaxLists + 1));
    }

    // The largest sizes a store may have are taken, one more is refused (entry and range ids are 16-bit).
    [Fact]
    public void A_store_takes_the_largest_sizes_and_refuses_one_more()
    {
        Assert.Equal(Capacity.MaxListEntries, new AddressListStore(Family.Ipv4, Capacity.MaxListEntries, 0, 1).Capacity);
        Assert.Equal(ushort.MaxValue, new AddressListStore(Family.Ipv4, 0, ushort.MaxValue, 1).RangeCapacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddressListStore(Family.Ipv4, Capacity.MaxListEntries + 1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddressListStore(Family.Ipv4, 0, ushort.MaxValue + 1, 1));
    }

    // The heap plan's figure: each list id costs its range count (2 bytes) and its grant flag (1).
    [Theory]
    [InlineData(Family.Ipv4)]
    [InlineData(Family.Ipv6)]
    public void Each_list_id_costs_three_bytes_in_the_heap_plan(Family family)
    {
        Assert.Equal(3, AddressListStore.BytesFor(family, 64, 8, 5) - AddressListStore.BytesFor(family, 64, 8, 4));
        Assert.Equal(3 * 255, AddressListStore.BytesFor(family, 0, 0, 255) - AddressListStore.BytesFor(family, 0, 0, 0));
    }

    [Fact]
    public void Changing_a_grant_flag_under_entries_says_why_it_is_refused()
    {
        var s = Store(2);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0);
        var e = Assert.Throws<InvalidOperationException>(() => s.SetGrantsAccess(KnockList, true));
        Assert.Equal("set list flags before adding entries", e.Message);
    }

    // Clear must also forget both expiry heaps: entries added afterwards reuse the entry indexes and the
    // heap storage, and a stale heap would expire or evict entries that are gone or never were.
    [Fact]
    public void A_cleared_store_fills_up_and_expires_again_as_a_new_one()
    {
        var s = Store(2);
        s.AddFromRule(SecureList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0);
        s.AddFromRule(KnockList, A("10.0.0.2"), 0, ListTimeoutKind.Timed, 1_000, 0);
        s.Clear();
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(KnockList, A("10.0.0.3"), 0, ListTimeoutKind.Timed, 5_000, 0));
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(KnockList, A("10.0.0.4"), 0, ListTimeoutKind.Timed, 6_000, 0));
        s.ExpireDue(1_000);
        Assert.Equal(2, s.Count);
        Assert.Equal(0, s.Expirations);
        s.ExpireDue(6_000);
        Assert.Equal(0, s.Count);
        Assert.Equal(2, s.Expirations);
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(SecureList, A("10.0.0.5"), 0, ListTimeoutKind.Timed, 1_000, 7_000));
    }

    // Clear forgets the network counts too: a network that was crowded before it must not draw the eviction to
    // the one entry it holds afterwards.
    [Fact]
    public void A_cleared_store_forgets_which_networks_were_crowded()
    {
        var s = Store(4);
        for (int i = 1; i <= 4; i++) s.AddFromRule(KnockList, A($"10.0.0.{i}"), 0, ListTimeoutKind.Timed, 60_000, 0);
        s.Clear();
        s.AddFromRule(KnockList, A("10.0.0.9"), 0, ListTimeoutKind.Timed, 60_000, 0);
        for (int i = 1; i <= 3; i++) s.AddFromRule(KnockList, A($"203.0.113.{i}"), 0, ListTimeoutKind.Timed, 60_000 + i, 0);
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(KnockList, A("192.0.2.7"), 0, ListTimeoutKind.Timed, 60_000, 1));
        Assert.True(s.Contains(KnockList, A("10.0.0.9"), 0, 1));            // a network of one now
        Assert.False(s.Contains(KnockList, A("203.0.113.1"), 0, 1));        // the crowd's first to expire went
        Assert.True(s.Contains(KnockList, A("203.0.113.2"), 0, 1));
    }

    [Fact]
    public void A_manual_add_at_the_moment_an_entry_expires_makes_a_new_entry()
    {
        var s = Store(2);
        s.AddEntry(KnockList, M("10.0.0.1"), ListTimeoutKind.Timed, 1_000, 0);
        Assert.Equal(AddOutcome.Inserted, s.AddEntry(KnockList, M("10.0.0.1"), ListTimeoutKind.Timed, 5_000, 1_000));
        Assert.Equal(1, s.Count);
        Assert.Equal(1, s.Expirations);
        Assert.Equal(2, s.Inserts);
        Assert.Equal(6_000, s.ExpiresAtMs(s.Find(KnockList, A("10.0.0.1"), 0)));
        s.ExpireDue(5_999);
        Assert.True(s.Contains(KnockList, A("10.0.0.1"), 0, 5_999));
    }

    [Fact]
    public void Range_adds_and_refusals_are_counted()
    {
        var s = Store(2, ranges: 1);
        Assert.Equal(AddOutcome.Inserted, s.AddEntry(KnockList, M("10.0.0.0/8"), ListTimeoutKind.Static, 0, 0));
        Assert.Equal(1, s.Inserts);
        Assert.Equal(AddOutcome.Refused, s.AddEntry(KnockList, M("11.0.0.0/8"), ListTimeoutKind.Static, 0, 0));
        Assert.Equal(1, s.Refusals);
        Assert.Equal(1, s.Inserts);
    }

    [Fact]
    public void Removing_what_is_not_listed_reports_false()
    {
        var s = Store(2);
        s.AddEntry(KnockList, M("10.0.0.1"), ListTimeoutKind.Static, 0, 0);
        s.AddEntry(KnockList, M("10.1.0.0/16"), ListTimeoutKind.Static, 0, 0);
        Assert.False(s.Remove(KnockList, M("10.0.0.2")));
        Assert.False(s.Remove(SecureList, M("10.0.0.1")));
        Assert.False(s.Remove(KnockList, M("10.2.0.0/16")));
        Assert.Equal(1, s.Count);
        Assert.Equal(1, s.RangeCount);
    }

    // The expiry pass runs whenever the device gets to it, usually after the due time, not exactly on it.
    [Fact]
    public void A_range_is_expired_by_a_pass_that_comes_after_its_due_time()
    {
        var s = Store(2, ranges: 2);
        s.AddEntry(KnockList, M("10.0.0.0/8"), ListTimeoutKind.Timed, 1_000, 0);
        s.ExpireDue(1_500);
        Assert.Equal(0, s.RangeCount);
        Assert.Equal(1, s.Expirations);
    }

    [Fact]
    public void One_expiry_pass_removes_every_due_range()
    {
        var s = Store(2, ranges: 3);
        s.AddEntry(KnockList, M("10.0.0.0/8"), ListTimeoutKind.Timed, 1_000, 0);
        s.AddEntry(KnockList, M("12.0.0.0/8"), ListTimeoutKind.Timed, 9_000, 0);
        s.AddEntry(KnockList, M("11.0.0.0/8"), ListTimeoutKind.Timed, 1_000, 0);   // moves into the first one's place
        s.ExpireDue(1_000);
        Assert.Equal(1, s.RangeCount);
        Assert.Equal(2, s.Expirations);
        Assert.True(s.Contains(KnockList, A("12.0.0.1"), 0, 1_000));
    }

    [Fact]
    public void An_entry_is_not_live_once_removed_or_at_its_expiry()
    {
        var s = Store(2);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0);
        int entry = s.Find(KnockList, A("10.0.0.1"), 0);
        Assert.True(s.IsLive(entry, 999));
        Assert.False(s.IsLive(entry, 1_000));   // what the console prints matches what rules see
        Assert.True(s.Remove(KnockList, M("10.0.0.1")));
        Assert.False(s.IsLive(entry, 0));
        Assert.False(s.IsLiveDynamic(entry, 0));
    }

    [Fact]
    public void The_same_range_in_two_lists_or_sharing_one_bound_is_a_separate_entry()
    {
        var s = Store(2, ranges: 4);
        Assert.Equal(AddOutcome.Inserted, s.AddEntry(KnockList, M("10.0.0.1-10.0.0.9"), ListTimeoutKind.Static, 0, 0));
        Assert.Equal(AddOutcome.Inserted, s.AddEntry(SecureList, M("10.0.0.1-10.0.0.9"), ListTimeoutKind.Static, 0, 0));
        Assert.Equal(AddOutcome.Inserted, s.AddEntry(KnockList, M("10.0.0.5-10.0.0.9"), ListTimeoutKind.Static, 0, 0));
        Assert.Equal(AddOutcome.Inserted, s.AddEntry(KnockList, M("10.0.0.1-10.0.0.5"), ListTimeoutKind.Static, 0, 0));
        Assert.True(s.Remove(SecureList, M("10.0.0.1-10.0.0.9")));
        Assert.True(s.Contains(KnockList, A("10.0.0.2"), 0, 0));
        Assert.False(s.Contains(SecureList, A("10.0.0.2"), 0, 0));
    }

    // A rule with address-list-timeout=none-static re-adding a knock entry makes it static: from then on it
    // is never evicted, even to make room for a granting list.
    [Fact]
    public void A_dynamic_entry_made_static_by_a_rule_is_no_longer_evicted()
    {
        var s = Store(1);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0);
        Assert.Equal(AddOutcome.Refreshed, s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Static, 0, 10));
        Assert.Equal(AddOutcome.Refused, s.AddFromRule(SecureList, A("10.0.0.2"), 0, ListTimeoutKind.Timed, 1_000, 20));
        s.ExpireDue(long.MaxValue - 1);
        Assert.True(s.Contains(KnockList, A("10.0.0.1"), 0, long.MaxValue - 1));
        Assert.True(s.Remove(KnockList, M("10.0.0.1")));
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(SecureList, A("10.0.0.2"), 0, ListTimeoutKind.Timed, 1_000, 30));
    }

    // An entry past its time is collected, not counted as an eviction: the eviction counter tells the
    // operator the lists are too small, and expired entries say nothing about that.
    [Fact]
    public void A_full_store_collects_expired_entries_before_it_evicts()
    {
        var s = Store(2);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0);
        s.AddFromRule(KnockList, A("10.0.0.2"), 0, ListTimeoutKind.Timed, 1_000, 0);
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(KnockList, A("10.0.0.3"), 0, ListTimeoutKind.Timed, 1_000, 1_000));
        Assert.Equal(0, s.Evictions);
        Assert.Equal(2, s.Expirations);
        Assert.Equal(1, s.Count);
    }

    [Fact]
    public void Ipv6_ranges_past_the_first_keep_their_own_bounds()
    {
        string[] prefixes = { "2001:db8:1::/48", "2001:db8:2::/48", "2001:db8:3::/48", "2001:db8:4::/48", "2001:db8:5::/48" };
        var s = Store(2, ranges: prefixes.Length, family: Family.Ipv6);
        for (int i = 0; i < prefixes.Length; i++)
            Assert.Equal(AddOutcome.Inserted, s.AddEntry(i % 2, M(prefixes[i], Family.Ipv6), i == 4 ? ListTimeoutKind.Timed : ListTimeoutKind.Static, 1_000, 0));
        for (int i = 0; i < prefixes.Length; i++)
        {
            Assert.Equal(AddOutcome.AlreadyExists, s.AddEntry(i % 2, M(prefixes[i], Family.Ipv6), ListTimeoutKind.Static, 0, 0));
            Assert.True(s.Contains(i % 2, A6($"2001:db8:{i + 1}:ffff::1"), 0, 0));
            Assert.False(s.Contains(1 - i % 2, A6($"2001:db8:{i + 1}:ffff::1"), 0, 0));
        }
        AssertRanges(s, prefixes);

        // Removing the first moves the last into its place; all of the rest stay findable with their bounds.
        Assert.True(s.Remove(0, M(prefixes[0], Family.Ipv6)));
        Assert.False(s.Contains(0, A6("2001:db8:1::1"), 0, 0));
        AssertRanges(s, prefixes.Skip(1).ToArray());
        for (int i = 1; i < prefixes.Length; i++) Assert.True(s.Contains(i % 2, A6($"2001:db8:{i + 1}::1"), 0, 0));
        Assert.True(s.Remove(0, M(prefixes[2], Family.Ipv6)));
        Assert.True(s.Remove(1, M(prefixes[3], Family.Ipv6)));
        AssertRanges(s, new[] { prefixes[1], prefixes[4] });
    }

    // What the console prints for the range section: every range once, with its list, kind and bounds.
    private static void AssertRanges(AddressListStore s, string[] prefixes)
    {
        Assert.Equal(prefixes.Length, s.RangeCount);
        var low = new uint[4];
        var high = new uint[4];
        var seen = new List<string>();
        for (int r = 0; r < s.RangeCount; r++)
        {
            s.CopyRange(r, low, high);
            var range = AddressMatch.OfRange(Family.Ipv6, low, high);
            int i = Array.FindIndex(new[] { "1", "2", "3", "4", "5" }, n => range.ToString() == $"2001:db8:{n}::/48");
            Assert.True(i >= 0, range.ToString());
            Assert.Equal(i % 2, s.RangeListOf(r));
            Assert.Equal(i == 4 ? ListTimeoutKind.Timed : ListTimeoutKind.Static, s.RangeKindOf(r));
            seen.Add(range.ToString());
        }
        Assert.Equal(prefixes.OrderBy(p => p), seen.OrderBy(p => p));
    }

    // The hash, its backward-shift deletion and the entry arrays with four words per address: random adds,
    // refreshes, removals and expiries over a few addresses that differ in every word, against a model,
    // reading every live entry back as the console does.
    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_ipv6_operations_agree_with_a_plain_model(int seed)
    {
        const int pool = 12;
        var random = new Random(seed);
        var s = Store(2 * pool, ranges: 0, family: Family.Ipv6);
        var addresses = new uint[pool][];
        for (int i = 0; i < pool; i++)
            addresses[i] = new[] { 0x20010db8u + (uint)(i % 3), (uint)(i * 7), (uint)(i % 2), (uint)(i + 1) };
        var model = new Dictionary<(int List, int Address), long>();
        long now = 0;
        var copy = new uint[4];
        for (int step = 0; step < 3_000; step++)
        {
            now += random.Next(0, 40);
            int list = random.Next(2), a = random.Next(pool);
            foreach (var k in model.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToList()) model.Remove(k);
            int op = random.Next(10);
            if (op < 6)
            {
                long timeout = random.Next(1, 1_500);
                var outcome = s.AddFromRule(list, addresses[a], 0, ListTimeoutKind.Timed, timeout, now);
                Assert.Equal(model.ContainsKey((list, a)) ? AddOutcome.Refreshed : AddOutcome.Inserted, outcome);
                model[(list, a)] = now + timeout;
            }
            else if (op < 8)
            {
                // An entry past its time but not yet collected is removed too (and reported), as in the IPv4 test.
                bool removed = s.Remove(list, AddressMatch.OfAddress(Family.Ipv6, addresses[a]));
                if (model.Remove((list, a))) Assert.True(removed);
            }
            else
            {
                s.ExpireDue(now);
                Assert.Equal(model.Count, s.Count);
            }
            for (int l = 0; l < 2; l++)
                for (int i = 0; i < pool; i++)
                    Assert.Equal(model.ContainsKey((l, i)), s.Contains(l, addresses[i], 0, now));
            int live = 0;
            for (int e = 0; e < s.Capacity; e++)
            {
                if (!s.IsLive(e, now)) continue;
                live++;
                s.CopyAddress(e, copy);
                int i = Array.FindIndex(addresses, x => x.SequenceEqual(copy));
                Assert.True(i >= 0 && model.ContainsKey((s.ListOf(e), i)), $"entry {e}");
                Assert.Equal(model[(s.ListOf(e), i)], s.ExpiresAtMs(e));
            }
            Assert.Equal(model.Count, live);
        }
    }
}
