// knock() expands into ordinary rules (what --explain shows) and behaves as a knock should.
using Gateway.Rules.Packaging;
using Gateway.Rules.Testing;

namespace Gateway.Rules.Tests;

public class KnockHelperTests
{
    [Fact]
    public void A_plain_knock_expands_last_step_first_with_a_list_per_step_in_both_families()
    {
        var rules = RulesFile.LoadText("k.js", "knock({sequence:[9000, 'udp:7000'], window:'5s', grant:'secure', grantTimeout:'1h', sweepProof:false});").Rules!;
        const string ip =
            "/ip firewall filter\n" +
            "add chain=input protocol=udp dst-port=7000 src-address-list=knock:secure:1 action=add-src-to-address-list address-list=secure address-list-timeout=1h comment=\"knock secure: step 2 of 2\"   # input 0\n" +
            "add chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=knock:secure:1 address-list-timeout=5s comment=\"knock secure: step 1 of 2\"   # input 1\n" +
            "add chain=input src-address-list=secure action=accept comment=\"knock secure: granted\"   # input 2";
        // The same door over IPv6, with the lists of its own family (a knock opens the family it came in).
        Assert.Equal(ip + "\n" + ip.Replace("/ip firewall", "/ipv6 firewall", StringComparison.Ordinal), PackageBuilder.Explain(rules.RuleSet));
        var ipOnly = RulesFile.LoadText("k.js", "knock({sequence:[9000, 'udp:7000'], window:'5s', grant:'secure', grantTimeout:'1h', sweepProof:false, family:'ip'});").Rules!;
        Assert.Equal(ip, PackageBuilder.Explain(ipOnly.RuleSet));
        var v6 = RulesFile.LoadText("k.js", "knock({sequence:[9000], grant:'secure', dstAddress:'2001:db8::1'});").Rules!;
        Assert.Equal(0, v6.RuleSet.Ipv4.RuleCount);   // a dstAddress names the family
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
        var rules = RulesFile.LoadText("k.js", "knock({sequence:[{port: 1000, protocol:'udp', window:'2s'}, 2000], grant:'g', accept:false, inInterface:'ether1', sweepProof:false});").Rules!;
        string explained = PackageBuilder.Explain(rules.RuleSet);
        Assert.Contains("protocol=udp dst-port=1000 in-interface=ether1 action=add-src-to-address-list address-list=knock:g:1 address-list-timeout=2s", explained);
        Assert.DoesNotContain("action=accept", explained);
    }

    [Fact]
    public void A_sweep_proof_knock_burns_a_source_that_strays_in_a_chain_of_its_own()
    {
        var rules = RulesFile.LoadText("k.js", "knock({sequence:[9000, 'udp:7000'], window:'5s', grant:'secure', grantTimeout:'1h', family:'ip'});").Rules!;
        Assert.Equal(
            "/ip firewall filter\n" +
            "add chain=input connection-state=new action=jump jump-target=knock:secure comment=\"knock secure: sweep-proof steps\"   # input 0\n" +
            "add chain=input src-address-list=secure action=accept comment=\"knock secure: granted\"   # input 1\n" +
            "add chain=knock:secure src-address-list=knock:secure:burned action=return comment=\"knock secure: a burned source makes no progress\"   # knock:secure 0\n" +
            "add chain=knock:secure protocol=tcp dst-port=!9000 src-address-list=knock:secure:1 action=add-src-to-address-list address-list=knock:secure:burned address-list-timeout=5s comment=\"knock secure: a wrong port after step 1 burns the source\"   # knock:secure 1\n" +
            "add chain=knock:secure protocol=udp dst-port=!7000 src-address-list=knock:secure:1 action=add-src-to-address-list address-list=knock:secure:burned address-list-timeout=5s comment=\"knock secure: a wrong port after step 1 burns the source\"   # knock:secure 2\n" +
            "add chain=knock:secure src-address-list=knock:secure:1 action=jump jump-target=knock:secure:steps comment=\"knock secure: after step 1\"   # knock:secure 3\n" +
            "add chain=knock:secure src-address-list=knock:secure:1 action=return comment=\"knock secure: after step 1, done\"   # knock:secure 4\n" +
            "add chain=knock:secure action=jump jump-target=knock:secure:steps comment=\"knock secure: no progress yet\"   # knock:secure 5\n" +
            "add chain=knock:secure:steps protocol=udp dst-port=7000 src-address-list=knock:secure:1 action=add-src-to-address-list address-list=secure address-list-timeout=1h comment=\"knock secure: step 2 of 2\"   # knock:secure:steps 0\n" +
            "add chain=knock:secure:steps protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=knock:secure:1 address-list-timeout=5s comment=\"knock secure: step 1 of 2\"   # knock:secure:steps 1",
            PackageBuilder.Explain(rules.RuleSet));
    }

    private const string ThreeSteps = "knock({sequence:[7000, 8000, 9000], window:'5s', grant:'in', accept:false});\nfilter.add({chain:'input', srcAddressList:'in', action:'accept'});\nfilter.add({chain:'input', action:'drop'});\n";

    [Theory]
    [InlineData("in order", "7000 8000 9000", true)]
    [InlineData("a step repeated", "7000 7000 8000 8000 9000", true)]
    [InlineData("a wrong port between steps", "7000 8000 22 9000", false)]
    [InlineData("a step out of order", "7000 8000 7000 9000", false)]
    [InlineData("an ascending sweep", "6999 7000 7001 7999 8000 8001 8999 9000 9001", false)]
    [InlineData("a sweep from the top", "9001 9000 8001 8000 7001 7000", false)]
    [InlineData("udp noise between steps", "7000 udp:7000 8000 9000", false)]
    [InlineData("a stray before the first step costs nothing", "22 7000 8000 9000", true)]
    public void A_sweep_proof_knock_opens_only_for_the_sequence_itself(string why, string packets, bool opens)
    {
        var sb = new System.Text.StringBuilder(ThreeSteps + "test('" + why + "', t => {\n");
        foreach (string p in packets.Split(' '))
        {
            string[] parts = p.Split(':');
            string proto = parts.Length == 2 ? parts[0] : "tcp";
            sb.Append("  t.send({proto: '" + proto + "', dport: " + parts[^1] + "});\n");
        }
        sb.Append(opens ? "  t.expectListed('in', '203.0.113.7');\n" : "  t.expectNotListed('in', '203.0.113.7');\n");
        sb.Append("});\n");
        var loaded = RulesFile.LoadText("k.js", sb.ToString());
        Assert.True(loaded.IsOk, string.Join("\n", loaded.Diagnostics));
        var result = TestRunner.Run(loaded.Rules!).Single();
        Assert.True(result.Passed, why + ": " + result.Failure);
    }

    [Fact]
    public void A_burned_source_can_knock_again_once_the_window_has_passed()
    {
        const string script = ThreeSteps +
            "test('burned, then again', t => {\n" +
            "  t.send({dport: 7000}); t.send({dport: 22});\n" +
            "  t.send({dport: 8000}); t.send({dport: 9000}); t.expectNotListed('in', '203.0.113.7');\n" +
            "  t.wait('6s');\n" +
            "  t.send({dport: 7000}); t.send({dport: 8000}); t.send({dport: 9000});\n" +
            "  t.expectListed('in', '203.0.113.7');\n" +
            "});\n";
        var result = TestRunner.Run(RulesFile.LoadText("k.js", script).Rules!).Single();
        Assert.True(result.Passed, result.Failure?.ToString());
    }
}
