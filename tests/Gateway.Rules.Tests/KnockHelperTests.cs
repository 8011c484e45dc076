// knock() expands into ordinary rules (what --explain shows) and behaves as a knock should.
using Gateway.Rules.Packaging;
using Gateway.Rules.Testing;

namespace Gateway.Rules.Tests;

public class KnockHelperTests
{
    [Fact]
    public void A_knock_expands_last_step_first_with_a_list_per_step()
    {
        var rules = RulesFile.LoadText("k.js", "knock({sequence:[9000, 'udp:7000'], window:'5s', grant:'secure', grantTimeout:'1h'});").Rules!;
        Assert.Equal(
            "/ip firewall filter\n" +
            "add chain=input protocol=udp dst-port=7000 src-address-list=knock:secure:1 action=add-src-to-address-list address-list=secure address-list-timeout=1h comment=\"knock secure: step 2 of 2\"   # input 0\n" +
            "add chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=knock:secure:1 address-list-timeout=5s comment=\"knock secure: step 1 of 2\"   # input 1\n" +
            "add chain=input src-address-list=secure action=accept comment=\"knock secure: granted\"   # input 2",
            PackageBuilder.Explain(rules.RuleSet));
    }

    [Fact]
    public void A_repeated_port_advances_one_step_per_packet()
    {
        const string script = "knock({sequence:[5000, 5000, 5000], grant:'in'});\nfilter.add({chain:'input', action:'drop'});\n" +
            "test('three knocks on one port', t => {\n" +
            "  t.expect({dport: 5000}, 'drop'); t.expectNotListed('in', '203.0.113.7');\n" +
            "  t.expect({dport: 5000}, 'drop'); t.expectNotListed('in', '203.0.113.7');\n" +
            "  t.expect({dport: 5000}, 'accept'); t.expectListed('in', '203.0.113.7');   // the granting rule accepts the last knock\n" +
            "  t.expect({dport: 22}, 'accept');\n" +
            "});\n";
        var results = TestRunner.Run(RulesFile.LoadText("k.js", script).Rules!);
        Assert.True(results.Single().Passed, results.Single().Failure?.ToString());
    }

    [Fact]
    public void Per_step_protocol_and_window_are_taken()
    {
        var rules = RulesFile.LoadText("k.js", "knock({sequence:[{port: 1000, protocol:'udp', window:'2s'}, 2000], grant:'g', accept:false, inInterface:'ether1'});").Rules!;
        string explained = PackageBuilder.Explain(rules.RuleSet);
        Assert.Contains("protocol=udp dst-port=1000 in-interface=ether1 action=add-src-to-address-list address-list=knock:g:1 address-list-timeout=2s", explained);
        Assert.DoesNotContain("action=accept", explained);
    }
}
