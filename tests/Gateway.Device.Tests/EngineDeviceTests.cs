// On the nanoCLR: the seed recipe decides the seed trace as RouterOS does (the same expectations as the
// desktop replay goldens), and its address lists expire at the edge.
using System;
using Gateway.Core.Compiler;
using Gateway.Core.Defaults;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.RouterOs;
using Gateway.Core.Tables;
using Gateway.Core.Text;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class EngineDeviceTests
    {
        private static FilterEngine Seed()
        {
            RuleSet rules = new RuleSet();
            Assert.IsNull(new RouterOsImporter(rules).Import(DefaultRules.Text));
            PackageResult r = TableLoader.Compile(rules, new TableLimits(), 0, out Table? table);
            Assert.IsTrue(r.IsOk, r.ToString());
            return new FilterEngine(table!);
        }

        [TestMethod]
        public void The_seed_trace_gets_routeros_verdicts()
        {
            FilterEngine engine = Seed();
            Packet p = new Packet();
            Decision d = new Decision();
            for (int i = 0; i < TestVectors.SeedTrace.Length; i++)
            {
                string[] f = TestVectors.SeedTrace[i].Split(' ');
                uint src, dst;
                Assert.IsTrue(IpAddressText.TryParseIpv4(f[1], 0, f[1].Length, out src));
                Assert.IsTrue(IpAddressText.TryParseIpv4(f[3], 0, f[3].Length, out dst));
                p.SetIpv4(src, dst);
                p.Protocol = Protocols.Tcp;
                p.SrcPort = int.Parse(f[2]);
                p.DstPort = int.Parse(f[4]);
                p.TcpFlags = f[5] == "S" ? TcpFlags.Syn : f[5] == "SA" ? (byte)(TcpFlags.Syn | TcpFlags.Ack) : f[5] == "A" ? TcpFlags.Ack : (byte)(TcpFlags.Psh | TcpFlags.Ack);
                p.Chain = f[6] == "output" ? EntryChain.Output : EntryChain.Input;
                p.Length = 60;
                Verdict v = engine.Evaluate(p, long.Parse(f[0]), d);
                Assert.AreEqual(f[7], v == Verdict.Accept ? "accept" : v == Verdict.Drop ? "drop" : "reject", TestVectors.SeedTrace[i]);
                Assert.AreEqual(int.Parse(f[8]), d.RuleIndex, TestVectors.SeedTrace[i]);
            }
        }

        [TestMethod]
        public void A_list_entry_expires_exactly_at_its_timeout()
        {
            FilterEngine engine = Seed();
            Packet p = new Packet();
            Decision d = new Decision();
            p.SetIpv4(0xCB007107, 0xC0000201);
            p.Protocol = Protocols.Tcp;
            p.TcpFlags = TcpFlags.Syn;
            p.DstPort = 9000;
            engine.Evaluate(p, 0, d);
            int list = engine.Table.Ipv4.ListId("port:9000");
            Assert.IsTrue(engine.Table.Ipv4Lists.Contains(list, p.Src, 0, 59999));
            Assert.IsFalse(engine.Table.Ipv4Lists.Contains(list, p.Src, 0, 60000));
        }

        [TestMethod]
        public void The_console_parser_reads_the_seed_article_as_the_seed_package()
        {
            RuleSet rules = new RuleSet();
            Assert.IsNull(new RouterOsImporter(rules).Import(DefaultRules.Text));
            PackageReader reader = new PackageReader(new TableLimits());
            reader.KeepSource = false;
            byte[] seed = Convert.FromBase64String(TestVectors.GoodPackages[1]);
            PackageResult r = reader.Read(new ByteArraySource(seed), out RulePackage? package);
            Assert.IsTrue(r.IsOk);
            Assert.AreEqual(package!.TableId, PackageWriter.TableIdOf(rules));
        }
    }
}
