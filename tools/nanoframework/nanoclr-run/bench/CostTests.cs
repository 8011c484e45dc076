// nanoCLR side of the cost bench (see CostLoop.cs). Two figures per region, from one run:
// - IL instructions (nanoCLR built with il-count.patch prints its count before each line): each region runs
//   once with N decisions and once with none; run.sh takes (count over N - count over none) / N and subtracts
//   the harness's figure (the same loop calling a method that decides nothing) from the engines'.
// - nanoseconds: each region is timed with DateTime.UtcNow around its loop, in Repetitions interleaved rounds
//   after a warm-up of the same kind; this file prints the median less the harness's median ("COST ns" lines).
//   Figures taken on the counting build run a little slow: run.sh times on the unpatched nanoCLR.
// The seed table and the hand-written check run on each kind of packet; the rule-count runs (fillers of one
// kind in front of the seed) and list-size runs (sources granted before) on the mix of the four kinds.
using System;
using Gateway.Core.Engine;
using nanoFramework.TestFramework;

namespace Gateway.Bench
{
    [TestClass]
    public class CostTests
    {
        private const int N = 2000;
#if ONE_ROUND
        internal const int Repetitions = 1;   // under callgrind (run.sh, CALLGRIND=1): counts repeat exactly
#else
        internal const int Repetitions = 3;
#endif
        private static readonly string[] s_kinds = { "scan", "knock", "granted", "other", "mix" };
        private static readonly int[] s_ruleCounts = { 16, 64, 256 };
        private static readonly string[] s_fillerNames = { "port", "source", "srcport" };
        private static readonly int[] s_listSources = { 100, 1000, 1700 };

        [TestMethod]
        public void Instructions_per_decision()
        {
            FilterEngine table = CostLoop.Engine(false);
            CostLoop.Grant(table);
            HandWrittenCheck hand = new HandWrittenCheck();
            hand.Grant();
            FilterEngine wide = CostLoop.Engine(true);
            CostLoop.Grant(wide);
            for (int k = 0; k < s_kinds.Length; k++)
            {
                string kind = s_kinds[k];
                CostLoop.Prepare(kind, N);
                long[] harness = new long[Repetitions], tableNs = new long[Repetitions], handNs = new long[Repetitions], wideNs = new long[Repetitions];
                for (int rep = 0; rep < Repetitions; rep++)
                {
                    harness[rep] = Measured("harness." + kind, null, null, rep);
                    tableNs[rep] = Measured("table." + kind, table, null, rep);
                    handNs[rep] = Measured("handwritten." + kind, null, hand, rep);
                    wideNs[rep] = Measured("table256." + kind, wide, null, rep);
                }
                int a = CostLoop.Run(table, N), b = hand.Run(N), c = CostLoop.Run(wide, N);
                Console.WriteLine("COST accepted " + kind + " table=" + a + " handwritten=" + b + " table256=" + c + " of " + N);
                Assert.AreEqual(a, b, kind + ": the hand-written check decides as the table does");
                Assert.AreEqual(a, c, kind + ": 256 rules decide as the seed does");
                long h = Median(harness);
                Ns("table." + kind, tableNs, h);
                Ns("handwritten." + kind, handNs, h);
                Ns("table256." + kind, wideNs, h);
            }
        }

        [TestMethod]
        public void Rule_count_and_list_size()
        {
            // Each run on an engine of its own, the sources' knocks granted before (1,000 sources: two entries each).
            CostLoop.Prepare("mix", N);
            FilterEngine seed = CostLoop.Engine(0, CostLoop.Mixed, 4096);
            CostLoop.Grant(seed);
            Scaling("rules.none.4.mix", seed);
            for (int f = 0; f < s_fillerNames.Length; f++)
            {
                for (int r = 0; r < s_ruleCounts.Length; r++)
                {
                    int rules = s_ruleCounts[r];
                    FilterEngine engine = CostLoop.Engine(rules - 4, f, 4096);
                    CostLoop.Grant(engine);
                    Scaling("rules." + s_fillerNames[f] + "." + rules + ".mix", engine);
                }
            }
            // List size: the first steps and grants of this many sources (two entries each), and the first steps
            // the mix's knocks add (a quarter of its packets, from as many sources as there are, 500 at most).
            int sources = CostLoop.Sources;
            for (int l = 0; l < s_listSources.Length; l++)
            {
                int s = s_listSources[l];
                CostLoop.Sources = s;
                FilterEngine engine = CostLoop.Engine(0, CostLoop.Mixed, 4096);
                CostLoop.Grant(engine);
                CostLoop.Prepare("mix", N);
                int entries = 2 * s + (s < N / 4 ? s : N / 4);
                Scaling("lists." + entries + ".mix", engine);
                Assert.AreEqual(entries, engine.Table.Ipv4Lists.Count, "the lists hold what the figure's name says");
            }
            CostLoop.Sources = sources;

            // A first-step flood into a full list: 1,000 sources (four /24s, 10.2.0-3) knocking at a WT32-ETH01's
            // 128 IPv4 entries, so most decisions evict (the flood-fair choice of NetworkCounts over the expiry heap's
            // first entries), as a board's engine does under the virtual board's 20,000-source flood (80 /24s there:
            // the crowding differs, the work per eviction does not).
            CostLoop.Prepare("knock", N);
            FilterEngine full = CostLoop.Engine(0, CostLoop.Mixed, 128);
            long[] fullHarness = new long[Repetitions], fullNs = new long[Repetitions];
            for (int rep = 0; rep < Repetitions; rep++)
            {
                fullHarness[rep] = Measured("harness.knock", null, null, rep);
                fullNs[rep] = Measured("flood.128.knock", full, null, rep);
            }
            Ns("flood.128.knock", fullNs, Median(fullHarness));
            long evictions = full.Table.Ipv4Lists.Evictions, refreshes = full.Table.Ipv4Lists.Refreshes;
            CostLoop.Run(full, N);
            long evicted = full.Table.Ipv4Lists.Evictions - evictions;
            Console.WriteLine("COST evicted flood.128.knock " + evicted + " of " + N);
            // A source still listed (its network less crowded than the flood's newest) is refreshed; any other evicts.
            Assert.AreEqual(N, (int)(evicted + full.Table.Ipv4Lists.Refreshes - refreshes), "every first step of the flood evicts or refreshes");
            Assert.IsTrue(evicted > N / 2, "most first steps of the flood evict");
        }

        // A scaling run on the prepared mix: interleaved with the harness, its median less the harness's.
        private static void Scaling(string name, FilterEngine engine)
        {
            long[] harness = new long[Repetitions], ns = new long[Repetitions];
            for (int rep = 0; rep < Repetitions; rep++)
            {
                harness[rep] = Measured("harness.mix", null, null, rep);
                ns[rep] = Measured(name, engine, null, rep);
            }
            Ns(name, ns, Median(harness));
            Assert.AreEqual(N / 4, CostLoop.Run(engine, N), name + ": the mix's granted quarter is accepted, nothing else");
        }

        // One region after a warm-up of the same packets: the table engine, the hand-written check, or (both
        // null) the harness. On the first round the same region also runs with no decisions, for the IL
        // subtraction. Returns the ticks of the N decisions.
        private static long Measured(string name, FilterEngine? engine, HandWrittenCheck? hand, int rep)
        {
            Region(engine, hand, N);
            if (rep == 0) { Begin(name + ".0", 0); Region(engine, hand, 0); End(name + ".0"); }
            Begin(name, N);
            long ticks = Region(engine, hand, N);
            End(name);
            return ticks;
        }

        private static long Region(FilterEngine? engine, HandWrittenCheck? hand, int n)
        {
            long start = DateTime.UtcNow.Ticks;
            if (engine != null) CostLoop.Run(engine, n);
            else if (hand != null) hand.Run(n);
            else CostLoop.Harness(n);
            return DateTime.UtcNow.Ticks - start;
        }

        // "COST ns NAME value": the median region time per decision, less the harness's (ticks are 100 ns).
        private static void Ns(string name, long[] ticks, long harnessTicks)
        {
            long ns = (Median(ticks) - harnessTicks) * 100 / N;
            Console.WriteLine("COST ns " + name + " " + ns);
        }

        internal static long Median(long[] values)
        {
            long[] sorted = new long[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                int j = i;
                while (j > 0 && sorted[j - 1] > values[i]) { sorted[j] = sorted[j - 1]; j--; }
                sorted[j] = values[i];
            }
            return sorted[sorted.Length / 2];
        }

        // The same concatenation for every region and pass: its IL cancels in the subtraction.
        internal static void Begin(string name, int n) { Console.WriteLine("COST begin " + name + " n=" + n); }

        internal static void End(string name) { Console.WriteLine("COST end " + name); }
    }
}
