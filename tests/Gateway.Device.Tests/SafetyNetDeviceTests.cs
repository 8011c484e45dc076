// On the nanoCLR: the safety nets of issue 24 as the board runs them: a guarded service fails closed where no
// rule decides (an IPv6 packet under IPv4-only rules), the login guard locks a network whose addresses rotate
// and never evicts a failing entry, and the transport checksum gives RFC 1071's sum.
using Gateway.Core;
using Gateway.Core.Compiler;
using Gateway.Core.Defaults;
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Headers;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Packets;
using Gateway.Core.Tables;
using Gateway.Host.Auth;
using Gateway.Host.RouterOs;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class SafetyNetDeviceTests
    {
        [TestMethod]
        public void A_guarded_service_that_no_rule_decides_is_dropped_in_a_family_with_no_rules()
        {
            RuleSet rules = new RuleSet();
            Assert.IsNull(new RouterOsImporter(rules).Import(DefaultRules.Text));
            PackageResult r = TableLoader.Compile(rules, Build.Small(), 0, out Table? table);
            Assert.IsTrue(r.IsOk, r.ToString());
            FilterEngine engine = new FilterEngine(table!);
            Packet p = new Packet();
            Decision d = new Decision();
            p.Family = Family.Ipv6;
            p.Src[0] = 0x20010DB8; p.Src[3] = 7;
            p.Dst[0] = 0x20010DB8; p.Dst[3] = 1;
            p.Protocol = Protocols.Tcp;
            p.DstPort = 2323;
            p.TcpFlags = TcpFlags.Syn;
            p.Chain = EntryChain.Input;
            p.ToService = false;
            Assert.IsTrue(engine.Evaluate(p, 0, d) == Verdict.Accept);   // RouterOS: no rule, accept
            p.ToService = true;
            Assert.IsTrue(engine.Evaluate(p, 0, d) == Verdict.Drop);     // the gateway's console: closed
            Assert.AreEqual(Decision.NoRule, d.RuleIndex);
        }

        private static Endpoint Peer(uint address)
        {
            Endpoint e = new Endpoint();
            e.Family = Family.Ipv4;
            e.Address[0] = address;
            return e;
        }

        [TestMethod]
        public void Seventeen_addresses_of_one_network_are_locked_out_and_another_network_is_not()
        {
            LoginGuard guard = new LoginGuard();
            int tried = 0;
            for (uint a = 1; a <= 17; a++)
            {
                if (guard.WaitMs(Peer(0xC6336400u + a), 0) > 0) continue;
                tried++;
                guard.Failed(Peer(0xC6336400u + a), 0);
            }
            Assert.AreEqual(Capacity.LoginNetworkMaxFailures, tried);
            Assert.AreEqual(0L, guard.WaitMs(Peer(0xCB007107u), 0));
        }

        [TestMethod]
        public void A_failing_address_keeps_its_slot_when_more_addresses_fail()
        {
            LoginGuard guard = new LoginGuard();
            guard.Failed(Peer(0x0A000001u), 0);
            for (uint n = 1; n <= Capacity.LoginGuardSlots + 4; n++) guard.Failed(Peer(0x0A000001u | (n << 8)), 1);
            Assert.AreEqual(Capacity.LoginRetryDelayMs - 100, guard.WaitMs(Peer(0x0A000001u), 100));
        }

        [TestMethod]
        public void The_udp_checksum_is_rfc_1071_s_sum()
        {
            byte[] packet = new byte[36];
            packet[0] = 0x45; packet[3] = 36; packet[9] = 17;
            byte[] udp = new byte[] { 0, 0, 0, 0, 0, 16, 0x21, 0xdc, 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
            for (int i = 0; i < udp.Length; i++) packet[20 + i] = udp[i];
            Assert.AreEqual(TransportChecksum.Valid, TransportChecksum.Check(packet, 0, packet.Length));
            packet[27]++;
            Assert.AreEqual(TransportChecksum.Invalid, TransportChecksum.Check(packet, 0, packet.Length));
        }
    }
}
