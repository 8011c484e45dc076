// nanoCLR side of the cost count (see CostLoop.cs). Each region runs twice after a warm-up of the same kind,
// with N decisions and with none; run.sh takes (count over N - count over none) / N for each, and subtracts the
// harness's figure (the same loop calling a method that decides nothing) from the engines'.
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
                CostLoop.Prepare(kind, N);
                int a = 0, b = 0, c = 0;
                for (int pass = 0; pass < 2; pass++)
                {
                    int n = pass == 0 ? N : 0;
                    string suffix = pass == 0 ? "" : ".0";
                    CostLoop.Harness(N);
                    Begin("harness." + kind + suffix, n);
                    CostLoop.Harness(n);
                    End("harness." + kind + suffix);
                    CostLoop.Run(table, N);   // warm-up: the lists hold what the region will find
                    Begin("table." + kind + suffix, n);
                    int ta = CostLoop.Run(table, n);
                    End("table." + kind + suffix);
                    hand.Run(N);
                    Begin("handwritten." + kind + suffix, n);
                    int tb = hand.Run(n);
                    End("handwritten." + kind + suffix);
                    CostLoop.Run(wide, N);
                    Begin("table256." + kind + suffix, n);
                    int tc = CostLoop.Run(wide, n);
                    End("table256." + kind + suffix);
                    if (pass == 0) { a = ta; b = tb; c = tc; }
                }
                Console.WriteLine("COST accepted " + kind + " table=" + a + " handwritten=" + b + " table256=" + c + " of " + N);
                Assert.AreEqual(a, b, kind + ": the hand-written check decides as the table does");
                Assert.AreEqual(a, c, kind + ": 256 rules decide as the seed does");
            }
        }

        // The same concatenation for every region and pass: its IL cancels in the subtraction.
        private static void Begin(string name, int n) { Console.WriteLine("COST begin " + name + " n=" + n); }

        private static void End(string name) { Console.WriteLine("COST end " + name); }
    }
}
