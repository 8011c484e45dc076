// On the nanoCLR: ListenPlan (Core/Compiler/ListenPlan.cs), the ports a RuleSet makes the gateway listen on:
// the console port first, enabled input rules' plain tcp/udp dst-ports in rule order (ranges expanded, each
// pair once) and dst-nat forwards, with the source position of the rule that named each; at most MaxPorts.
using Gateway.Core.Compiler;
using Gateway.Core.Defaults;
using Gateway.Core.Model;
using Gateway.Host.RouterOs;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class ListenPlanDeviceTests
    {
        private static string Ports(ListenPlan plan)
        {
            string s = "";
            for (int i = 0; i < plan.Count; i++)
            {
                if (i > 0) s += " ";
                s += (plan.ProtocolAt(i) == Protocols.Tcp ? "tcp/" : plan.ProtocolAt(i) == Protocols.Udp ? "udp/" : "?/") + plan.PortAt(i).ToString();
            }
            return s;
        }

        [TestMethod]
        public void The_seed_article_listens_on_the_console_and_both_knock_ports_where_its_rules_are()
        {
            RuleSet rules = new RuleSet();
            Assert.IsNull(new RouterOsImporter(rules).Import(DefaultRules.Text));
            ListenPlan plan = ListenPlan.Of(rules, 2323);
            Assert.AreEqual("tcp/2323 tcp/9000 tcp/6000", Ports(plan));
            Assert.AreEqual(0, plan.LineAt(0));
            Assert.AreEqual(1, plan.LineAt(1));
            Assert.AreEqual(21, plan.ColumnAt(1));   // the "add" after "/ip firewall filter "
            Assert.AreEqual(2, plan.LineAt(2));
            Assert.AreEqual(1, plan.ColumnAt(2));
            Assert.IsFalse(plan.IsOverflowed);
        }

        [TestMethod]
        public void Only_enabled_plain_input_tcp_and_udp_ports_are_listened_on_once_each()
        {
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=input protocol=tcp dst-port=22,80 action=accept");
            Build.Filter(rules, "chain=input protocol=udp dst-port=53 action=accept");
            Build.Filter(rules, "chain=input protocol=tcp dst-port=22 action=drop");                 // already planned
            Build.Filter(rules, "chain=input protocol=tcp dst-port=23 action=drop disabled=yes");
            Build.Filter(rules, "chain=input protocol=tcp dst-port=!25 action=drop");
            Build.Filter(rules, "chain=input protocol=!udp dst-port=26 action=drop");
            Build.Filter(rules, "chain=forward protocol=tcp dst-port=27 action=drop");
            Build.Filter(rules, "chain=input protocol=icmp action=accept");
            Build.Filter(rules, "chain=input protocol=tcp dst-port=1000-1002 action=accept");
            Build.Filter(rules, "chain=input protocol=tcp dst-port=443 action=accept", Family.Ipv6);
            Build.Filter(rules, "chain=input protocol=udp dst-port=53 action=accept", Family.Ipv6);   // same pair as IPv4's
            ListenPlan plan = ListenPlan.Of(rules, 0);
            Assert.AreEqual("tcp/22 tcp/80 udp/53 tcp/1000 tcp/1001 tcp/1002 tcp/443", Ports(plan));
            Assert.AreEqual(6, plan.CountOf(Protocols.Tcp));
            Assert.AreEqual(1, plan.CountOf(Protocols.Udp));
        }

        [TestMethod]
        public void Forwards_are_listened_on_unless_disabled()
        {
            RuleSet rules = Build.SeedRecipe();
            Build.Nat(rules, "chain=dstnat action=dst-nat protocol=tcp dst-port=2222 to-addresses=192.168.88.10 to-ports=22", Family.Ipv4);
            Build.Nat(rules, "chain=dstnat action=dst-nat protocol=udp dst-port=5060 to-addresses=192.168.88.20", Family.Ipv4);
            Build.Nat(rules, "chain=dstnat action=dst-nat protocol=tcp dst-port=2224 to-addresses=192.168.88.30 disabled=yes", Family.Ipv4);
            Build.Nat(rules, "chain=dstnat action=dst-nat protocol=tcp dst-port=9000 to-addresses=fd00::10 to-ports=22", Family.Ipv6);
            ListenPlan plan = ListenPlan.Of(rules, 0);
            Assert.AreEqual("tcp/9000 tcp/6000 tcp/2222 udp/5060", Ports(plan));
        }

        [TestMethod]
        public void A_plan_holds_at_most_MaxPorts_and_says_when_the_rules_name_more()
        {
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=input protocol=tcp dst-port=1-300 action=accept");
            ListenPlan plan = ListenPlan.Of(rules, 2323);
            Assert.AreEqual(ListenPlan.MaxPorts, plan.Count);
            Assert.IsTrue(plan.IsOverflowed);
            Assert.AreEqual(2323, plan.PortAt(0));
            Assert.AreEqual(255, plan.PortAt(ListenPlan.MaxPorts - 1));
            RuleSet exact = new RuleSet();
            Build.Filter(exact, "chain=input protocol=udp dst-port=1001-1256 action=accept");
            ListenPlan full = ListenPlan.Of(exact, 0);
            Assert.AreEqual(256, full.Count);
            Assert.IsFalse(full.IsOverflowed, "exactly MaxPorts fit");
        }
    }
}
