// RouterOS commands as users paste them: the seed article verbatim, v6 and v7 paths, continuations
// (real and flattened), quoting and escapes, comments, ';', all menus; errors at their line and column.
using Gateway.Core.Defaults;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Host.RouterOs;
using Gateway.Testing;

namespace Gateway.Rules.Tests;

public class RouterOsImportTests
{
    private static RuleSet Import(string text)
    {
        var rules = new RuleSet();
        var error = new RouterOsImporter(rules).Import(text);
        Assert.True(error == null, error?.ToString());
        return rules;
    }

    private static string Error(string text)
    {
        var error = new RouterOsImporter(new RuleSet()).Import(text);
        Assert.NotNull(error);
        return error!.ToString();
    }

    private static string SeedId()
    {
        var seed = new RuleSet();
        Assert.Null(new RouterOsImporter(seed).Import(
            "/ip firewall filter\n" +
            "add chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m\n" +
            "add chain=input protocol=tcp dst-port=6000 src-address-list=port:9000 action=add-src-to-address-list address-list=secure address-list-timeout=1m\n" +
            "add chain=input src-address-list=secure action=accept\n" +
            "add chain=input action=drop\n"));
        return PackageWriter.TableIdOf(seed);
    }

    [Fact]
    public void The_seed_article_pasted_verbatim_imports_as_the_seed_recipe()
    {
        var rules = Import(DefaultRules.Text);
        Assert.Equal(4, rules.Ipv4.RuleCount);
        Assert.Equal(SeedId(), PackageWriter.TableIdOf(rules));
        Assert.Equal(DefaultRules.Text, File.ReadAllText(Repo.Path("examples", "seed.rsc")));
    }

    [Fact]
    public void Exported_line_wrapping_with_indentation_joins()
    {
        var rules = Import(RouterOsSamples.WrappedExport);
        Assert.Equal(SeedId(), PackageWriter.TableIdOf(rules));
    }

    [Fact]
    public void V7_slash_paths_and_one_line_menus_work()
    {
        var rules = Import(RouterOsSamples.V7Paths);
        Assert.Equal(SeedId(), PackageWriter.TableIdOf(rules));
    }

    [Fact]
    public void Every_menu_of_both_families_imports()
    {
        var rules = Import(RouterOsSamples.EveryMenu);
        Assert.Equal("office \"west\"", rules.Ipv4.EntryAt(0).Comment);
        Assert.Equal(22, rules.Ipv4.ForwardAt(0).ToPort);
        Assert.Equal(1, rules.Ipv6.RuleCount);
        Assert.Equal(ListTimeoutKind.Timed, rules.Ipv6.EntryAt(0).TimeoutKind);
        Assert.Equal(1, rules.Ipv4.RuleCount);
    }

    [Theory]
    [InlineData("comment=\"a\\_b\"", "a b")]
    [InlineData("comment=\"tab\\there\"", "tab\there")]
    [InlineData("comment=\"\\41\\42\"", "AB")]
    [InlineData("comment=\"cost \\$5\"", "cost $5")]
    [InlineData("comment=\"long \\\n    text\"", "long text")]
    [InlineData("comment=\"\"", "")]
    public void Quoted_values_resolve_routeros_escapes(string words, string comment)
    {
        var rules = Import("/ip firewall filter add chain=input action=accept " + words);
        Assert.Equal(comment, rules.Ipv4.RuleAt(0).Comment);
    }

    [Theory]
    [InlineData("/ip firewall filter\nadd chain=input dst-prot=22 action=drop\n", "2:17: unknown property dst-prot (did you mean dst-port?)")]
    [InlineData("/ip firewall filter\nadd chain=input protocol=tcp dst-port=70000 action=drop\n", "2:39: dst-port: port must be a number 0-65535 or a range p-q")]
    [InlineData("/ip firewall filter add chain=input nth=10,1 action=accept", "1:37: nth: RouterOS matcher the gateway does not support (not built yet)")]
    [InlineData("/ip route add dst-address=0.0.0.0/0", "1:1: unsupported menu /ip route; rules files use /ip firewall filter, address-list and nat (and /ipv6 firewall ...), /interface list and /interface list member, /spa")]
    [InlineData("add chain=input action=drop", "1:1: add outside a menu; start with /ip firewall filter (or address-list, nat)")]
    [InlineData("/ip firewall filter\nremove 0", "2:1: remove is a console command; a rules file may only add")]
    [InlineData("/ip firewall filter add chain=input comment=\"open\naction=drop", "1:45: quoted value not closed on its line (end a wrapped line with \\)")]
    [InlineData("/ip firewall filter add chain=input action=drop stray", "1:49: expected name=value, found stray")]
    [InlineData(":foreach i in=[/ip firewall filter find] do={}", "1:1: RouterOS scripting (:) is not supported; write plain commands")]
    [InlineData("/ip firewall nat add chain=srcnat action=masquerade", "1:28: nat chain must be dstnat (the gateway forwards only)")]
    [InlineData("/ip firewall filter add chain=input action=drop action=accept", "1:49: action given twice")]
    public void Problems_are_reported_at_their_line_and_column(string text, string expected)
    {
        Assert.Equal(expected, Error(text));
    }
    // As a blog printed MikroTik's port-scanner rules (issue 9): no blank after the closing quote. Read as it
    // stands, the list would be named `port scannersaddress-list-timeout=2w` and have no timeout.
    [Fact]
    public void A_word_glued_to_a_closing_quote_is_an_error_at_the_glued_word()
    {
        Assert.Equal("1:109: no blank after the closing quote: the next word would run into this value; add a space before a",
            Error("/ip firewall filter add chain=input protocol=tcp action=add-src-to-address-list address-list=\"port scanners\"address-list-timeout=2w"));
        // A continuation right after the quote joins the next line on without a blank: glued too (read as it
        // stands, the comment would swallow action=drop and the rule would default to accept).
        Assert.Equal("2:5: no blank after the closing quote: the next word would run into this value; add a space before a",
            Error("/ip firewall filter add chain=input comment=\"x\"\\\n    action=drop"));
        Assert.Equal("1:50: no blank after the closing quote: the next word would run into this value; add a space before a",
            Error("/ip firewall filter add chain=input comment=\"x\"\\ action=drop"));
        var rules = Import("/ip firewall filter add chain=input action=drop comment=\"a\"\nadd chain=input action=drop comment=\"b\";add chain=input action=accept comment=\"c\" \\\n disabled=yes");
        Assert.Equal(3, rules.Ipv4.RuleCount);
        Assert.True(rules.Ipv4.RuleAt(2).IsDisabled);
    }

    [Theory]
    [InlineData("\u201C", 81)]
    [InlineData("\u201D", 81)]
    public void Typographic_quotes_are_named_and_the_plain_quote_asked_for(string quote, int column)
    {
        string error = Error($"/ip firewall filter add chain=input action=add-src-to-address-list address-list={quote}port scanners{quote}");
        Assert.Equal($"1:{column}: typographic quote {quote} (from a web page or a word processor): RouterOS quotes with \", retype it", error);
        // Inside a quoted comment they are text.
        Import($"/ip firewall filter add chain=input action=drop comment=\"say {quote}hi{quote}\"");
    }
    [Fact]
    public void Empty_quoted_matchers_as_exports_print_them_are_unset()
    {
        var rules = Import("/ip firewall filter add action=accept chain=input connection-state=\"\" src-port=\"\" dst-address-list=\"\" log-prefix=\"\" comment=\"\"");
        var rule = rules.Ipv4.RuleAt(0);
        Assert.Equal(0, rule.ConnectionStateMask);
        Assert.Null(rule.SrcPort);
        Assert.Null(rule.DstAddressList);
        Assert.Equal("", rule.LogPrefix);
        Assert.Equal("1:37: unknown property conection-state (did you mean connection-state?)", Error("/ip firewall filter add chain=input conection-state=\"\""));
        Assert.StartsWith("1:54: connection-state must be", Error("/ip firewall filter add chain=input connection-state= action=accept"));
    }

    private static (LoadedRules? Rules, string Messages) FromFile(string text)
    {
        var loaded = RulesFile.LoadText("export.rsc", text);
        var messages = string.Join("\n", loaded.Diagnostics.Concat(loaded.Rules?.Warnings ?? Array.Empty<Gateway.Rules.Diagnostics.Diagnostic>()));
        return (loaded.IsOk ? loaded.Rules : null, messages);
    }

    [Fact]
    public void A_full_export_skips_other_menus_with_one_warning_each_and_refuses_scripting_in_the_firewall()
    {
        var (rules, messages) = FromFile("/system identity set name=gw\n/interface ethernet set [ find default-name=ether1 ] name=wan\n/ip dhcp-server\nadd name=d1 interface=bridge\nadd name=d2 interface=bridge\n/ip firewall mangle add chain=prerouting action=mark-connection new-connection-mark=x\n/ip firewall filter add chain=input action=drop\n");
        Assert.NotNull(rules);
        Assert.Equal("export.rsc:1:1: warning: skipped /system identity (1 command): not a firewall menu\n"
            + "export.rsc:2:1: warning: skipped /interface ethernet (1 command): not a firewall menu\n"
            + "export.rsc:3:1: warning: skipped /ip dhcp-server (2 commands): not a firewall menu\n"
            + "export.rsc:6:1: warning: skipped /ip firewall mangle (1 command): the gateway does not mark or change packets", messages);
        Assert.Equal(1, rules!.RuleSet.Ipv4.RuleCount);
        (rules, messages) = FromFile("/ip firewall filter add chain=input src-address=[ :resolve x ] action=drop\n");
        Assert.Null(rules);
        Assert.Equal("export.rsc:1:49: RouterOS scripting ([) is not supported; write plain commands", messages);
    }

    [Fact]
    public void Hw_offload_and_srcnat_are_ignored_with_the_reason_and_place_before_places_the_rule()
    {
        var (rules, messages) = FromFile("/ip firewall filter\nadd chain=forward action=fasttrack-connection connection-state=established,related hw-offload=yes\nadd chain=input action=drop place-before=0\n/ip firewall nat add chain=srcnat action=masquerade out-interface-list=WAN\n");
        Assert.NotNull(rules);
        Assert.Equal("export.rsc:2:84: warning: hw-offload ignored: the gateway has no fast path (fasttrack-connection passes the packet on)\n"
            + "export.rsc:4:18: warning: skipped srcnat rule: the gateway's forwards already leave from its own address, as masquerade would make them", messages);
        Assert.Equal(0, rules!.RuleSet.Ipv4.ForwardCount);
        Assert.Equal(new[] { RuleAction.Drop, RuleAction.FasttrackConnection }, new[] { rules.RuleSet.Ipv4.RuleAt(0).Action, rules.RuleSet.Ipv4.RuleAt(1).Action });
        (rules, messages) = FromFile("/ip firewall filter add chain=input action=drop place-before=3\n");
        Assert.Equal("export.rsc:1:62: place-before=3: no rule of that number yet (none was added before this one); the gateway takes a number here, not [find]", messages);
    }

    [Fact]
    public void Interface_lists_come_from_their_menus_and_WAN_or_LAN_alone_from_the_default_configuration()
    {
        var (rules, messages) = FromFile("/interface list\nadd name=INSIDE comment=x\n/interface list member\nadd list=INSIDE interface=ether2\n/ip firewall filter\nadd chain=input in-interface-list=!INSIDE action=drop\n");
        Assert.NotNull(rules);
        Assert.Equal("", messages);
        Assert.Equal("ether2", rules!.RuleSet.InterfaceLists.MemberAt(0).Interface);
        (rules, messages) = FromFile("/ip firewall filter add chain=input in-interface-list=WAN action=drop\n");
        Assert.Equal("export.rsc:1:21: warning: interface list WAN is used but not defined in the file: defined as RouterOS's default configuration has it (WAN = ether1, the gateway's port)", messages);
        Assert.Equal("ether1", rules!.RuleSet.InterfaceLists.MemberAt(0).Interface);
        (rules, messages) = FromFile("/ip firewall filter add chain=input in-interface-list=OUTSIDE action=drop\n");
        Assert.Null(rules);
        Assert.StartsWith("export.rsc:1:21: in-interface-list OUTSIDE: no such interface list", messages);
    }

    [Theory]
    [InlineData("/ip firewall filter ad chain=input action=drop\n", "export.rsc:1:1: unsupported menu /ip firewall filter ad;")]
    [InlineData("/ip address\nadd address=192.168.88.1/24 interface=bridge\nfirewall filter add chain=input action=drop\n", "export.rsc:3:1: unknown command firewall")]
    [InlineData("/ip firewall mangle\nadd chain=prerouting action=add-src-to-address-list address-list=bad\n", "export.rsc:2:29: a mangle rule with action=add-src-to-address-list changes what the filter sees")]
    [InlineData("/ip firewall raw add chain=prerouting connection-state=new action=drop\n", "export.rsc:1:18: connection-state is not a raw matcher: raw runs before connection tracking")]
    [InlineData("/ip firewall raw add chain=prerouting action=reject\n", "export.rsc:1:18: action=reject is not a raw action")]
    [InlineData("/ip firewall filter add chain=input action=notrack\n", "export.rsc:1:21: action=notrack is only for /ip firewall raw")]
    [InlineData("/interface list member add list=WAN interface=ether2\n/ip firewall filter add chain=input in-interface-list=!WAN action=drop\n", "export.rsc:1:24: interface list member of WAN: no such /interface list")]
    public void What_skipping_could_turn_into_an_open_door_is_refused(string text, string expected)
    {
        var (rules, messages) = FromFile(text);
        Assert.Null(rules);
        Assert.StartsWith(expected, messages);
    }

    [Fact]
    public void A_submenu_of_a_skipped_menu_is_skipped_and_dynamic_entries_as_RouterOS_7_exports_print_them_are_read()
    {
        var (rules, messages) = FromFile("/user\nssh-keys import user=admin public-key-file=id.pub\n/ip firewall address-list\nadd address=10.0.0.1 dynamic=no list=a\nadd address=10.0.0.2 dynamic=yes list=a\nadd address=10.0.0.3 dynamic=yes list=a timeout=1h\n");
        Assert.NotNull(rules);
        Assert.Equal("export.rsc:1:1: warning: skipped /user (1 command): not a firewall menu", messages);
        var f = rules!.RuleSet.Ipv4;
        Assert.Equal(new[] { ListTimeoutKind.Static, ListTimeoutKind.NoneDynamic, ListTimeoutKind.Timed }, Enumerable.Range(0, 3).Select(i => f.EntryAt(i).TimeoutKind));
    }

    [Fact]
    public void Explain_says_which_rules_never_match_on_the_gateway_and_which_need_packet_sight()
    {
        var (rules, _) = FromFile("/ip firewall filter\nadd chain=input src-mac-address=00:11:22:33:44:55 action=accept\nadd chain=input ttl=equal:1 action=drop\nadd chain=input src-mac-address=!00:11:22:33:44:55 action=drop\n");
        string explained = Gateway.Rules.Packaging.PackageBuilder.Explain(rules!.RuleSet);
        Assert.Contains("# input 0: never matches: the gateway sees no MAC addresses", explained);
        Assert.Contains("# input 1: needs packet sight (ttl): never matches on a board's listeners", explained);
        Assert.EndsWith("# input 2", explained);
    }
}
