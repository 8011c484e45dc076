// On the nanoCLR: ConsoleSession (Host/Console) and ActiveRules (Host/Running) over an in-memory flash and output,
// as the desktop ConsoleSessionTests: print, add, set, remove, enable/disable, address-list entries, machine
// lines, and bad input refused with nothing changed; a restart over the same flash shows what was stored.
using Gateway.Core.Model;
using Gateway.Core.Storage;
using Gateway.Host.App;
using Gateway.Host.Console;
using Gateway.Host.Running;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class ConsoleDeviceTests
    {
        private const string SeedId = "9219138b7e06be5b";

        private static MemoryFlash s_flash = new MemoryFlash();
        private static ActiveRules s_rules = null!;
        private static ConsoleSession s_console = null!;
        private static readonly TextOutput s_output = new TextOutput();

        // A gateway with nothing stored.
        private static void Fresh()
        {
            s_flash = new MemoryFlash();
            Boot(0);
        }

        // A restart over the same flash.
        private static void Boot(long nowMs)
        {
            s_rules = new ActiveRules(new RuleStore(s_flash, 16384), Build.Small());
            s_rules.Start(nowMs);
            s_console = new ConsoleSession(s_rules, new RuleLogRing(), s_output, nowMs);
            s_output.Clear();
        }

        // Types text as a person does ('\n' is sent as the Enter key, '\r'); returns what the console wrote.
        private static string Type(string text, long nowMs)
        {
            s_output.Clear();
            byte[] bytes = Build.Bytes(text);
            for (int i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') bytes[i] = (byte)'\r';
            s_console.Receive(bytes, bytes.Length, nowMs);
            return s_output.Text;
        }

        private static string Type(string text) { return Type(text, 0); }

        // A machine-mode line ('\n' ends it); the reply without its final newline.
        private static string Machine(string line, long nowMs)
        {
            s_output.Clear();
            byte[] bytes = Build.Bytes(line + "\n");
            s_console.Receive(bytes, bytes.Length, nowMs);
            string reply = s_output.Text;
            return reply.Length > 0 && reply[reply.Length - 1] == '\n' ? reply.Substring(0, reply.Length - 1) : reply;
        }

        private static void AssertHas(string output, string part)
        {
            Assert.IsTrue(Build.Contains(output, part), "expected \"" + part + "\" in " + output.Length.ToString() + " characters: " + Printable(output));
        }

        // The output with line ends and control characters shown, so a failure message stays on one line.
        private static string Printable(string output)
        {
            char[] c = new char[output.Length];
            for (int i = 0; i < c.Length; i++) c[i] = output[i] < ' ' ? '~' : output[i];
            return new string(c);
        }

        private static void AssertLacks(string output, string part)
        {
            Assert.IsFalse(Build.Contains(output, part), "did not expect \"" + part + "\" in: " + Printable(output));
        }

        [TestMethod]
        public void A_fresh_gateway_runs_the_built_in_rules()
        {
            Fresh();
            Assert.IsTrue(s_rules.IsDefault);
            Assert.AreEqual(SeedId, s_rules.TableId);
            string status = Type("status\n");
            AssertHas(status, "built-in default");
            AssertHas(status, "table-id: " + SeedId);
            Assert.IsTrue(Type("help\n").IndexOf("help\r\n") == 0, "a person sees the echo first");
        }

        [TestMethod]
        public void Print_shows_numbered_rules_with_counters_and_the_menu_stays_current()
        {
            Fresh();
            TestPackets.Knock(s_rules.Engine!, "203.0.113.7", 9000);
            string printed = Type("/ip firewall filter print\n");
            AssertHas(printed, " 0   chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m packets=1 bytes=60");
            AssertHas(printed, " 3   chain=input action=drop packets=1 bytes=60");
            string prompt = "[gateway] /ip firewall filter> ";
            Assert.AreEqual(printed.Length - prompt.Length, printed.LastIndexOf(prompt), printed);
        }

        [TestMethod]
        public void Set_disable_enable_and_remove_change_the_running_and_stored_rules()
        {
            Fresh();
            Type("/ip firewall filter\n");
            AssertLacks(Type("set 3 action=reject\n"), "failure");
            Assert.AreEqual((int)RuleAction.Reject, (int)s_rules.RuleSet.Ipv4.RuleAt(3).Action);
            Type("disable 2\n");
            Assert.IsTrue(s_rules.RuleSet.Ipv4.RuleAt(2).IsDisabled);
            AssertHas(Type("print\n"), " 2 X ");
            Type("enable 2\n");
            Assert.IsFalse(s_rules.RuleSet.Ipv4.RuleAt(2).IsDisabled);
            AssertHas(Type("remove 3\n"), " in force and stored");
            Assert.AreEqual(3, s_rules.RuleSet.Ipv4.RuleCount);
            Assert.IsFalse(s_rules.IsDefault);
            string id = s_rules.TableId;
            Boot(0);
            Assert.AreEqual(3, s_rules.RuleSet.Ipv4.RuleCount);
            Assert.AreEqual(id, s_rules.TableId);
            Assert.IsFalse(s_rules.IsDefault);
        }

        [TestMethod]
        public void Typing_the_seed_commands_gives_the_same_rules_as_the_built_in_ones()
        {
            Fresh();
            Type("/ip firewall filter\nremove 0,1,2,3\n");
            Assert.AreEqual(0, s_rules.RuleSet.Ipv4.RuleCount);
            string output = Type(Gateway.Core.Defaults.DefaultRules.Text);
            AssertLacks(output, "failure");
            Assert.AreEqual(SeedId, s_rules.TableId);
            Assert.IsFalse(s_rules.IsDefault);
            Boot(0);
            Assert.AreEqual(SeedId, s_rules.TableId);   // stored
        }

        [TestMethod]
        public void Bad_commands_are_refused_and_change_nothing()
        {
            string[] typed =
            {
                "/ip firewall filter add chain=input dst-prot=22 action=drop\n",
                "/ip firewall filter add chain=input action=jump jump-target=nowhere\n",
                "/ip firewall filter set 9 action=drop\n",
                "/ip route print\n",
                "/ip firewall filter add chain=input comment=\"unclosed\n",
                "/ip firewall filter add chain=input action=drop stray\n",
            };
            string[] expected =
            {
                "failure: unknown property dst-prot (did you mean dst-port?) (column 37)",
                "failure: jump-target nowhere names a chain with no rules (nothing changed)",
                "failure: no such item 9 (see print) (column 25)",
                "failure: unsupported menu /ip route; rules files use /ip firewall filter, address-list and nat (and /ipv6 firewall ...), /interface list and /interface list member, /spa (column 1)",
                "failure: quoted value not closed on its line (end a wrapped line with \\) (column 45)",
                "failure: expected name=value, found stray (column 49)",
            };
            Fresh();
            long written = s_flash.BytesWritten;
            for (int i = 0; i < typed.Length; i++)
            {
                AssertHas(Type(typed[i]), expected[i]);
                Assert.AreEqual(SeedId, s_rules.TableId, typed[i]);
                Assert.IsTrue(s_rules.IsDefault, typed[i]);
            }
            Assert.AreEqual(written, s_flash.BytesWritten, "nothing stored");
        }

        [TestMethod]
        public void Print_where_and_find_select_items_as_on_the_desktop()
        {
            Fresh();
            Type("/ip firewall filter add chain=input protocol=tcp dst-port=22 action=accept comment=\"ssh from the office\"\n");
            AssertHas(Type("/ip firewall filter print count-only\n"), "\r\n5\r\n");
            AssertHas(Type("/ip firewall filter print count-only where chain=input and (action=accept or action=drop)\n"), "\r\n3\r\n");
            AssertHas(Type("/ip firewall filter print count-only where comment~\"o[a-f]+ice$\" or !disabled and dst-port>8999\n"), "\r\n2\r\n");
            AssertHas(Type("/ip firewall filter print where chian=input\n"), "failure: no such property chian here (column 33)");
            AssertHas(Type("/ip firewall filter print detail where comment\n"), " 4    ;;; ssh from the office\r\n      chain=input protocol=tcp dst-port=22 action=accept");
            Type("/ip firewall filter remove [find comment~\"^ssh\"]\n");
            Assert.AreEqual(SeedId, s_rules.TableId, "the added rule removed again: the seed's table");
            Type("/ip firewall address-list add list=secure address=192.0.2.7 timeout=1m\n");
            AssertHas(Type("/ip firewall address-list print count-only where dynamic and address in 192.0.2.0/24\n"), "\r\n1\r\n");
            Type("/ip firewall address-list remove [find dynamic]\n");
            AssertHas(Type("/ip firewall address-list print count-only\n"), "\r\n0\r\n");
        }

        [TestMethod]
        public void Binary_noise_and_overlong_lines_are_refused_whole()
        {
            Fresh();
            byte[] noise = { 0x00, 0xFF, 0x1B, (byte)'x', 0x80, (byte)'\r' };
            s_output.Clear();
            s_console.Receive(noise, noise.Length, 0);
            AssertHas(s_output.Text, "failure: line has control or non-ASCII bytes; ignored");
            Assert.AreEqual("", Type("status\n", 499), "within the noise's quiet time a line gets no echo and no answer");
            char[] longLine = new char[600];
            for (int i = 0; i < longLine.Length; i++) longLine[i] = 'a';
            AssertHas(Type(new string(longLine) + "\n", 1000), "failure: line longer than 512 characters; ignored");
            Assert.AreEqual("error line longer than 512 characters; ignored", Machine("!" + new string(longLine), 1000));
            Assert.AreEqual(SeedId, s_rules.TableId);
            AssertHas(Type("status\n", 1000), "table-id: " + SeedId);   // still usable
        }

        [TestMethod]
        public void Machine_lines_get_one_reply_without_an_echo()
        {
            Fresh();
            string status = Machine("!status", 0);
            Assert.IsTrue(status.IndexOf("ok {\"tableId\":\"" + SeedId + "\",\"default\":true") == 0, status);
            Assert.AreEqual("error unknown machine command !fly", Machine("!fly", 0));
            Assert.AreEqual("error no upload in progress", Machine("!upload commit", 0));
        }

        [TestMethod]
        public void Address_list_entries_with_a_timeout_are_dynamic_and_without_are_static()
        {
            Fresh();
            Type("/ip firewall address-list\n");
            AssertLacks(Type("add list=secure address=198.51.100.5 timeout=1h\n"), "failure");
            AssertLacks(Type("add list=secure address=198.51.100.0/24\n"), "failure");
            string printed = Type("print\n", 1000);
            AssertHas(printed, " 0   list=secure address=198.51.100.0/24");
            AssertHas(printed, " 1 D list=secure address=198.51.100.5 timeout=59m59s");
            AssertHas(Type("add list=secure address=198.51.100.5 timeout=1h\n"), "failure: already have such entry");
            AssertHas(Type("add list=friends address=1.2.3.4 timeout=1h\n"), "failure: no rule uses list friends");
            Boot(0);
            Type("/ip firewall address-list\n");
            printed = Type("print\n");
            AssertHas(printed, "198.51.100.0/24");          // static: stored
            AssertLacks(printed, "198.51.100.5");           // dynamic: gone after a reboot, as on RouterOS
        }

        [TestMethod]
        public void Dynamic_entries_survive_a_rule_edit()
        {
            Fresh();
            TestPackets.Knock(s_rules.Engine!, "203.0.113.7", 9000);
            AssertLacks(Type("/ip firewall filter add chain=forward action=accept\n", 1000), "failure");
            Assert.IsFalse(s_rules.IsDefault);
            AssertHas(Machine("!lists", 2000), "entry ip port:9000 203.0.113.7 58000");
        }
    }
}
