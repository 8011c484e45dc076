// spa() expands into the /spa door, an accept for its UDP port and one accept per port it opens from the door's
// grant list (what --explain shows); the door survives the package and the RouterOS text both ways; its keys are
// never part of either, and a rules file that tries to carry them is refused at the line.
using Gateway.Core.Package;
using Gateway.Rules.Packaging;

namespace Gateway.Rules.Tests;

public class SpaHelperTests
{
    private const string Script = "spa({ name: 'ssh', open: ['tcp/22', 'udp/1194'], timeout: '45s', maxTimeout: '10m', sources: ['198.51.100.0/24', '203.0.113.7'], maxAge: '90s', requireSourceAddress: true });\n" +
        "filter.add({ chain: 'input', action: 'drop' });\n";

    [Fact]
    public void A_door_expands_into_visible_rules_and_lists()
    {
        var rules = RulesFile.LoadText("door.js", Script).Rules!;
        Assert.Equal(
            "/spa\n" +
            "add name=ssh port=62201 open=tcp/22,udp/1194 sources=198.51.100.0/24,203.0.113.7 timeout=45s max-timeout=10m max-age=1m30s require-source-address=yes\n" +
            "/ip firewall filter\n" +
            "add chain=input protocol=udp dst-port=62201 action=accept comment=\"spa ssh: datagrams to udp/62201\"   # input 0\n" +
            "add chain=input protocol=tcp dst-port=22 src-address-list=spa:ssh:tcp/22 action=accept comment=\"spa ssh: granted tcp/22\"   # input 1\n" +
            "add chain=input protocol=udp dst-port=1194 src-address-list=spa:ssh:udp/1194 action=accept comment=\"spa ssh: granted udp/1194\"   # input 2\n" +
            "add chain=input action=drop   # input 3",
            PackageBuilder.Explain(rules.RuleSet));
        Assert.Equal(0, rules.RuleSet.Ipv6.RuleCount);   // fwknop asks over IPv4
        // No warning that nothing fills the grant lists: the door does.
        Assert.DoesNotContain(rules.Warnings, w => w.Message.Contains("spa:ssh", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_doors_on_one_port_share_its_accept()
    {
        var rules = RulesFile.LoadText("doors.js", "spa({ name: 'a', open: 'tcp/22' });\nspa({ name: 'b', open: 'tcp/80', sources: '10.0.0.0/8' });\n").Rules!;
        Assert.Equal(2, rules.RuleSet.Spa.Count);
        Assert.Single(Enumerable.Range(0, rules.RuleSet.Ipv4.RuleCount).Select(rules.RuleSet.Ipv4.RuleAt), r => r.Protocol == Gateway.Core.Model.Protocols.Udp);
    }

    [Fact]
    public void The_door_survives_the_package_and_the_routeros_text()
    {
        var rules = RulesFile.LoadText("door.js", Script).Rules!;
        byte[] package = PackageWriter.Write(rules.RuleSet, "door.js", Script);
        Assert.True(new PackageReader(new Gateway.Core.Tables.TableLimits()).Read(new ByteArraySource(package), out var read).IsOk);
        Assert.Equal(PackageBuilder.Explain(rules.RuleSet), PackageBuilder.Explain(read!.RuleSet));
        string rsc = Gateway.Host.RouterOs.RouterOsExport.Text(rules.RuleSet);
        var again = RulesFile.LoadText("door.rsc", rsc).Rules!;
        Assert.Equal(PackageWriter.TableIdOf(rules.RuleSet), PackageWriter.TableIdOf(again.RuleSet));
    }

    [Theory]
    [InlineData("spa({ open: ['tcp/22'] });", "door.js:1:1: spa needs name")]
    [InlineData("spa({ name: 'ssh' });", "door.js:1:1: spa needs open")]
    [InlineData("spa({ name: 'ssh', open: ['tcp/0'] });", "door.js:1:26: spa: open must list protocol/port items")]
    [InlineData("spa({ name: 'ssh', open: ['icmp/22'] });", "door.js:1:26: spa: open must list protocol/port items")]
    [InlineData("spa({ name: 'ssh', open: 'tcp/22', maxAge: '0s' });", "door.js:1:44: spa: maxAge must be a time from 1s to 1d")]
    [InlineData("spa({ name: 'ssh', open: 'tcp/22', sources: '2001:db8::/32' });", "door.js:1:45: spa: sources: ")]
    [InlineData("spa({ name: 'ssh', open: 'tcp/22', key: 'c2VjcmV0' });", "door.js:1:36: unknown spa option key")]
    [InlineData("spa({ name: 'ssh', open: 'tcp/22' });\nspa({ name: 'ssh', open: 'tcp/80' });", "door.js:2:1: spa door ssh is defined twice")]
    [InlineData("spa({ name: 'a:b', open: 'tcp/22' });", "door.js:1:13: spa: name must be")]
    public void Mistakes_are_named_at_their_place(string script, string expected)
    {
        var result = RulesFile.LoadText("door.js", script);
        Assert.False(result.IsOk);
        Assert.StartsWith(expected, result.Diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/spa\nadd name=ssh open=tcp/22\n/spa key set name=ssh key=c2VjcmV0 hmac-key=bW9yZQ\n", "door.rsc:3:1: SPA keys never travel in rules or packages")]
    [InlineData("/spa\nadd name=ssh\n", "door.rsc:2:1: spa add needs name= and open=")]
    [InlineData("/spa\nadd name=ssh open=tcp/22 key=c2VjcmV0\n", "door.rsc:2:26: unknown spa property key")]
    public void A_rules_file_cannot_carry_keys_or_a_door_without_what_it_opens(string rsc, string expected)
    {
        var result = RulesFile.LoadText("door.rsc", rsc);
        Assert.False(result.IsOk);
        Assert.StartsWith(expected, result.Diagnostics[0].ToString(), StringComparison.Ordinal);
    }
}
