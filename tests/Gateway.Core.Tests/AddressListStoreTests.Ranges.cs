// Timed prefix and range entries: live from the moment they are added until their timeout, and an expiry
// pass that removes the due ones keeps the others with their own times (regressions, issue 15).

namespace Gateway.Core.Tests;

public partial class AddressListStoreTests
{
    [Fact]
    public void A_timed_range_entry_is_live_from_its_add_until_its_timeout()
    {
        var s = Store(2);
        Assert.Equal(AddOutcome.Inserted, s.AddEntry(KnockList, M("10.0.0.0/8"), ListTimeoutKind.Timed, 5_000, 1_000));
        Assert.True(s.Contains(KnockList, A("10.1.2.3"), 0, 1_000));
        Assert.True(s.Contains(KnockList, A("10.1.2.3"), 0, 5_999));
        Assert.False(s.Contains(KnockList, A("10.1.2.3"), 0, 6_000));
        Assert.Equal(6_000, s.RangeExpiresAtMs(0));
    }

    [Fact]
    public void Expiring_one_range_keeps_the_others_until_their_own_timeout()
    {
        var s = Store(2, ranges: 3);
        s.AddEntry(KnockList, M("10.0.0.0/8"), ListTimeoutKind.Timed, 1_000, 0);
        s.AddEntry(KnockList, M("11.0.0.0/8"), ListTimeoutKind.Timed, 3_000, 0);
        s.AddEntry(KnockList, M("12.0.0.1-12.0.0.9"), ListTimeoutKind.Timed, 2_000, 0);
        s.ExpireDue(1_000);
        Assert.Equal(2, s.RangeCount);
        Assert.False(s.Contains(KnockList, A("10.0.0.1"), 0, 1_000));
        Assert.True(s.Contains(KnockList, A("11.0.0.1"), 0, 1_000));
        Assert.True(s.Contains(KnockList, A("12.0.0.5"), 0, 1_000));
        s.ExpireDue(1_999);
        Assert.Equal(2, s.RangeCount);
        s.ExpireDue(2_000);
        Assert.Equal(1, s.RangeCount);
        Assert.True(s.Contains(KnockList, A("11.0.0.1"), 0, 2_999));
        s.ExpireDue(3_000);
        Assert.Equal(0, s.RangeCount);
        Assert.Equal(3, s.Expirations);
    }
}
