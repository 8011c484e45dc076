// Measures what an address-list entry costs on the heap, the figure docs/memory.md states, by building
// stores of two sizes and dividing the difference in allocated bytes.
using Xunit.Abstractions;

namespace Gateway.Core.Tests;

[Collection(AllocationGroup.Name)]
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

// What a compiled table says it costs (FilterTable.ArrayBytes, DecisionIndex.Bytes, SourceGate.Bytes: the heap
// budget's figures) against the arrays it holds, counted by reflection: each array's length times its element
// size on the device (references 4 bytes), through the objects it holds (detectors, limiters, the index, the gate).
public class TableBytesTests
{
    private static int ElementSize(Type t) => t == typeof(bool) || t == typeof(byte) || t == typeof(sbyte) ? 1
        : t == typeof(short) || t == typeof(ushort) || t == typeof(char) ? 2
        : t == typeof(long) || t == typeof(ulong) || t == typeof(double) ? 8
        : 4;   // int, uint, float, and references (32-bit pointers on the board)

    private static bool IsCoreObject(Type t) => t.IsClass && t.Namespace != null && t.Namespace.StartsWith("Gateway.Core", StringComparison.Ordinal);

    private static long ArrayBytesOf(object o)
    {
        long bytes = 0;
        foreach (var f in o.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
        {
            object? value = f.GetValue(o);
            if (value is Array a)
            {
                Type element = a.GetType().GetElementType()!;
                bytes += (long)a.Length * ElementSize(element);
                if (IsCoreObject(element)) foreach (object? item in a) if (item != null) bytes += ArrayBytesOf(item);
            }
            else if (value != null && IsCoreObject(f.FieldType) && f.FieldType != typeof(Gateway.Core.Tables.FilterTable)) bytes += ArrayBytesOf(value);
        }
        return bytes;
    }

    public static TheoryData<string> RuleSets => new() { "seed", "wide" };

    private static Gateway.Core.Tables.Table Compiled(string name)
    {
        var rules = Build.SeedRecipe();
        if (name == "wide")
        {
            for (int i = 0; i < 40; i++) rules.Filter($"chain=input protocol=tcp dst-port={20000 + i},{30000 + i}-{30010 + i} src-address=198.51.{100 + i / 250}.{i % 250 + 1} action=accept");
            for (int i = 0; i < 10; i++) rules.Filter($"chain=input protocol=udp src-port={1000 + i} src-address-list=list{i} action=drop");
            rules.Filter("chain=input protocol=icmp limit=50/1s,5:packet dst-limit=5,10,src-address/1m40s action=accept");
            rules.Filter("chain=input protocol=tcp psd=21,3s,3,1 action=drop");
            rules.Filter("chain=input protocol=udp psd=21,3s,3,1 action=drop", Family.Ipv6);
            rules.Filter("chain=input protocol=tcp dst-port=80 src-address=2001:db8::/48 action=accept", Family.Ipv6);
        }
        return Build.Compile(rules, new Gateway.Core.Tables.TableLimits { MaxRules = 256, MaxPortRanges = 512, MaxAddressMatchers = 256 });
    }

    [Theory]
    [MemberData(nameof(RuleSets))]
    public void A_table_costs_what_its_arrays_hold(string name)
    {
        var table = Compiled(name);
        foreach (var t in new[] { table.Ipv4, table.Ipv6 })
        {
            Assert.Equal(ArrayBytesOf(t.Index.Gate), t.Index.Gate.Bytes);
            Assert.Equal(ArrayBytesOf(t.Index), t.Index.Bytes);
            Assert.Equal(ArrayBytesOf(t), t.ArrayBytes);
        }
    }

    // The board's heap plan (MemoryEstimate.RulesAtCapacity) counts an index at its capacities: the largest index
    // IndexBuilder may make (its candidate and interval budgets) with every rule gated by source.
    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(128, 8)]
    [InlineData(10000, 32)]
    public void An_index_at_its_budgets_costs_what_the_heap_plan_counts(int rules, int chains)
    {
        var gate = new Gateway.Core.Tables.SourceGate(rules);
        var index = new Gateway.Core.Tables.DecisionIndex(chains, Gateway.Core.Tables.DecisionIndex.MaxIntervals(chains, rules),
            Gateway.Core.Tables.DecisionIndex.CandidatesPerRule * rules, gate);
        Assert.Equal(ArrayBytesOf(gate), Gateway.Core.Tables.SourceGate.BytesAtCapacity(rules));
        Assert.Equal(ArrayBytesOf(index), Gateway.Core.Tables.DecisionIndex.BytesAtCapacity(rules, chains));
        Assert.Equal(index.Bytes, Gateway.Core.Tables.DecisionIndex.BytesAtCapacity(rules, chains));
    }
}
