// Address-list entries and forwards are bounded while reading, per family, as rules are: at the limit a
// package loads, one over it is refused with the numbers (regressions of surviving mutants).

namespace Gateway.Core.Tests;

public partial class PackageReaderTests
{
    // Everything(): IPv4 has 3 entries (a prefix, a range, a single) and 2 forwards; IPv6 2 entries and 1 forward.
    private static readonly byte[] EverythingPackage = Build.PackageOf(PackageRoundTripTests.Everything());

    [Fact]
    public void Ipv4_entries_are_bounded_by_the_single_and_range_capacities_together()
    {
        Assert.True(Read(EverythingPackage, new TableLimits { Ipv4ListEntries = 2, ListRangeEntries = 1 }).IsOk);
        var result = Read(EverythingPackage, new TableLimits { Ipv4ListEntries = 1, ListRangeEntries = 1 });
        Assert.Equal(PackageError.OverCapacity, result.Error);
        Assert.Equal("address-list entries", result.What);
        Assert.Equal(3, result.Actual);
        Assert.Equal(2, result.Limit);
        Assert.Equal("address-list entries 3, limit 2", result.Message);
    }

    [Fact]
    public void Ipv6_entries_are_bounded_by_the_ipv6_capacity_not_the_ipv4_one()
    {
        Assert.True(Read(EverythingPackage, new TableLimits { Ipv4ListEntries = 2, Ipv6ListEntries = 1, ListRangeEntries = 1 }).IsOk);
        var result = Read(EverythingPackage, new TableLimits { Ipv4ListEntries = 100, Ipv6ListEntries = 0, ListRangeEntries = 1 });
        Assert.Equal(PackageError.OverCapacity, result.Error);
        Assert.Equal(2, result.Actual);
        Assert.Equal(1, result.Limit);
    }

    [Fact]
    public void Forwards_are_bounded_while_reading()
    {
        Assert.True(Read(EverythingPackage, new TableLimits { MaxForwards = 2 }).IsOk);
        var result = Read(EverythingPackage, new TableLimits { MaxForwards = 1 });
        Assert.Equal(PackageError.OverCapacity, result.Error);
        Assert.Equal("forwards", result.What);
        Assert.Equal(2, result.Actual);
        Assert.Equal(1, result.Limit);
        Assert.Equal((byte)'{', EverythingPackage[result.Offset]);   // points at the forward that is one too many
    }
}
