// On the nanoCLR: RuleSetValidator (Core/Package) on jump targets and jump cycles (its Kahn's-algorithm pass
// builds chain names in a string array, the code the nanoCLR string-array quirk hit), lists nothing fills,
// duplicate entries and properties that do not go together; each with the desktop's exact message.
using Gateway.Core.Model;
using Gateway.Core.Package;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class ValidatorDeviceTests
    {
        private static void AssertRefused(RuleSet rules, PackageError error, string message)
        {
            PackageResult r = RuleSetValidator.Validate(rules);
            Assert.AreEqual(PackageErrors.Token(error), PackageErrors.Token(r.Error), r.ToString());
            Assert.AreEqual(message, r.Message);
        }

        [TestMethod]
        public void The_seed_recipe_and_a_diamond_of_jumps_are_valid()
        {
            Assert.IsTrue(RuleSetValidator.Validate(Build.SeedRecipe()).IsOk, "seed");
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=input action=jump jump-target=a");
            Build.Filter(rules, "chain=input action=jump jump-target=b");
            Build.Filter(rules, "chain=a action=jump jump-target=c");
            Build.Filter(rules, "chain=b action=jump jump-target=c");
            Build.Filter(rules, "chain=c action=accept");
            PackageResult r = RuleSetValidator.Validate(rules);
            Assert.IsTrue(r.IsOk, r.ToString());
        }

        [TestMethod]
        public void A_jump_to_a_chain_with_no_rules_is_an_unknown_chain()
        {
            RuleSet rules = Build.SeedRecipe();
            Build.Filter(rules, "chain=input action=jump jump-target=nowhere");
            AssertRefused(rules, PackageError.UnknownChain, "jump-target nowhere names a chain with no rules");
        }

        [TestMethod]
        public void A_jump_to_a_built_in_chain_is_an_unknown_chain()
        {
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=a action=jump jump-target=input");
            Build.Filter(rules, "chain=input action=jump jump-target=a");
            AssertRefused(rules, PackageError.UnknownChain, "jump-target input is a built-in chain; jump to a custom chain");
        }

        [TestMethod]
        public void Chains_that_jump_into_each_other_are_a_jump_cycle()
        {
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=input action=jump jump-target=a");
            Build.Filter(rules, "chain=a action=jump jump-target=b");
            Build.Filter(rules, "chain=b protocol=tcp action=jump jump-target=a");
            Build.Filter(rules, "chain=b action=accept");
            AssertRefused(rules, PackageError.JumpCycle, "jump from a to b closes a loop of chains");
        }

        [TestMethod]
        public void A_chain_that_jumps_to_itself_is_a_jump_cycle()
        {
            RuleSet rules = new RuleSet();
            Build.Filter(rules, "chain=k action=jump jump-target=k");
            AssertRefused(rules, PackageError.JumpCycle, "jump from k to k closes a loop of chains");
        }

        [TestMethod]
        public void Ipv6_rules_are_validated_on_their_own()
        {
            RuleSet rules = Build.SeedRecipe();
            Build.Filter(rules, "chain=x action=jump jump-target=y", Family.Ipv6);
            Build.Filter(rules, "chain=y action=jump jump-target=x", Family.Ipv6);
            AssertRefused(rules, PackageError.JumpCycle, "jump from x to y closes a loop of chains");
            RuleSet split = new RuleSet();
            Build.Filter(split, "chain=input action=accept");
            Build.Filter(split, "chain=input action=jump jump-target=input-ish", Family.Ipv6);
            Build.Filter(split, "chain=input-ish action=accept");   // IPv4's chain does not count for IPv6
            AssertRefused(split, PackageError.UnknownChain, "jump-target input-ish names a chain with no rules");
        }

        [TestMethod]
        public void A_list_that_nothing_fills_is_accepted_and_an_undefined_interface_list_is_unknown()
        {
            RuleSet rules = Build.SeedRecipe();
            Build.Filter(rules, "chain=input src-address-list=friends action=accept");
            Assert.IsTrue(RuleSetValidator.Validate(rules).IsOk, "RouterOS accepts an empty list");
            Build.Filter(rules, "chain=input in-interface-list=WAN action=drop");
            AssertRefused(rules, PackageError.UnknownList, "in-interface-list WAN: no such interface list (add it under /interface list; built in: all, none, dynamic, static)");
            InterfaceList wan = new InterfaceList();
            wan.Name = "WAN";
            rules.InterfaceLists.AddList(wan);
            Assert.IsTrue(RuleSetValidator.Validate(rules).IsOk, "defined");
        }

        [TestMethod]
        public void The_same_address_twice_in_a_list_is_a_duplicate_entry()
        {
            RuleSet rules = Build.SeedRecipe();
            Build.Entry(rules, "list=secure address=10.0.0.0/24");
            Build.Entry(rules, "list=secure address=10.0.0.9/24");
            AssertRefused(rules, PackageError.DuplicateEntry, "already have such entry: 10.0.0.0/24 in secure");
        }

        [TestMethod]
        public void Properties_that_do_not_go_together_are_bad_values()
        {
            string[] rows =
            {
                "chain=input protocol=icmp dst-port=22 action=drop|port matchers need protocol=tcp or protocol=udp",
                "chain=input protocol=udp tcp-flags=syn action=drop|tcp-flags needs protocol=tcp",
                "chain=input action=add-src-to-address-list|action add-src-to-address-list needs address-list",
                "chain=input action=drop reject-with=tcp-reset|reject-with is only for action=reject",
                "chain=input protocol=udp action=reject reject-with=tcp-reset|reject-with=tcp-reset needs protocol=tcp",
                "chain=input action=reject reject-with=icmp-no-route|reject-with=icmp-no-route does not exist for IPv4",
                "chain=input protocol=udp action=tarpit|tarpit needs IPv4 and protocol=tcp",
                "chain=input action=jump|action=jump needs jump-target",
            };
            for (int i = 0; i < rows.Length; i++)
            {
                int bar = rows[i].IndexOf('|');
                RuleSet rules = new RuleSet();
                Build.Filter(rules, rows[i].Substring(0, bar));
                PackageResult r = RuleSetValidator.Validate(rules);
                Assert.AreEqual("bad-value", PackageErrors.Token(r.Error), rows[i]);
                Assert.AreEqual(rows[i].Substring(bar + 1), r.Message, rows[i]);
            }
        }
    }
}
