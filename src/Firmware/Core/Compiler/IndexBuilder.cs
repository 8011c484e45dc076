// Builds a table's DecisionIndex on the device, after the rules are laid out. For each chain and protocol
// class: the enabled rules whose protocol matcher can hold for the class; for TCP and UDP, the destination
// ports cut into intervals at every bound of those rules' (plain, not negated) dst-port ranges, each interval
// keeping the rules without such a matcher and those whose ranges hold it; neighbouring intervals with the
// same rules merge. Every rule a packet could match stays a candidate, in rule order, so the first terminal
// match (and every stateful matcher's order) is what the unindexed chain gives.
using Gateway.Core.Tables;

namespace Gateway.Core.Compiler
{
    internal static class IndexBuilder
    {
        private const int PortSpace = 65536;

        /// <param name="table">A filled table (rules, chains, port sets).</param>
        /// <param name="disabled">By table-wide rule index: disabled rules are never candidates (not changed).</param>
        public static DecisionIndex Build(FilterTable table, bool[] disabled)
        {
            // Gated rules are found by source address, not listed in port intervals: from here on they count
            // as absent, like disabled ones.
            bool[] absent = new bool[table.RuleCount];
            SourceGate gate = SourceGateBuilder.Build(table, disabled, absent);
            for (int rule = 0; rule < table.RuleCount; rule++) absent[rule] |= disabled[rule];

            int buckets = table.ChainCount * DecisionIndex.Classes;
            // What each bucket costs unsplit: the reserve that keeps every later bucket within the budget.
            int[] whole = new int[buckets];
            int reserve = 0;
            for (int b = 0; b < buckets; b++)
            {
                whole[b] = CountFitting(table, absent, b / DecisionIndex.Classes, b % DecisionIndex.Classes);
                reserve += whole[b];
            }
            int budget = DecisionIndex.CandidatesPerRule * (table.RuleCount > 0 ? table.RuleCount : 1);
            int maxIntervals = DecisionIndex.MaxIntervals(table.ChainCount, table.RuleCount);
            int[] bucketFirst = new int[buckets + 1];
            int[] settled = new int[buckets];
            ushort[] lows = new ushort[maxIntervals];
            int[] firsts = new int[maxIntervals + 1];
            short[] candidates = new short[budget];
            int[] cuts = new int[2 * table.PortLow.Length + 1];
            int intervals = 0, used = 0;

            for (int b = 0; b < buckets; b++)
            {
                int chain = b / DecisionIndex.Classes, protocolClass = b % DecisionIndex.Classes;
                bucketFirst[b] = intervals;
                reserve -= whole[b];
                int cutCount = protocolClass == DecisionIndex.ClassOther ? 1 : Cuts(table, absent, chain, protocolClass, cuts);
                // Over either budget (what this split takes, with one interval and every rule kept for each later bucket): unsplit.
                if (cutCount > 1 && (intervals + cutCount + (buckets - b - 1) > maxIntervals
                    || used + SplitSize(table, absent, chain, protocolClass, cuts, cutCount) + reserve > budget)) cutCount = 1;
                if (cutCount <= 1) cuts[0] = 0;
                if (protocolClass != DecisionIndex.ClassOther) settled[b] = MatchBits.Protocol | (cutCount > 1 ? MatchBits.DstPort | MatchBits.DstPortRange : 0);
                for (int i = 0; i < cutCount; i++)
                {
                    int start = used;
                    int first = table.ChainFirstRule[chain];
                    int end = first + table.ChainRuleCount[chain];
                    for (int rule = first; rule < end; rule++)
                        if (Fits(table, absent, rule, protocolClass) && (cutCount == 1 || HoldsPort(table, rule, cuts[i])))
                            candidates[used++] = (short)rule;
                    if (i > 0 && Same(candidates, firsts[intervals - 1], start, start, used))
                    {
                        used = start;   // the same rules as the interval below: one interval
                        continue;
                    }
                    lows[intervals] = (ushort)cuts[i];
                    firsts[intervals++] = start;
                }
            }
            bucketFirst[buckets] = intervals;
            firsts[intervals] = used;

            DecisionIndex index = new DecisionIndex(table.ChainCount, intervals, used, gate);
            for (int b = 0; b <= buckets; b++) index.BucketFirst[b] = (ushort)bucketFirst[b];
            for (int b = 0; b < buckets; b++) index.Settled[b] = settled[b];
            for (int i = 0; i < intervals; i++) index.IntervalLow[i] = lows[i];
            for (int i = 0; i <= intervals; i++) index.IntervalFirst[i] = (ushort)firsts[i];
            for (int i = 0; i < used; i++) index.Candidates[i] = candidates[i];
            MarkNamedBlocks(table, index.NamedBlocks);
            int quiet = QuietPort(index.NamedBlocks);
            for (int b = 0; b < buckets; b++)
                index.QuietInterval[b] = (ushort)(quiet < 0 ? bucketFirst[b] : index.SearchInterval(b, quiet));
            return index;
        }

        // Sets the block bit of every port any rule's plain dst-port names (all rules, a superset of the cuts:
        // a set bit only costs a search).
        private static void MarkNamedBlocks(FilterTable t, int[] blocks)
        {
            for (int rule = 0; rule < t.RuleCount; rule++)
            {
                int set = PlainDstPorts(t, rule);
                if (set == FilterTable.NoIndex) continue;
                int first = t.PortSetFirst[set], last = first + t.PortSetLength[set];
                for (int i = first; i < last; i++)
                    for (int block = t.PortLow[i] >> DecisionIndex.BlockBits; block <= t.PortHigh[i] >> DecisionIndex.BlockBits; block++)
                        blocks[block >> 5] |= 1 << (block & 31);
            }
        }

        // The first port of a block no rule names, or -1 when every block is named.
        private static int QuietPort(int[] blocks)
        {
            for (int block = 0; block < DecisionIndex.BlockWords * 32; block++)
                if ((blocks[block >> 5] & (1 << (block & 31))) == 0) return block << DecisionIndex.BlockBits;
            return -1;
        }

        // Candidates of a bucket split at the cuts, before neighbours merge (an upper bound of what it takes).
        private static int SplitSize(FilterTable t, bool[] absent, int chain, int protocolClass, int[] cuts, int cutCount)
        {
            int n = 0;
            int end = t.ChainFirstRule[chain] + t.ChainRuleCount[chain];
            for (int rule = t.ChainFirstRule[chain]; rule < end; rule++)
            {
                if (!Fits(t, absent, rule, protocolClass)) continue;
                if (PlainDstPorts(t, rule) == FilterTable.NoIndex) { n += cutCount; continue; }
                for (int i = 0; i < cutCount; i++) if (HoldsPort(t, rule, cuts[i])) n++;
            }
            return n;
        }

        private static int CountFitting(FilterTable t, bool[] absent, int chain, int protocolClass)
        {
            int n = 0;
            int end = t.ChainFirstRule[chain] + t.ChainRuleCount[chain];
            for (int rule = t.ChainFirstRule[chain]; rule < end; rule++) if (Fits(t, absent, rule, protocolClass)) n++;
            return n;
        }

        // A rule neither disabled nor gated whose protocol matcher can hold for a packet of the class.
        private static bool Fits(FilterTable t, bool[] absent, int rule, int protocolClass)
        {
            if (absent[rule]) return false;
            if ((t.Match[rule] & MatchBits.Protocol) == 0) return true;
            int protocol = t.Protocol[rule];
            bool negated = (t.Negate[rule] & MatchBits.Protocol) != 0;
            int ruleClass = DecisionIndex.ClassOf(protocol);
            if (!negated) return ruleClass == protocolClass;
            // protocol=!P: every packet but P's; P alone fills TCP's or UDP's class, never the other class.
            return protocolClass == DecisionIndex.ClassOther || ruleClass != protocolClass;
        }

        // The rule's plain (not negated) dst-port set, or NoIndex.
        private static int PlainDstPorts(FilterTable t, int rule)
        {
            int bits = MatchBits.DstPort | MatchBits.DstPortRange;
            if ((t.Match[rule] & bits) == 0 || (t.Negate[rule] & bits) != 0) return FilterTable.NoIndex;
            return t.DstPorts[rule];
        }

        private static bool HoldsPort(FilterTable t, int rule, int port)
        {
            int set = PlainDstPorts(t, rule);
            return set == FilterTable.NoIndex || t.InPortSet(set, port);
        }

        // Every interval's lowest port for the class's rules of the chain, ascending and distinct, 0 first.
        private static int Cuts(FilterTable t, bool[] absent, int chain, int protocolClass, int[] cuts)
        {
            int n = 0;
            cuts[n++] = 0;
            int end = t.ChainFirstRule[chain] + t.ChainRuleCount[chain];
            for (int rule = t.ChainFirstRule[chain]; rule < end; rule++)
            {
                if (!Fits(t, absent, rule, protocolClass)) continue;
                int set = PlainDstPorts(t, rule);
                if (set == FilterTable.NoIndex) continue;
                int first = t.PortSetFirst[set], last = first + t.PortSetLength[set];
                for (int i = first; i < last; i++)
                {
                    n = AddCut(cuts, n, t.PortLow[i]);
                    if (t.PortHigh[i] + 1 < PortSpace) n = AddCut(cuts, n, t.PortHigh[i] + 1);
                }
            }
            return n;
        }

        // Inserts a cut into the sorted prefix cuts[0, n), unless it is there; returns the new count.
        private static int AddCut(int[] cuts, int n, int cut)
        {
            int at = n;
            while (at > 0 && cuts[at - 1] > cut) at--;
            if (at > 0 && cuts[at - 1] == cut) return n;
            for (int i = n; i > at; i--) cuts[i] = cuts[i - 1];
            cuts[at] = cut;
            return n + 1;
        }

        private static bool Same(short[] a, int firstStart, int firstEnd, int secondStart, int secondEnd)
        {
            if (firstEnd - firstStart != secondEnd - secondStart) return false;
            for (int i = 0; i < firstEnd - firstStart; i++) if (a[firstStart + i] != a[secondStart + i]) return false;
            return true;
        }
    }
}
