// On the nanoCLR: what remote logging computes on the board: calendar stamps, topics, the logging commands'
// stored form read back, and a rule log in RouterOS's firewall line, as the desktop's SyslogTests check them.
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Text;
using Gateway.Host.Logging;
using Gateway.Host.RouterOs;
using Gateway.Host.Running;
using Gateway.Host.Time;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class LoggingDeviceTests
    {
        [TestMethod]
        public void Calendar_stamps_match_the_desktop_vectors()
        {
            TextBuffer b = new TextBuffer(32);
            Calendar.AppendIsoStamp(b, 1796445388123L);
            Assert.AreEqual("2026-12-05T04:36:28.123Z", b.ToString());
            b.Clear();
            Calendar.AppendBsdStamp(b, 951782400000L);
            Assert.AreEqual("Feb 29 00:00:00", b.ToString());
            b.Clear();
            Calendar.AppendDate(b, 4107542399999L);
            Assert.AreEqual("2100-02-28", b.ToString());
        }

        [TestMethod]
        public void Topics_parse_and_a_rule_takes_what_has_all_its_topics()
        {
            int wanted, refused;
            Assert.AreEqual("", LogTopics.Parse("info,!firewall", out wanted, out refused));
            Assert.AreEqual(LogTopics.Info, wanted);
            Assert.AreEqual(LogTopics.Firewall, refused);
            Assert.AreEqual("dns", LogTopics.Parse("firewall,dns", out wanted, out refused));
            Assert.AreEqual(2, LogTopics.AutoSeverity(LogTopics.System | LogTopics.Error | LogTopics.Critical));
        }

        [TestMethod]
        public void The_stored_commands_rebuild_the_same_settings()
        {
            LoggingSettings settings = new LoggingSettings();
            LoggingCommands commands = new LoggingCommands(settings);
            Assert.IsNull(commands.Load("/system logging action\nset [find name=remote] remote=192.0.2.50 remote-port=5514 bsd-syslog=yes\nadd name=siem target=remote remote=2001:db8::5\n/system logging\nadd topics=firewall,!debug action=siem prefix=GW\n"));
            TextBuffer exported = new TextBuffer(256);
            commands.Export(exported);
            LoggingSettings again = new LoggingSettings();
            Assert.IsNull(new LoggingCommands(again).Load(exported.ToString()));
            TextBuffer twice = new TextBuffer(256);
            new LoggingCommands(again).Export(twice);
            Assert.AreEqual(exported.ToString(), twice.ToString());
            Assert.AreEqual(3, again.ActionCount);
            Assert.AreEqual(5514, again.RemoteOf(1).Port);
            Assert.IsTrue(again.IsBsd(1));
            Assert.IsTrue(again.Takes(0, LogTopics.Firewall | LogTopics.Info));
            Assert.IsFalse(again.Takes(0, LogTopics.Firewall | LogTopics.Debug));
            RouterOsError? error = commands.Load("/system logging\nadd topics=dns action=remote\n");
            Assert.IsNotNull(error);
            Assert.AreEqual(0, settings.RuleCount, "a refused file leaves the built-in settings");
        }

        [TestMethod]
        public void A_rule_log_reads_as_routeros_firewall_line()
        {
            RuleLogRing ring = new RuleLogRing();
            Packet p = new Packet();
            p.Family = Family.Ipv4;
            p.Protocol = Protocols.Tcp;
            p.SrcPort = 40000;
            p.DstPort = 9000;
            p.TcpFlags = TcpFlags.Syn;
            p.Length = 60;
            p.SetIpv4(TestPackets.V4("198.51.100.7"), TestPackets.V4("192.0.2.1"));
            ring.OnRuleLog(Family.Ipv4, 0, 0, "KNOCK", p, 5);
            TextBuffer b = new TextBuffer(128);
            string[] chains = { "input" };
            ring.AppendRouterOsLine(b, 0, chains, chains);
            Assert.AreEqual("KNOCK input: in:ether1 out:(unknown 0), proto TCP (SYN), 198.51.100.7:40000->192.0.2.1:9000, len 60", b.ToString());
        }
    }
}
