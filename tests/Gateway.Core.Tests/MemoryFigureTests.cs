// Measures what an address-list entry costs on the heap, the figure docs/memory.md states, by building
// stores of two sizes and dividing the difference in allocated bytes.
using Xunit.Abstractions;

namespace Gateway.Core.Tests;

public class MemoryFigureTests(ITestOutputHelper output)
{
    private static long Allocated(Family family, int capacity, int ranges)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new AddressListStore(family, capacity, ranges, 4));
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData(Family.Ipv4)]
    [InlineData(Family.Ipv6)]
    public void An_entry_costs_what_the_store_says(Family family)
    {
        Allocated(family, 8, 0);   // warm up
        const int Small = 1024, Large = 4096;
        double perEntry = (Allocated(family, Large, 0) - Allocated(family, Small, 0)) / (double)(Large - Small);
        double perRange = (Allocated(family, 16, 1040) - Allocated(family, 16, 16)) / 1024.0;
        output.WriteLine($"{family}: {perEntry} bytes per entry, {perRange} per prefix/range entry");
        Assert.Equal(AddressListStore.EntryBytes(family), perEntry);
        Assert.Equal(AddressListStore.RangeEntryBytes(family), perRange);
    }

    [Theory]
    [InlineData(Family.Ipv4, 128, 16)]
    [InlineData(Family.Ipv4, 176, 16)]
    [InlineData(Family.Ipv6, 24, 8)]
    [InlineData(Family.Ipv6, 1024, 64)]
    public void A_whole_store_costs_what_the_planner_says_at_any_capacity(Family family, int capacity, int ranges)
    {
        Allocated(family, 8, 0);   // warm up
        long empty = Allocated(family, 0, 0);   // the object, its arrays' headers and its fixed floor (the smallest network counts)
        long bytes = Allocated(family, capacity, ranges) - empty;
        long planned = AddressListStore.BytesFor(family, capacity, ranges, 4) - AddressListStore.BytesFor(family, 0, 0, 4);
        Assert.InRange(bytes, planned - 8, planned + 12 * 8);   // element bytes, give or take 8 bytes of padding per array
    }
}
