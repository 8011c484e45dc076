// On the nanoCLR: the compiler (Core/Compiler, Core/Tables) with tiny TableLimits, as the desktop
// RuleCompilerTests: at a limit it compiles, one over is refused as over-capacity naming what and how many;
// chain order, grant flags and the table size.
using Gateway.Core.Compiler;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Tables;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class CompilerDeviceTests
    {
        private static PackageResult Compile(RuleSet rules, TableLimits limits)
        {
            Table? table;
            return TableLoader.Compile(rules, limits, 0, out table);
        }

        private static void AssertOver(PackageResult result, string what, long actual, long limit)
        {
            Assert.AreEqual("over-capacity", PackageErrors.Token(result.Error), result.ToString());
            Assert.AreEqual(what, result.What);
            Assert.AreEqual(actual, result.Actual);
            Assert.AreEqual(limit, result.Limit);
            Assert.AreEqual("over-capacity: " + what + " " + actual.ToString() + ", limit " + limit.ToString(), result.ToString());
        }

        [TestMethod]
        public void Rules_at_the_limit_compile_and_one_more_is_refused()
        {
            TableLimits limits = Build.Small();
            limits.MaxRules = 4;
            RuleSet rules = Build.SeedRecipe();
            Assert.IsTrue(Compile(rules, limits).IsOk);
            Build.Filter(rules, "chain=input action=accept");
            AssertOver(Compile(rules, limits), "IPv4 rules", 5, 4);
        }

        [TestMethod]
        public void Chains_count_the_three_built_in_ones()
        {
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=input action=jump jump-target=a");
            Build.Filter(rules, "chain=a action=accept");
            TableLimits limits = Build.Small();
            limits.MaxChains = 4;
            Assert.IsTrue(Compile(rules, limits).IsOk);
            limits.MaxChains = 3;
            AssertOver(Compile(rules, limits), "IPv4 chains", 4, 3);
        }

        private static RuleSet Matchers()
        {
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=input protocol=tcp src-address=10.0.0.0/8 dst-port=1,2,3 in-interface=ether1 action=add-src-to-address-list address-list=a");
            Build.Filter(rules, "chain=input protocol=tcp src-address-list=a dst-address=10.0.0.1 src-port=4 out-interface=ether2 action=add-src-to-address-list address-list=b");
            Build.Filter(rules, "chain=input src-address-list=b action=accept");
            return rules;
        }

        [TestMethod]
        public void Port_ranges_and_address_matchers_have_limits()
        {
            TableLimits exact = Build.Small();
            exact.MaxPortRanges = 4;
            exact.MaxAddressMatchers = 2;
            exact.MaxLists = 2;
            exact.MaxInterfaces = 2;
            Assert.IsTrue(Compile(Matchers(), exact).IsOk, "at every limit");
            TableLimits ports = Build.Small();
            ports.MaxPortRanges = 3;
            AssertOver(Compile(Matchers(), ports), "IPv4 port ranges", 4, 3);
            TableLimits addresses = Build.Small();
            addresses.MaxAddressMatchers = 1;
            AssertOver(Compile(Matchers(), addresses), "IPv4 address matchers", 2, 1);
        }

        [TestMethod]
        public void Lists_and_interfaces_have_limits()
        {
            TableLimits lists = Build.Small();
            lists.MaxLists = 1;
            AssertOver(Compile(Matchers(), lists), "IPv4 address lists", 2, 1);
            TableLimits interfaces = Build.Small();
            interfaces.MaxInterfaces = 1;
            AssertOver(Compile(Matchers(), interfaces), "interfaces", 2, 1);
        }

        [TestMethod]
        public void Static_entries_must_fit_their_store()
        {
            RuleSet rules = Build.SeedRecipe();
            Build.Entry(rules, "list=secure address=10.0.0.1");
            Build.Entry(rules, "list=secure address=10.0.0.2");
            Build.Entry(rules, "list=secure address=10.1.0.0/16");
            TableLimits fits = Build.Small();
            fits.Ipv4ListEntries = 2;
            fits.ListRangeEntries = 1;
            Assert.IsTrue(Compile(rules, fits).IsOk);
            TableLimits singles = Build.Small();
            singles.Ipv4ListEntries = 1;
            AssertOver(Compile(rules, singles), "IPv4 static address-list entries", 2, 1);
            TableLimits ranges = Build.Small();
            ranges.ListRangeEntries = 0;
            AssertOver(Compile(rules, ranges), "IPv4 prefix and range list entries", 1, 0);
        }

        [TestMethod]
        public void Forwards_have_a_limit_over_both_families()
        {
            RuleSet rules = new RuleSet();
            Build.Nat(rules, "chain=dstnat action=dst-nat protocol=tcp dst-port=2222 to-addresses=192.168.88.10 to-ports=22", Family.Ipv4);
            Build.Nat(rules, "chain=dstnat action=dst-nat protocol=tcp dst-port=2223 to-addresses=fd00::1 to-ports=22", Family.Ipv6);
            TableLimits limits = Build.Small();
            limits.MaxForwards = 2;
            Assert.IsTrue(Compile(rules, limits).IsOk);
            limits.MaxForwards = 1;
            AssertOver(Compile(rules, limits), "forwards", 2, 1);
        }

        [TestMethod]
        public void Ipv6_rules_are_counted_against_their_own_limit()
        {
            RuleSet rules = Build.SeedRecipe();
            Build.Filter(rules, "chain=input action=accept", Family.Ipv6);
            Build.Filter(rules, "chain=input action=drop", Family.Ipv6);
            TableLimits limits = Build.Small();
            limits.MaxRules = 1;
            AssertOver(Compile(rules, limits), "IPv4 rules", 4, 1);
            RuleSet v6only = new RuleSet();
            Build.Filter(v6only, "chain=input action=accept", Family.Ipv6);
            Build.Filter(v6only, "chain=input action=drop", Family.Ipv6);
            AssertOver(Compile(v6only, limits), "IPv6 rules", 2, 1);
        }

        [TestMethod]
        public void The_compiler_validates_before_it_counts()
        {
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=input action=jump jump-target=missing");
            TableLimits limits = Build.Small();
            limits.MaxRules = 0;
            Assert.AreEqual("unknown-chain", PackageErrors.Token(Compile(rules, limits).Error));
        }

        [TestMethod]
        public void Lists_that_an_accept_rule_matches_grant_access()
        {
            Table table = Build.Compile(Build.SeedRecipe(), Build.Small());
            Assert.IsTrue(table.Ipv4Lists.GrantsAccess(table.Ipv4.ListId("secure")));
            Assert.IsFalse(table.Ipv4Lists.GrantsAccess(table.Ipv4.ListId("port:9000")));
            Assert.AreEqual(-1, table.Ipv4.ListId("friends"));
            Assert.AreEqual(16, table.Ipv4Lists.Capacity);
            Assert.AreEqual(8, table.Ipv6Lists.Capacity);
        }

        [TestMethod]
        public void Chains_keep_added_order_and_indexes_count_disabled_rules()
        {
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=input action=jump jump-target=k");
            Build.Filter(rules, "chain=k action=passthrough disabled=yes");
            Build.Filter(rules, "chain=input action=drop");
            Build.Filter(rules, "chain=k action=accept");
            FilterTable t = Build.Compile(rules, Build.Small()).Ipv4;
            Assert.AreEqual(4, t.ChainCount);
            Assert.AreEqual("input forward output k", t.ChainName(0) + " " + t.ChainName(1) + " " + t.ChainName(2) + " " + t.ChainName(3));
            Assert.AreEqual(2, t.RulesInChain(0));
            Assert.AreEqual(2, t.RulesInChain(3));
            Assert.AreEqual(3, t.ChainIndex("k"));
            Assert.AreEqual(1, rules.Ipv4.IndexInChain(2));
            Assert.AreEqual(1, rules.Ipv4.IndexInChain(3));
        }

        [TestMethod]
        public void Compiling_reports_its_table_size_and_id()
        {
            Table table = Build.Compile(Build.SeedRecipe(), Build.Small());
            int rules = table.TableBytes - table.Ipv4.Index.Bytes - table.Ipv6.Index.Bytes;
            Assert.IsTrue(rules >= 4 * 60 && rules <= 4 * 200, "table bytes without the index " + rules.ToString());
            Assert.AreEqual(13, table.Ipv4.Index.IntervalCount);   // TCP's input cut at 6000, 6001, 9000, 9001; every other bucket one
            Assert.AreEqual("9219138b7e06be5b", table.TableId);
            Assert.AreEqual(PackageWriter.TableIdOf(Build.SeedRecipe()), table.TableId);
        }
    }
}
