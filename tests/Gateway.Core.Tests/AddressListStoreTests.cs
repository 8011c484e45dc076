// Timed address lists: expiry at the edges, RouterOS's refresh rule, static entries, prefixes and ranges,
// capacity edges and the eviction order, checked against a plain model under random operations.

namespace Gateway.Core.Tests;

public partial class AddressListStoreTests
{
    private const int KnockList = 0;   // does not grant access
    private const int SecureList = 1;  // grants access

    private static AddressListStore Store(int capacity, int ranges = 2, Family family = Family.Ipv4)
    {
        var store = new AddressListStore(family, capacity, ranges, 2);
        store.SetGrantsAccess(SecureList, true);
        return store;
    }

    private static uint[] A(string ip) => new[] { TestPackets.V4(ip) };

    private static AddressMatch M(string text, Family family = Family.Ipv4)
        => AddressMatch.Parse(text, family, false, out _)!;

    [Fact]
    public void Entry_expires_when_its_timeout_is_reached()
    {
        var s = Store(4);
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, 60_000, 1_000));
        Assert.True(s.Contains(KnockList, A("203.0.113.7"), 0, 60_999));
        Assert.False(s.Contains(KnockList, A("203.0.113.7"), 0, 61_000));
        s.ExpireDue(60_999);
        Assert.Equal(1, s.Count);
        s.ExpireDue(61_000);
        Assert.Equal(0, s.Count);
        Assert.Equal(1, s.Expirations);
    }

    [Fact]
    public void Expiry_collects_only_what_is_due_in_time_order()
    {
        var s = Store(8);
        for (int i = 0; i < 5; i++) s.AddFromRule(KnockList, A($"10.0.0.{i}"), 0, ListTimeoutKind.Timed, (5 - i) * 1000, 0);
        s.ExpireDue(2_500);   // 10.0.0.3 (2000) and 10.0.0.4 (1000) are due
        Assert.Equal(3, s.Count);
        Assert.Equal(2, s.Expirations);
        Assert.True(s.Contains(KnockList, A("10.0.0.2"), 0, 2_500));
        Assert.False(s.Contains(KnockList, A("10.0.0.3"), 0, 2_500));
    }

    [Fact]
    public void Re_adding_a_listed_address_resets_its_timeout()
    {
        var s = Store(4);
        s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, 60_000, 0);
        Assert.Equal(AddOutcome.Refreshed, s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, 60_000, 50_000));
        Assert.True(s.Contains(KnockList, A("203.0.113.7"), 0, 109_999));
        Assert.False(s.Contains(KnockList, A("203.0.113.7"), 0, 110_000));
        Assert.Equal(1, s.Refreshes);
        Assert.Equal(1, s.Inserts);
    }

    [Fact]
    public void The_refresh_takes_the_adding_rules_timeout_even_if_shorter()
    {
        var s = Store(4);
        s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, 3_600_000, 0);
        s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, 1_000, 10);
        s.ExpireDue(1_010);
        Assert.Equal(0, s.Count);
    }

    [Fact]
    public void A_refresh_moves_the_entry_in_expiry_order_both_ways()
    {
        // Seven entries due at 1 000 .. 7 000, in the heap in that order. The first (the heap's top) is refreshed
        // to 10 000: unless it sinks, expiry sees a top that is not due and collects nothing.
        var s = Store(8);
        for (int i = 0; i < 7; i++) s.AddFromRule(KnockList, A($"10.0.0.{i}"), 0, ListTimeoutKind.Timed, (i + 1) * 1000, 0);
        Assert.Equal(AddOutcome.Refreshed, s.AddFromRule(KnockList, A("10.0.0.0"), 0, ListTimeoutKind.Timed, 10_000, 0));
        s.ExpireDue(2_500);
        Assert.Equal(6, s.Count);
        Assert.True(s.Contains(KnockList, A("10.0.0.0"), 0, 2_500));
        Assert.False(s.Contains(KnockList, A("10.0.0.1"), 0, 2_500));
        // The last (a leaf, due at 7 000) is refreshed to 2 600: unless it rises, expiry stops at the top (3 000).
        Assert.Equal(AddOutcome.Refreshed, s.AddFromRule(KnockList, A("10.0.0.6"), 0, ListTimeoutKind.Timed, 100, 2_500));
        s.ExpireDue(2_700);
        Assert.Equal(5, s.Count);
        Assert.False(s.Contains(KnockList, A("10.0.0.6"), 0, 2_700));
        s.ExpireDue(7_000);
        Assert.Equal(1, s.Count);
        Assert.Equal(6, s.Expirations);
    }

    [Fact]
    public void A_re_add_after_expiry_is_a_new_entry()
    {
        var s = Store(4);
        s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, 1_000, 0);
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(KnockList, A("203.0.113.7"), 0, ListTimeoutKind.Timed, 1_000, 1_000));
        Assert.Equal(1, s.Expirations);
        Assert.Equal(0, s.Refreshes);
    }

    [Fact]
    public void A_static_entry_stays_static_when_a_rule_adds_it()
    {
        var s = Store(4);
        Assert.Equal(AddOutcome.Inserted, s.AddEntry(SecureList, M("198.51.100.5"), ListTimeoutKind.Static, 0, 0));
        Assert.Equal(AddOutcome.KeptStatic, s.AddFromRule(SecureList, A("198.51.100.5"), 0, ListTimeoutKind.Timed, 1_000, 10));
        s.ExpireDue(long.MaxValue - 1);
        Assert.True(s.Contains(SecureList, A("198.51.100.5"), 0, long.MaxValue - 1));
        int entry = s.Find(SecureList, A("198.51.100.5"), 0);
        Assert.Equal(ListTimeoutKind.Static, s.KindOf(entry));
    }

    [Fact]
    public void None_dynamic_never_expires_and_none_static_from_a_rule_is_static()
    {
        var s = Store(4);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.NoneDynamic, 0, 0);
        s.AddFromRule(KnockList, A("10.0.0.2"), 0, ListTimeoutKind.Static, 0, 0);
        s.ExpireDue(Capacity.MaxListTimeoutMs * 10);
        Assert.Equal(2, s.Count);
        Assert.Equal(ListTimeoutKind.NoneDynamic, s.KindOf(s.Find(KnockList, A("10.0.0.1"), 0)));
        Assert.Equal(ListTimeoutKind.Static, s.KindOf(s.Find(KnockList, A("10.0.0.2"), 0)));
    }

    [Fact]
    public void A_manual_add_of_an_existing_entry_fails_and_changes_nothing()
    {
        var s = Store(4);
        s.AddEntry(KnockList, M("10.0.0.1"), ListTimeoutKind.Timed, 5_000, 0);
        Assert.Equal(AddOutcome.AlreadyExists, s.AddEntry(KnockList, M("10.0.0.1"), ListTimeoutKind.Static, 0, 1));
        Assert.Equal(5_000, s.ExpiresAtMs(s.Find(KnockList, A("10.0.0.1"), 0)));
        s.AddEntry(KnockList, M("10.0.0.0/24"), ListTimeoutKind.Static, 0, 0);
        Assert.Equal(AddOutcome.AlreadyExists, s.AddEntry(KnockList, M("10.0.0.7/24"), ListTimeoutKind.Static, 0, 0));
    }

    [Fact]
    public void The_same_address_in_two_lists_is_two_entries()
    {
        var s = Store(4);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0);
        Assert.False(s.Contains(SecureList, A("10.0.0.1"), 0, 0));
        s.AddFromRule(SecureList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 5_000, 0);
        Assert.Equal(2, s.Count);
    }

    [Theory]
    [InlineData("10.1.0.0/16", "10.1.0.0", true)]
    [InlineData("10.1.0.0/16", "10.1.255.255", true)]
    [InlineData("10.1.0.0/16", "10.2.0.0", false)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.5", true)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.9", true)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.10", false)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.4", false)]
    public void Prefix_and_range_entries_cover_their_addresses(string entry, string address, bool inside)
    {
        var s = Store(2);
        s.AddEntry(KnockList, M(entry), ListTimeoutKind.Static, 0, 0);
        Assert.Equal(inside, s.Contains(KnockList, A(address), 0, 0));
        Assert.False(s.Contains(SecureList, A(address), 0, 0));
    }

    [Fact]
    public void Range_entries_expire_and_their_section_has_a_capacity()
    {
        var s = Store(2, ranges: 1);
        s.AddEntry(KnockList, M("10.0.0.0/8"), ListTimeoutKind.Timed, 1_000, 0);
        Assert.Equal(AddOutcome.Refused, s.AddEntry(KnockList, M("11.0.0.0/8"), ListTimeoutKind.Static, 0, 0));
        s.ExpireDue(1_000);
        Assert.Equal(0, s.RangeCount);
        Assert.Equal(AddOutcome.Inserted, s.AddEntry(KnockList, M("11.0.0.0/8"), ListTimeoutKind.Static, 0, 1_000));
        Assert.True(s.Remove(KnockList, M("11.0.0.0/8")));
        Assert.False(s.Contains(KnockList, A("11.1.1.1"), 0, 1_000));
    }

    [Fact]
    public void A_store_of_capacity_zero_refuses_every_add()
    {
        var s = Store(0, ranges: 0);
        Assert.Equal(AddOutcome.Refused, s.AddFromRule(SecureList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0));
        Assert.False(s.Contains(SecureList, A("10.0.0.1"), 0, 0));
        Assert.Equal(1, s.Refusals);
    }

    [Fact]
    public void When_full_the_entry_closest_to_expiry_of_a_non_granting_list_goes_first()
    {
        var s = Store(3);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 30_000, 0);
        s.AddFromRule(KnockList, A("10.0.0.2"), 0, ListTimeoutKind.Timed, 10_000, 0);   // expires first
        s.AddFromRule(SecureList, A("10.0.0.3"), 0, ListTimeoutKind.Timed, 1_000, 0);   // granting: kept though sooner
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(KnockList, A("10.0.0.4"), 0, ListTimeoutKind.Timed, 60_000, 0));
        Assert.False(s.Contains(KnockList, A("10.0.0.2"), 0, 0));
        Assert.True(s.Contains(SecureList, A("10.0.0.3"), 0, 0));
        Assert.Equal(1, s.Evictions);
        Assert.Equal(3, s.Count);
    }

    [Fact]
    public void None_dynamic_entries_go_after_timed_ones_of_their_class()
    {
        var s = Store(2);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.NoneDynamic, 0, 0);
        s.AddFromRule(KnockList, A("10.0.0.2"), 0, ListTimeoutKind.Timed, Capacity.MaxListTimeoutMs, 0);
        s.AddFromRule(KnockList, A("10.0.0.3"), 0, ListTimeoutKind.Timed, 1, 0);
        Assert.True(s.Contains(KnockList, A("10.0.0.1"), 0, 0));
        Assert.False(s.Contains(KnockList, A("10.0.0.2"), 0, 0));
    }

    [Fact]
    public void Granting_entries_are_evicted_only_for_granting_lists()
    {
        var s = Store(2);
        s.AddFromRule(SecureList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 60_000, 0);
        s.AddFromRule(SecureList, A("10.0.0.2"), 0, ListTimeoutKind.Timed, 30_000, 0);
        // A flood of knocks cannot push granted hosts out.
        Assert.Equal(AddOutcome.Refused, s.AddFromRule(KnockList, A("10.9.9.9"), 0, ListTimeoutKind.Timed, 60_000, 0));
        Assert.Equal(1, s.Refusals);
        // A newly granted host displaces the granted entry closest to expiry.
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(SecureList, A("10.0.0.3"), 0, ListTimeoutKind.Timed, 60_000, 0));
        Assert.False(s.Contains(SecureList, A("10.0.0.2"), 0, 0));
        Assert.True(s.Contains(SecureList, A("10.0.0.1"), 0, 0));
        Assert.Equal(1, s.Evictions);
    }

    [Fact]
    public void Static_entries_are_never_evicted()
    {
        var s = Store(1);
        s.AddEntry(KnockList, M("10.0.0.1"), ListTimeoutKind.Static, 0, 0);
        Assert.Equal(AddOutcome.Refused, s.AddFromRule(SecureList, A("10.0.0.2"), 0, ListTimeoutKind.Timed, 1_000, 0));
        Assert.True(s.Contains(KnockList, A("10.0.0.1"), 0, 0));
    }

    [Fact]
    public void Grant_flags_cannot_change_under_live_entries()
    {
        var s = Store(2);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0);
        Assert.Throws<InvalidOperationException>(() => s.SetGrantsAccess(KnockList, true));
    }

    [Fact]
    public void Ipv6_entries_are_found_by_all_four_words()
    {
        var s = Store(4, family: Family.Ipv6);
        var a = M("2001:db8::1", Family.Ipv6).Low;
        var b = M("2001:db8::1:0:0:1", Family.Ipv6).Low;
        s.AddFromRule(KnockList, a, 0, ListTimeoutKind.Timed, 1_000, 0);
        Assert.True(s.Contains(KnockList, a, 0, 0));
        Assert.False(s.Contains(KnockList, b, 0, 0));
        s.AddEntry(KnockList, M("2001:db8:1::/48", Family.Ipv6), ListTimeoutKind.Static, 0, 0);
        Assert.True(s.Contains(KnockList, M("2001:db8:1:ffff::9", Family.Ipv6).Low, 0, 0));
    }

    [Fact]
    public void Clear_empties_the_store_and_its_counters()
    {
        var s = Store(2);
        s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0);
        s.AddEntry(KnockList, M("10.1.0.0/16"), ListTimeoutKind.Static, 0, 0);
        s.Clear();
        Assert.Equal(0, s.Count);
        Assert.Equal(0, s.RangeCount);
        Assert.Equal(0, s.Inserts);
        Assert.Equal(AddOutcome.Inserted, s.AddFromRule(KnockList, A("10.0.0.1"), 0, ListTimeoutKind.Timed, 1_000, 0));
    }

    // The hash with backward-shift deletion, the heaps and the free list against a dictionary model:
    // thousands of adds, refreshes, removals and expiries over few addresses, so probe runs collide.
    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 16)]
    [InlineData(3, 64)]
    public void Random_operations_agree_with_a_plain_model(int seed, int capacity)
    {
        var random = new Random(seed);
        var s = Store(capacity, ranges: 0);
        var model = new Dictionary<(int List, uint Address), long>();   // expiry ms
        long now = 0;
        for (int step = 0; step < 20_000; step++)
        {
            now += random.Next(0, 50);
            int list = random.Next(2);
            uint address = (uint)random.Next(capacity * 2);
            var key = (list, address);
            foreach (var k in model.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToList()) model.Remove(k);
            int op = random.Next(10);
            if (op < 6)
            {
                long timeout = random.Next(1, 2_000);
                var outcome = s.AddFromRule(list, new[] { address }, 0, ListTimeoutKind.Timed, timeout, now);
                if (outcome == AddOutcome.Refreshed) Assert.True(model.ContainsKey(key));
                if (outcome == AddOutcome.Inserted || outcome == AddOutcome.Refreshed)
                {
                    if (outcome == AddOutcome.Inserted && model.Count == capacity && !model.ContainsKey(key))
                    {
                        // The store evicted the soonest-expiring entry of the allowed class; mirror it.
                        var victims = model.Where(kv => kv.Key.List == KnockList).ToList();
                        if (victims.Count == 0) victims = model.ToList();
                        long soonest = victims.Min(kv => kv.Value);
                        var gone = model.Keys.Where(k => !s.Contains(k.List, new[] { k.Address }, 0, now)).ToList();
                        Assert.Single(gone);
                        Assert.Equal(soonest, model[gone[0]]);
                        model.Remove(gone[0]);
                    }
                    model[key] = now + timeout;
                }
                else
                {
                    Assert.Equal(AddOutcome.Refused, outcome);
                    Assert.Equal(KnockList, list);
                    Assert.DoesNotContain(model.Keys, k => k.List == KnockList);
                }
            }
            else if (op < 8)
            {
                bool removed = s.Remove(list, AddressMatch.OfAddress(Family.Ipv4, new[] { address }));
                bool present = model.Remove(key);
                Assert.Equal(present, removed && present);
            }
            else
            {
                s.ExpireDue(now);
                Assert.Equal(model.Count, s.Count);
                foreach (var k in model.Keys) Assert.True(s.Contains(k.List, new[] { k.Address }, 0, now));
            }
            Assert.Equal(model.ContainsKey(key), s.Contains(list, new[] { address }, 0, now));
        }
    }
}
