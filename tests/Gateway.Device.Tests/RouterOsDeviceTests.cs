// On the nanoCLR: the RouterOS reader and importer (Host/RouterOs) as the desktop RouterOsImportTests: the seed
// article verbatim, continuations, v7 slash paths, every menu, quoting and escapes, and errors at their
// line and column; plus the export reading back to the same table id.
using Gateway.Core.Defaults;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Host.RouterOs;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class RouterOsDeviceTests
    {
        private const string SeedId = "9219138b7e06be5b";

        private static RuleSet Import(string text)
        {
            RuleSet rules = new RuleSet();
            RouterOsError? error = new RouterOsImporter(rules).Import(text);
            Assert.IsNull(error, error == null ? "" : error.ToString());
            return rules;
        }

        private static string Error(string text)
        {
            RouterOsError? error = new RouterOsImporter(new RuleSet()).Import(text);
            Assert.IsNotNull(error, "no error for: " + text);
            return error!.ToString();
        }

        [TestMethod]
        public void The_seed_article_pasted_verbatim_imports_as_the_seed_recipe()
        {
            RuleSet rules = Import(DefaultRules.Text);
            Assert.AreEqual(4, rules.Ipv4.RuleCount);
            Assert.AreEqual(SeedId, PackageWriter.TableIdOf(rules));
            Assert.AreEqual(SeedId, PackageWriter.TableIdOf(Build.SeedRecipe()));
            Assert.AreEqual("port:9000", rules.Ipv4.RuleAt(0).AddressList ?? "(null)");
            Assert.AreEqual(60000L, rules.Ipv4.RuleAt(1).AddressListTimeoutMs);
        }

        [TestMethod]
        public void Exported_line_wrapping_with_indentation_joins()
        {
            RuleSet rules = Import(RouterOsSamples.WrappedExport);
            Assert.AreEqual(SeedId, PackageWriter.TableIdOf(rules));
        }

        [TestMethod]
        public void V7_slash_paths_and_one_line_menus_work()
        {
            RuleSet rules = Import(RouterOsSamples.V7Paths);
            Assert.AreEqual(SeedId, PackageWriter.TableIdOf(rules));
        }

        [TestMethod]
        public void Every_menu_of_both_families_imports()
        {
            RuleSet rules = Import(RouterOsSamples.EveryMenu);
            Assert.AreEqual("office \"west\"", rules.Ipv4.EntryAt(0).Comment ?? "(null)");
            Assert.AreEqual(22, rules.Ipv4.ForwardAt(0).ToPort);
            Assert.AreEqual(2222, rules.Ipv4.ForwardAt(0).DstPort);
            Assert.AreEqual(1, rules.Ipv6.RuleCount);
            Assert.AreEqual("2001:db8::/32", rules.Ipv6.RuleAt(0).SrcAddress!.ToString());
            Assert.AreEqual((int)ListTimeoutKind.Timed, (int)rules.Ipv6.EntryAt(0).TimeoutKind);
            Assert.AreEqual(3600000L, rules.Ipv6.EntryAt(0).TimeoutMs);
            Assert.AreEqual(1, rules.Ipv4.RuleCount);
        }

        [TestMethod]
        public void Quoted_values_resolve_routeros_escapes()
        {
            string[] words =
            {
                "comment=\"a\\_b\"", "comment=\"tab\\there\"", "comment=\"\\41\\42\"", "comment=\"cost \\$5\"",
                "comment=\"long \\\n    text\"", "comment=\"\"",
            };
            string[] comments = { "a b", "tab\there", "AB", "cost $5", "long text", "" };
            for (int i = 0; i < words.Length; i++)
            {
                RuleSet rules = Import("/ip firewall filter add chain=input action=accept " + words[i]);
                Assert.AreEqual(comments[i], rules.Ipv4.RuleAt(0).Comment ?? "(null)", words[i]);
            }
        }

        [TestMethod]
        public void Problems_in_values_are_reported_at_their_line_and_column()
        {
            string[] texts =
            {
                "/ip firewall filter\nadd chain=input dst-prot=22 action=drop\n",
                "/ip firewall filter\nadd chain=input protocol=tcp dst-port=70000 action=drop\n",
                "/ip firewall filter add chain=input nth=10,1 action=accept",
                "/ip firewall filter add chain=input action=drop stray",
                "/ip firewall nat add chain=srcnat action=masquerade",
                "/ip firewall filter add chain=input action=drop action=accept",
            };
            string[] expected =
            {
                "2:17: unknown property dst-prot (did you mean dst-port?)",
                "2:39: dst-port: port must be a number 0-65535 or a range p-q",
                "1:37: nth: RouterOS matcher the gateway does not support (not built yet)",
                "1:49: expected name=value, found stray",
                "1:28: nat chain must be dstnat (the gateway forwards only)",
                "1:49: action given twice",
            };
            for (int i = 0; i < texts.Length; i++) Assert.AreEqual(expected[i], Error(texts[i]), texts[i]);
        }

        [TestMethod]
        public void Problems_in_commands_and_text_are_reported_at_their_line_and_column()
        {
            string[] texts =
            {
                "/ip route add dst-address=0.0.0.0/0",
                "add chain=input action=drop",
                "/ip firewall filter\nremove 0",
                "/ip firewall filter add chain=input comment=\"open\naction=drop",
                ":foreach i in=[/ip firewall filter find] do={}",
            };
            string[] expected =
            {
                "1:1: unsupported menu /ip route; rules files use /ip firewall filter, address-list and nat (and /ipv6 firewall ...), /interface list and /interface list member, /spa",
                "1:1: add outside a menu; start with /ip firewall filter (or address-list, nat)",
                "2:1: remove is a console command; a rules file may only add",
                "1:45: quoted value not closed on its line (end a wrapped line with \\)",
                "1:1: RouterOS scripting (:) is not supported; write plain commands",
            };
            for (int i = 0; i < texts.Length; i++) Assert.AreEqual(expected[i], Error(texts[i]), texts[i]);
        }

        [TestMethod]
        public void The_reader_splits_words_with_names_values_and_positions()
        {
            RouterOsReader reader = new RouterOsReader("# c\n  add comment=\"a b\" x=1;print\n");
            RouterOsCommand command = new RouterOsCommand();
            Assert.IsTrue(reader.Next(command));
            Assert.AreEqual(3, command.WordCount);
            Assert.AreEqual(2, command.Line);
            Assert.AreEqual(3, command.Column);
            RouterOsWord comment = command.WordAt(1);
            Assert.AreEqual("comment", comment.Name ?? "(null)");
            Assert.AreEqual("a b", comment.Value);
            Assert.IsTrue(comment.WasQuoted);
            Assert.AreEqual(7, comment.Column);
            Assert.AreEqual(15, comment.ValueColumn);
            Assert.AreEqual("1", command.WordAt(2).Value);
            Assert.IsTrue(reader.Next(command));
            Assert.AreEqual(1, command.WordCount);
            Assert.AreEqual("print", command.WordAt(0).Value);
            Assert.IsNull(command.WordAt(0).Name);
            Assert.IsFalse(reader.Next(command));
            Assert.IsNull(reader.Error);
        }

        [TestMethod]
        public void The_export_reads_back_to_the_same_rules()
        {
            RuleSet rules = Import(
                "/ip firewall filter add chain=input protocol=tcp dst-port=!22,80 action=jump jump-target=k comment=\"the knock\"\n" +
                "add chain=k src-address=!10.0.0.0/8 action=reject reject-with=icmp-admin-prohibited\n" +
                "/ip firewall address-list add list=secure address=198.51.100.0/24 comment=\"the office\"\n" +
                "/ip firewall filter add chain=input src-address-list=secure action=accept\n");
            string export = RouterOsExport.Text(rules);
            RuleSet again = Import(export);
            Assert.AreEqual(PackageWriter.TableIdOf(rules), PackageWriter.TableIdOf(again));
            Assert.AreEqual("the knock", again.Ipv4.RuleAt(0).Comment ?? "(null)");
            Assert.AreEqual(3, again.Ipv4.RuleCount);
        }
    }
}
