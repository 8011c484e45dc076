// What a compiled table costs on the heap while it is being swapped in: the old and the new table with
// their address-list stores are alive together for a moment, and the package itself is in memory
// (an upload buffer, or the reader's result). Checked against a board's heap budget.
using Gateway.Core.AddressLists;
using Gateway.Core.MatchState;
using Gateway.Core.Model;
using Gateway.Core.Tables;

namespace Gateway.Core.Compiler
{
    /// <summary>Heap bytes a table needs on a device (array elements; object headers add a little).</summary>
    public static class MemoryEstimate
    {
        /// <summary>Rule arrays plus both families' address-list stores.</summary>
        public static int TableAndLists(Table table)
        {
            return table.TableBytes
                + AddressListStore.BytesFor(Family.Ipv4, table.Ipv4Lists.Capacity, table.Ipv4Lists.RangeCapacity, table.Ipv4Lists.ListCount)
                + AddressListStore.BytesFor(Family.Ipv6, table.Ipv6Lists.Capacity, table.Ipv6Lists.RangeCapacity, table.Ipv6Lists.ListCount);
        }

        /// <summary>Rule arrays of one family filled to its capacities (each rule with three port matchers),
        /// the same element sizes as <see cref="FilterTable.ArrayBytes"/>.</summary>
        public static int RulesAtCapacity(TableLimits l, Family family)
        {
            int words = AddressWords.Of(family);
            return l.MaxRules * FilterTable.RuleBytes + l.MaxChains * 13 + l.MaxRules * 3 * 8 + l.MaxPortRanges * 4
                + l.MaxAddressMatchers * words * 8 + l.MaxLists * 4 + DecisionIndex.BytesAtCapacity(l.MaxRules, l.MaxChains);
        }

        /// <summary>The psd detectors and rate limiters at the given capacity, each as large as an IPv6 one.</summary>
        public static int DetectorsAtCapacity(TableLimits l)
        {
            return l.MaxPsdRules * (4 + PortScanDetector.Bytes(Family.Ipv6))
                + l.MaxLimitRules * (4 + RateLimiter.Bytes(Family.Ipv6, DstLimitMode.SrcAndDstAddressAndPort));
        }

        /// <summary>Both families' address-list stores at the given capacities.</summary>
        public static int ListsAtCapacity(TableLimits l)
        {
            return AddressListStore.BytesFor(Family.Ipv4, l.Ipv4ListEntries, l.ListRangeEntries, l.MaxLists)
                + AddressListStore.BytesFor(Family.Ipv6, l.Ipv6ListEntries, l.ListRangeEntries, l.MaxLists);
        }

        /// <summary>Peak during a swap at full capacity: two of everything, plus the largest package.</summary>
        public static int PeakAtCapacity(TableLimits l, int maxPackageBytes)
        {
            return 2 * (RulesAtCapacity(l, Family.Ipv4) + RulesAtCapacity(l, Family.Ipv6) + ListsAtCapacity(l) + DetectorsAtCapacity(l)) + maxPackageBytes;
        }

        /// <summary>Peak during a swap: two tables with their lists, plus the package bytes.</summary>
        public static int PeakDuringSwap(Table table, int packageBytes)
        {
            return 2 * TableAndLists(table) + packageBytes;
        }
    }
}
