// On the nanoCLR: RouterOS value forms of Core/Model, as the desktop ValueTests: addresses (canonical IPv4 and
// IPv6, prefixes, ranges, negation), port lists, times and list-timeout kinds, and property errors by name.
using Gateway.Core;
using Gateway.Core.Model;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class ModelDeviceTests
    {
        private static string Canonical(string text, Family family)
        {
            string error;
            AddressMatch? m = AddressMatch.Parse(text, family, true, out error);
            Assert.IsNotNull(m, text + ": " + error);
            return m!.ToString();
        }

        [TestMethod]
        public void Addresses_read_and_write_canonically()
        {
            string[] rows =
            {
                "203.0.113.7|203.0.113.7", "203.0.113.77/24|203.0.113.0/24", "10.0.0.0-10.0.0.255|10.0.0.0/24",
                "10.0.0.1-10.0.0.5|10.0.0.1-10.0.0.5", "0.0.0.0/0|0.0.0.0/0", "1.2.3.4/32|1.2.3.4", "!192.168.0.0/16|!192.168.0.0/16",
            };
            for (int i = 0; i < rows.Length; i++)
            {
                int bar = rows[i].IndexOf('|');
                Assert.AreEqual(rows[i].Substring(bar + 1), Canonical(rows[i].Substring(0, bar), Family.Ipv4), rows[i]);
            }
            string[] v6 = { "fe80::1:2/64|fe80::/64", "2001:db8::/32|2001:db8::/32", "!2001:db8::/48|!2001:db8::/48", "2001:DB8:0:0:1:0:0:1|2001:db8::1:0:0:1" };
            for (int i = 0; i < v6.Length; i++)
            {
                int bar = v6[i].IndexOf('|');
                Assert.AreEqual(v6[i].Substring(bar + 1), Canonical(v6[i].Substring(0, bar), Family.Ipv6), v6[i]);
            }
        }

        [TestMethod]
        public void Bad_addresses_are_refused_with_a_reason()
        {
            string[] bad4 = { "1.2.3", "256.1.1.1", "1.2.3.4/33", "1.2.3.4/", "10.0.0.9-10.0.0.1", "", "2001:db8::1" };
            string error;
            for (int i = 0; i < bad4.Length; i++)
            {
                Assert.IsNull(AddressMatch.Parse(bad4[i], Family.Ipv4, true, out error), "IPv4 " + bad4[i]);
                Assert.IsTrue(error.Length > 0, "IPv4 " + bad4[i] + " has a reason");
            }
            string[] bad6 = { "2001:db8::1-2001:db8::5", "::/129", "1::2::3" };
            for (int i = 0; i < bad6.Length; i++) Assert.IsNull(AddressMatch.Parse(bad6[i], Family.Ipv6, true, out error), "IPv6 " + bad6[i]);
            Assert.IsNull(AddressMatch.Parse("!1.2.3.4", Family.Ipv4, false, out error));
            Assert.AreEqual("negation is not allowed here", error);
            AddressMatch.Parse("10.0.0.9-10.0.0.1", Family.Ipv4, true, out error);
            Assert.AreEqual("range starts above its end", error);
        }

        [TestMethod]
        public void Port_lists_read_and_write_canonically_and_hold_fifteen()
        {
            string[] good = { "22", "1000-2000", "!22,80", "0,65535", "9000,6000-6010", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15" };
            string error;
            for (int i = 0; i < good.Length; i++)
            {
                PortSet? set = PortSet.Parse(good[i], out error);
                Assert.IsNotNull(set, good[i] + ": " + error);
                Assert.AreEqual(good[i], set!.ToString());
            }
            Assert.AreEqual("5", PortSet.Parse("5-5", out error)!.ToString());
            string[] bad = { "65536", "10-5", "", "!", "22,", "ssh", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16" };
            for (int i = 0; i < bad.Length; i++) Assert.IsNull(PortSet.Parse(bad[i], out error), "bad: " + bad[i]);
            PortSet.Parse("10-5", out error);
            Assert.AreEqual("port range starts above its end", error);
        }

        [TestMethod]
        public void Routeros_times_parse_and_write_in_unit_form()
        {
            string[] texts = { "1m", "500ms", "1w2d3h4m5s", "1d00:00:00", "00:01:30", "90", "1h30m", "35w3d13h13m56s" };
            long[] ms = { 60000, 500, ((7 + 2) * 24 * 3600 + 3 * 3600 + 4 * 60 + 5) * 1000L, 86400000, 90000, 90000, 5400000, Capacity.MaxListTimeoutMs };
            for (int i = 0; i < texts.Length; i++)
            {
                long got;
                Assert.IsTrue(RouterOsTime.TryParse(texts[i], Capacity.MaxListTimeoutMs, out got), texts[i]);
                Assert.AreEqual(ms[i], got, texts[i]);
            }
            string[] bad = { "35w3d13h13m57s", "1h1d", "1x", "m", "00:60:00", "1:2", "" };
            for (int i = 0; i < bad.Length; i++)
            {
                long got;
                Assert.IsFalse(RouterOsTime.TryParse(bad[i], Capacity.MaxListTimeoutMs, out got), "bad: " + bad[i]);
            }
            Assert.AreEqual("1m", RouterOsTime.ToText(60000));
            Assert.AreEqual("1h30m", RouterOsTime.ToText(5400000));
            Assert.AreEqual("500ms", RouterOsTime.ToText(500));
            Assert.AreEqual("0s", RouterOsTime.ToText(0));
            Assert.AreEqual("1d", RouterOsTime.ToText(86400000));
            Assert.AreEqual("35w3d13h13m56s", RouterOsTime.ToText(Capacity.MaxListTimeoutMs));
        }

        [TestMethod]
        public void List_timeouts_have_three_kinds()
        {
            string[] texts = { "none-dynamic", "none-static", "00:00:00", "1m" };
            ListTimeoutKind[] kinds = { ListTimeoutKind.NoneDynamic, ListTimeoutKind.Static, ListTimeoutKind.NoneDynamic, ListTimeoutKind.Timed };
            long[] ms = { 0, 0, 0, 60000 };
            for (int i = 0; i < texts.Length; i++)
            {
                ListTimeoutKind kind;
                long got;
                Assert.IsTrue(PropertyValues.TryParseTimeout(texts[i], out kind, out got), texts[i]);
                Assert.AreEqual((int)kinds[i], (int)kind, texts[i]);
                Assert.AreEqual(ms[i], got, texts[i]);
            }
        }

        [TestMethod]
        public void Unknown_and_later_properties_are_errors_naming_them()
        {
            string error;
            Assert.AreEqual((int)PropertyError.UnknownProperty, (int)RuleProperties.Set(new Rule(), Family.Ipv4, "dst-prot", "22", out error));
            Assert.AreEqual("unknown property dst-prot (did you mean dst-port?)", error);
            string[] later = { "nth", "random" };
            for (int i = 0; i < later.Length; i++)
            {
                Assert.AreEqual((int)PropertyError.NotSupported, (int)RuleProperties.Set(new Rule(), Family.Ipv4, later[i], "1", out error), later[i]);
                Assert.AreEqual(later[i] + ": RouterOS matcher the gateway does not support (not built yet)", error);
            }
            Rule rule = new Rule();
            Assert.AreEqual((int)PropertyError.None, (int)RuleProperties.Set(rule, Family.Ipv4, "tcp-flags", "syn,!ack", out error));
            Assert.AreEqual((int)TcpFlags.Syn, (int)rule.TcpFlagsSet);
            Assert.AreEqual((int)TcpFlags.Ack, (int)rule.TcpFlagsClear);
            Assert.AreEqual((int)PropertyError.BadValue, (int)RuleProperties.Set(rule, Family.Ipv4, "tcp-flags", "syn,!syn", out error));
            Assert.AreEqual((int)PropertyError.BadValue, (int)RuleProperties.Set(rule, Family.Ipv4, "tcp-flags", "syn,bogus", out error));
        }
    }
}
