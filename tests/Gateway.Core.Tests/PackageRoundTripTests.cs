// Rule package writer and reader: write -> read -> identical table id and identical bytes, for every
// property the model has, both families, entries, forwards and non-ASCII text.
using System.Text;

namespace Gateway.Core.Tests;

public class PackageRoundTripTests
{
    internal static RuleSet Everything()
    {
        var r = new RuleSet();
        r.Filter("chain=input connection-state=established,related action=accept");
        r.Filter("chain=input connection-state=invalid action=drop log=yes log-prefix=bad");
        r.Filter("chain=input protocol=tcp src-address=!10.0.0.0/8 dst-address=192.0.2.1 src-port=1024-65535 dst-port=9000 in-interface=ether1 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m");
        r.Filter("chain=input protocol=tcp tcp-flags=syn,!ack port=!22,80 packet-size=40-1500 action=jump jump-target=knock comment=knock");
        r.Filter("chain=knock protocol=tcp dst-port=6000 src-address-list=port:9000 action=add-src-to-address-list address-list=secure address-list-timeout=none-static");
        r.Filter("chain=knock src-address-list=secure action=accept");
        r.Filter("chain=knock action=return");
        r.Filter("chain=input protocol=udp dst-address-list=!secure action=reject reject-with=icmp-admin-prohibited");
        r.Filter("chain=input protocol=tcp action=tarpit disabled=yes");
        r.Filter("chain=forward out-interface=!ether2 protocol=17 action=passthrough");
        r.Filter("chain=output action=add-dst-to-address-list address-list=talked-to address-list-timeout=1d00:00:00");
        r.Filter("chain=input action=log log-prefix=last");
        r.Filter("chain=forward action=fasttrack-connection connection-state=established,related");
        r.Filter("chain=forward in-interface-list=WAN out-interface-list=!LAN connection-nat-state=!dstnat connection-state=new action=drop");
        r.Filter("chain=forward ipsec-policy=in,ipsec action=accept");
        r.Filter("chain=input src-address-type=!local dst-address-type=broadcast,multicast action=drop");
        r.Filter("chain=input protocol=icmp icmp-options=3:0-255 fragment=no ttl=less-than:2 action=drop");
        r.Filter("chain=input src-mac-address=!00:11:22:AA:bb:cc action=drop");
        r.Filter("chain=input protocol=icmp limit=50/1s,5:packet dst-limit=5,10,src-address/1m40s action=accept");
        r.Filter("chain=input protocol=tcp connection-limit=3,32 action=tarpit");
        r.Filter("chain=input action=drop");
        r.Entry("list=secure address=198.51.100.0/24 comment=office");
        r.Entry("list=secure address=203.0.113.5-203.0.113.9 timeout=1h");
        r.Entry("list=secure address=198.51.100.77 disabled=yes");
        r.Nat("chain=dstnat action=dst-nat protocol=tcp dst-port=2222 to-addresses=192.168.88.10 to-ports=22 in-interface=ether1");
        r.Nat("chain=dstnat action=dst-nat protocol=udp dst-port=5060 to-addresses=192.168.88.20");
        r.Filter("chain=input protocol=icmpv6 action=accept", Family.Ipv6);
        r.Filter("chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=k6 address-list-timeout=30s", Family.Ipv6);
        r.Filter("chain=input src-address-list=k6 src-address=2001:db8::/32 action=accept", Family.Ipv6);
        r.Filter("chain=input protocol=icmpv6 icmp-options=135 hop-limit=equal:255 action=accept", Family.Ipv6);
        r.Filter("chain=input action=reject reject-with=icmp-no-route", Family.Ipv6);
        r.Entry("list=k6 address=2001:db8:1::/48", Family.Ipv6);
        r.Entry("list=k6 address=2001:db8::7", Family.Ipv6);
        r.Nat("chain=dstnat action=dst-nat protocol=tcp dst-port=2223 to-addresses=fd00::10 to-ports=22", Family.Ipv6);
        r.Ipv4.Raw.AddRule(Rule("chain=prerouting protocol=tcp tcp-flags=fin,syn action=drop"));
        r.Ipv4.Raw.AddRule(Rule("chain=prerouting protocol=icmp action=jump jump-target=icmp4"));
        r.Ipv4.Raw.AddRule(Rule("chain=icmp4 protocol=icmp icmp-options=8:0 limit=5,10:packet action=accept"));
        r.Ipv4.Raw.AddRule(Rule("chain=output action=notrack"));
        r.InterfaceLists.AddList(new InterfaceList { Name = "WAN", Comment = "defconf" });
        r.InterfaceLists.AddList(new InterfaceList { Name = "LAN" });
        r.InterfaceLists.AddList(new InterfaceList { Name = "ALL-BUT-WAN", Include = "all", Exclude = "WAN" });
        r.InterfaceLists.AddMember(new InterfaceListMember { List = "WAN", Interface = "ether1" });
        r.InterfaceLists.AddMember(new InterfaceListMember { List = "LAN", Interface = "bridge", Comment = "defconf", IsDisabled = true });
        return r;
    }

    private static Rule Rule(string words)
    {
        var rule = new Rule();
        foreach (var word in words.Split(' '))
        {
            int eq = word.IndexOf('=');
            Assert.Equal(PropertyError.None, RuleProperties.Set(rule, Family.Ipv4, word[..eq], word[(eq + 1)..], out _));
        }
        return rule;
    }

    private static RulePackage Read(byte[] bytes, TableLimits? limits = null)
    {
        var result = new PackageReader(limits ?? new TableLimits()).Read(new ByteArraySource(bytes), out var package);
        Assert.True(result.IsOk, result.ToString());
        return package!;
    }

    [Fact]
    public void Write_read_write_gives_the_same_table_id_and_the_same_bytes()
    {
        var rules = Everything();
        const string source = "// rules.js — knock for \"SSH\" ✓ 🚪\r\n\tfilter.add({});\n";
        byte[] first = PackageWriter.Write(rules, "rules.js", source);
        var package = Read(first);
        Assert.Equal(PackageWriter.TableIdOf(rules), package.TableId);
        Assert.Equal(PackageWriter.TableIdOf(package.RuleSet), package.TableId);
        Assert.Equal("rules.js", package.SourceFile);
        Assert.Equal(source, package.SourceText);
        byte[] second = PackageWriter.Write(package.RuleSet, package.SourceFile, package.SourceText!);
        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.Equal(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(first)), first);   // valid UTF-8
    }

    [Fact]
    public void The_everything_rule_set_compiles()
    {
        var table = Build.Compile(Everything());
        Assert.Equal(13, table.Ipv4.RulesInChain(table.Ipv4.ChainIndex("input")));
        Assert.Equal(3, table.Forwards.Length);
        Assert.Equal(2, table.Ipv4Lists.RangeCount);
        Assert.Equal(0, table.Ipv4Lists.Count);       // the disabled entry is not loaded
        Assert.Equal(1, table.Ipv6Lists.Count);
    }

    [Fact]
    public void Equal_rules_give_equal_ids_and_any_change_gives_another()
    {
        Assert.Equal(PackageWriter.TableIdOf(Build.SeedRecipe()), PackageWriter.TableIdOf(Build.SeedRecipe()));
        var changed = Build.SeedRecipe();
        changed.Ipv4.RuleAt(0).AddressListTimeoutMs = 61_000;
        Assert.NotEqual(PackageWriter.TableIdOf(Build.SeedRecipe()), PackageWriter.TableIdOf(changed));
    }

    [Fact]
    public void Equivalent_spellings_are_one_canonical_form()
    {
        var a = new RuleSet();
        a.Filter("chain=input protocol=6 src-address=203.0.113.77/24 dst-port=22 action=add-src-to-address-list address-list=x address-list-timeout=00:01:00");
        var b = new RuleSet();
        b.Filter("chain=input protocol=tcp src-address=203.0.113.0/24 dst-port=22 action=add-src-to-address-list address-list=x address-list-timeout=1m");
        Assert.Equal(PackageWriter.TableIdOf(a), PackageWriter.TableIdOf(b));
    }

    [Fact]
    public void The_device_can_skip_the_source_text()
    {
        byte[] bytes = PackageWriter.Write(Build.SeedRecipe(), "rules.rsc", new string('x', 50_000));
        var reader = new PackageReader(new TableLimits()) { KeepSource = false };
        Assert.True(reader.Read(new ByteArraySource(bytes), out var package).IsOk);
        Assert.Null(package!.SourceText);
        Assert.Equal("rules.rsc", package.SourceFile);
    }

    [Fact]
    public void Numbers_are_accepted_for_numeric_values()
    {
        var rules = Build.SeedRecipe();
        string json = Encoding.UTF8.GetString(Build.PackageOf(rules)).Replace("\"dst-port\":\"9000\"", "\"dst-port\":9000");
        var package = Read(Encoding.UTF8.GetBytes(json));
        Assert.Equal(PackageWriter.TableIdOf(rules), package.TableId);
    }
}
