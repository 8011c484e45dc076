// nanoCLR side of the cost count (see CostLoop.cs). Each measured region runs twice, with N decisions and
// with none, after a warm-up of the same kind: (count over N - count over none) / N is the IL per decision,
// the loop's and the COST lines' own constant cost cancelled exactly.
using System;
using Gateway.Core.Engine;
using nanoFramework.TestFramework;

namespace Gateway.Bench
{
    [TestClass]
    public class CostTests
    {
        private const int N = 2000;
        private static readonly string[] s_kinds = { "scan", "knock", "granted", "other" };

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
                int a = 0, b = 0, c = 0;
                for (int pass = 0; pass < 2; pass++)
                {
                    int n = pass == 0 ? N : 0;
                    string suffix = pass == 0 ? "" : ".0";
                    CostLoop.Run(table, kind, N);   // warm-up: the lists hold what the region will find
                    Begin("table." + kind + suffix);
                    int ta = CostLoop.Run(table, kind, n);
                    End("table." + kind + suffix);
                    hand.Run(kind, N);
                    Begin("handwritten." + kind + suffix);
                    int tb = hand.Run(kind, n);
                    End("handwritten." + kind + suffix);
                    CostLoop.Run(wide, kind, N);
                    Begin("table256." + kind + suffix);
                    int tc = CostLoop.Run(wide, kind, n);
                    End("table256." + kind + suffix);
                    if (pass == 0) { a = ta; b = tb; c = tc; }
                }
                Console.WriteLine("COST accepted " + kind + " table=" + a + " handwritten=" + b + " table256=" + c + " of " + N);
                Assert.AreEqual(a, b, kind + ": the hand-written check decides as the table does");
                Assert.AreEqual(a, c, kind + ": 256 rules decide as the seed does");
            }
        }

        private static void Begin(string name) { Console.WriteLine("COST begin " + name); }

        private static void End(string name) { Console.WriteLine("COST end " + name); }
    }
}
