// On the nanoCLR: the SPA door at work (Host/Spa) with the board's runtime. fwknop's own test-suite packet, offered
// to a door whose keys are on (in-memory) flash, puts the address it asks for on the door's grant list; resent it
// is a replay; without a wall clock nothing is checked; the keys read back from flash after a restart.
using Gateway.Core;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Storage;
using Gateway.Crypto.Spa;
using Gateway.Host.Running;
using Gateway.Host.Spa;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class SpaDoorwayDeviceTests
    {
        private const long Sent = 1371001727L;   // the packet's own time: fwknop's test suite's packets are from 2013

        private sealed class FixedWallClock : IWallClock
        {
            public long Ms = (Sent + 5) * 1000;
            public long UnixMs { get { return Ms; } }
        }

        [TestMethod]
        public void Fwknops_packet_opens_the_door_once_and_its_replay_is_counted()
        {
            ActiveRules rules = new ActiveRules(new RuleStore(new MemoryFlash(), 16384), Build.Small());
            rules.Start(0);
            RuleSet set = new RuleSet();
            SpaDoor door = new SpaDoor();
            string error;
            Assert.AreEqual((int)PropertyError.None, (int)SpaDoorProperties.Set(door, "name", "ssh", out error));
            Assert.AreEqual((int)PropertyError.None, (int)SpaDoorProperties.Set(door, "open", "tcp/22", out error));
            set.Spa.Add(door);
            Build.Filter(set, "chain=input protocol=tcp dst-port=22 src-address-list=spa:ssh:tcp/22 action=accept");
            Assert.IsTrue(rules.Apply(set, "door.rsc", 0).IsOk);

            MemoryFlash flash = new MemoryFlash();
            SpaKeyStore keys = new SpaKeyStore(flash);
            Assert.AreEqual("", keys.Set("ssh", FwknopPacket.KeyBase64, FwknopPacket.HmacKeyBase64));
            Assert.AreEqual(1, new SpaKeyStore(flash).Count);
            FixedWallClock wall = new FixedWallClock();
            SpaDoorway spa = new SpaDoorway(rules, keys, wall, flash);
            Assert.IsTrue(spa.IsDoorPort(SpaDoor.DefaultPort));

            byte[] wire = Build.Bytes(FwknopPacket.Wire);
            uint[] source = new uint[] { 0x7F000001u, 0, 0, 0 };
            spa.Offer(wire, 0, wire.Length, Family.Ipv4, source, SpaDoor.DefaultPort, 0);
            Assert.AreEqual(1, (int)spa.Count((int)SpaOutcome.Accepted));
            int list = rules.Engine!.Table.Ipv4.ListId("spa:ssh:tcp/22");
            Assert.IsTrue(rules.Engine.Table.Ipv4Lists.Contains(list, new uint[] { 0x7F000002u, 0, 0, 0 }, 0, 1000));   // the address it asked for
            Assert.IsFalse(rules.Engine.Table.Ipv4Lists.Contains(list, new uint[] { 0x7F000002u, 0, 0, 0 }, 0, 30000));   // for the door's 30 s

            spa.Offer(wire, 0, wire.Length, Family.Ipv4, source, SpaDoor.DefaultPort, 1000);
            Assert.AreEqual(1, (int)spa.Count((int)SpaOutcome.Replay));
            SpaDoorway restarted = new SpaDoorway(rules, new SpaKeyStore(flash), wall, flash);   // the replay cache from flash
            restarted.Offer(wire, 0, wire.Length, Family.Ipv4, source, SpaDoor.DefaultPort, 0);
            Assert.AreEqual(1, (int)restarted.Count((int)SpaOutcome.Replay));
            wall.Ms = -1;   // a board before SNTP
            spa.Offer(wire, 0, wire.Length, Family.Ipv4, source, SpaDoor.DefaultPort, 2000);
            Assert.AreEqual(1, (int)spa.Count(SpaDoorway.NoClock));
        }
    }
}
