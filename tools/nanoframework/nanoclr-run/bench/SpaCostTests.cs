// What checking one SPA datagram costs the interpreter (issue 27): fwknop's own packet (FwknopPacket) under its
// keys, accepted ("spa.accepted": the HMAC, the key derivation, AES-256-CBC and the fields), and the same datagram
// under another HMAC key ("spa.forged": what a flood of forgeries costs, the HMAC alone). Regions as CostTests':
// "COST begin/end" lines for the IL count and callgrind, each with its empty pass and a harness of the same
// kind (the loop calling a method that checks nothing), and "COST ns" lines on the timed run.
using System;
using Gateway.Crypto.Spa;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Bench
{
    [TestClass]
    public class SpaCostTests
    {
        private const int N = 40;
        private const int Repetitions = CostTests.Repetitions;

        [TestMethod]
        public void Instructions_per_datagram()
        {
            byte[] wire = Ascii(FwknopPacket.Wire);
            SpaKeys keys = Keys(FwknopPacket.HmacKeyBase64), forged = Keys("Zm9yZ2VkIGhtYWMga2V5");
            SpaVerifier verifier = new SpaVerifier();
            SpaRequest request = new SpaRequest();
            Assert.AreEqual((int)SpaCheck.Ok, (int)verifier.Check(wire, 0, wire.Length, keys, request));
            Assert.AreEqual((int)SpaCheck.Hmac, (int)verifier.Check(wire, 0, wire.Length, forged, request));
            string[] kinds = { "accepted", "forged" };
            for (int k = 0; k < kinds.Length; k++)
            {
                SpaKeys under = k == 0 ? keys : forged;
                long[] harness = new long[Repetitions], spa = new long[Repetitions];
                for (int rep = 0; rep < Repetitions; rep++)
                {
                    harness[rep] = Measured("harness." + kinds[k], null, wire, under, request, rep);
                    spa[rep] = Measured("spa." + kinds[k], verifier, wire, under, request, rep);
                }
                Console.WriteLine("COST ns spa." + kinds[k] + " " + (CostTests.Median(spa) - CostTests.Median(harness)) * 100 / N);
            }
        }

        private static SpaKeys Keys(string hmacKeyBase64)
        {
            SpaKeys keys = new SpaKeys();
            byte[] key = Ascii(FwknopPacket.KeyBase64), hmac = Ascii(hmacKeyBase64);
            Assert.IsTrue(keys.Set(key, 0, key.Length, hmac, 0, hmac.Length));
            return keys;
        }

        // A warm-up, then (first round) the region with no datagrams, then N datagrams; returns the ticks of those.
        private static long Measured(string name, SpaVerifier? verifier, byte[] wire, SpaKeys keys, SpaRequest request, int rep)
        {
            Region(verifier, wire, keys, request, N);
            if (rep == 0) { CostTests.Begin(name + ".0", 0); Region(verifier, wire, keys, request, 0); CostTests.End(name + ".0"); }
            CostTests.Begin(name, N);
            long ticks = Region(verifier, wire, keys, request, N);
            CostTests.End(name);
            return ticks;
        }

        private static long Region(SpaVerifier? verifier, byte[] wire, SpaKeys keys, SpaRequest request, int n)
        {
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < n; i++)
            {
                if (verifier != null) verifier.Check(wire, 0, wire.Length, keys, request);
                else Nothing(wire, keys, request);
            }
            return DateTime.UtcNow.Ticks - start;
        }

        private static SpaCheck Nothing(byte[] wire, SpaKeys keys, SpaRequest request) { return SpaCheck.Format; }

        private static byte[] Ascii(string text)
        {
            byte[] b = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) b[i] = (byte)text[i];
            return b;
        }
    }
}
