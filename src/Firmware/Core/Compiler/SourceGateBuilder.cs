// Chooses the rules a table's SourceGate holds and lays it out: enabled rules with a plain (not negated)
// src-address whose range spans at most SourceGate.MaxBlocksPerRange blocks, except those whose range overlaps
// another chosen rule's different range (a source must find all its rules in one group). Rules that share a
// range exactly form one group. The rest stay in the port intervals, as before.
using Gateway.Core.Model;
using Gateway.Core.Tables;

namespace Gateway.Core.Compiler
{
    internal static class SourceGateBuilder
    {
        /// <param name="t">A filled table.</param>
        /// <param name="disabled">By rule: disabled rules are never gated (nor candidates anywhere).</param>
        /// <param name="gated">Filled by rule: true for the rules the gate holds.</param>
        public static SourceGate Build(FilterTable t, bool[] disabled, bool[] gated)
        {
            int words = t.Words;
            short[] order = new short[t.RuleCount];
            int n = 0;
            for (int rule = 0; rule < t.RuleCount; rule++)
            {
                if (disabled[rule] || (t.Match[rule] & MatchBits.SrcAddress) == 0 || (t.Negate[rule] & MatchBits.SrcAddress) != 0) continue;
                int range = t.SrcAddress[rule];
                if (SourceGate.BlockOf(t.AddressHigh, range * words, words) - SourceGate.BlockOf(t.AddressLow, range * words, words) >= SourceGate.MaxBlocksPerRange) continue;
                // Insertion by (low, high, rule): rules arrive in rule order, so equal ranges keep it.
                int at = n++;
                while (at > 0 && Compare(t, t.SrcAddress[order[at - 1]], range) > 0)
                {
                    order[at] = order[at - 1];
                    at--;
                }
                order[at] = (short)rule;
            }

            // Groups of equal ranges; a group overlapping an earlier one (its low at or below the highest high
            // before it) or the next one (its high at or above the next low) is dropped with it.
            bool[] keep = new bool[n];
            int kept = 0;
            int highest = -1;   // the range with the highest high among earlier groups
            int first = 0;
            while (first < n)
            {
                int range = t.SrcAddress[order[first]];
                int end = first + 1;
                while (end < n && Compare(t, t.SrcAddress[order[end]], range) == 0) end++;
                bool overlapsEarlier = highest >= 0 && AddressWords.Compare(t.AddressLow, range * words, t.AddressHigh, highest * words, words) <= 0;
                bool overlapsNext = end < n && AddressWords.Compare(t.AddressHigh, range * words, t.AddressLow, t.SrcAddress[order[end]] * words, words) >= 0;
                if (!overlapsEarlier && !overlapsNext)
                {
                    for (int i = first; i < end; i++) keep[i] = true;
                    kept += end - first;
                }
                if (highest < 0 || AddressWords.Compare(t.AddressHigh, range * words, t.AddressHigh, highest * words, words) > 0) highest = range;
                first = end;
            }

            SourceGate gate = new SourceGate(kept);
            int k = 0;
            for (int i = 0; i < n; i++)
            {
                if (!keep[i]) continue;
                int rule = order[i];
                gate.Rules[k++] = (short)rule;
                gated[rule] = true;
                int range = t.SrcAddress[rule];
                long last = SourceGate.BlockOf(t.AddressHigh, range * words, words);
                for (long block = SourceGate.BlockOf(t.AddressLow, range * words, words); block <= last; block++)
                {
                    int bit = SourceGate.BitOf(block);
                    gate.Map[bit >> 5] |= 1 << (bit & 31);
                }
            }
            return gate;
        }

        // Orders two address ranges by low bound, then high bound.
        private static int Compare(FilterTable t, int a, int b)
        {
            int words = t.Words;
            int low = AddressWords.Compare(t.AddressLow, a * words, t.AddressLow, b * words, words);
            return low != 0 ? low : AddressWords.Compare(t.AddressHigh, a * words, t.AddressHigh, b * words, words);
        }
    }
}
