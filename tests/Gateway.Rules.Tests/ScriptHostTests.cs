// The script sandbox: errors as exact FILE:LINE:COL text at the user's line, limits by name,
// no CLR, files, modules, eval, clock or randomness, and the same table from the same script every time.
using Gateway.Core.Package;
using Gateway.Rules.Script;

namespace Gateway.Rules.Tests;

public partial class ScriptHostTests
{
    private static string Error(string script, ScriptLimits? limits = null)
    {
        var result = RulesFile.LoadText("rules.js", script, limits);
        Assert.False(result.IsOk, "expected an error");
        return Assert.Single(result.Diagnostics).ToString();
    }

    private static LoadedRules Load(string script)
    {
        var result = RulesFile.LoadText("rules.js", script);
        Assert.True(result.IsOk, string.Join("\n", result.Diagnostics));
        return result.Rules!;
    }

    [Theory]
    [InlineData("filter.add({chain:'input' action:'drop'});", "rules.js:1:27: unexpected identifier 'action'")]
    [InlineData("'use strict';\nfilter.add({chain:'input',\n  dstProt: 22, action:'drop'});", "rules.js:3:3: unknown filter property dstProt")]
    [InlineData("filter.add({chain:'input', protocol:'tcp', dstPort: 70000, action:'drop'});", "rules.js:1:53: dstPort: port must be a number 0-65535 or a range p-q")]
    [InlineData("filter.add({chain:'input', protocol:'tcp', dstPort: 22.5, action:'drop'});", "rules.js:1:53: dstPort must be a whole number, not 22.5")]
    [InlineData("filter.add({chain:'input', action:'jump', jumpTarget:'nowhere'});", "rules.js:1:1: jump-target nowhere names a chain with no rules")]
    [InlineData("filter.add({chain:'input', dstPort: 22, action:'drop'});", "rules.js:1:1: port matchers need protocol=tcp or protocol=udp")]
    [InlineData("filter.add({chain:'input', action:'drop', layer7Protocol:'x'});", "rules.js:1:43: layer7Protocol: RouterOS matcher the gateway does not support (needs payload inspection the gateway does not do)")]
    [InlineData("filter.add({action:'drop'});", "rules.js:1:1: filter.add needs chain")]
    [InlineData("filter.add('chain=input');", "rules.js:1:1: filter.add takes one object of RouterOS properties: filter.add({chain: 'input', action: 'drop'})")]
    [InlineData("let a = 1;\nundefinedThing();", "rules.js:2:1: undefinedThing is not defined")]
    [InlineData("x = 5;", "rules.js:1:1: x is not defined")]
    [InlineData("throw new Error('my own check failed');", "rules.js:1:7: my own check failed")]
    [InlineData("knock({sequence:[9000], grant:'s', windw:'5s'});", "rules.js:1:36: unknown knock option windw (sequence, protocol, window, grant, grantTimeout, accept, chain, name, inInterface, dstAddress, family, sweepProof, psd, psdTimeout)")]
    [InlineData("knock({sequence:[9000, 70000], grant:'s'});", "rules.js:1:1: knock step 2: port must be 1-65535, not 70000")]
    [InlineData("knock({sequence:[9000]});", "rules.js:1:1: knock needs grant: the address list a finished sequence fills")]
    public void Errors_name_the_users_line_and_column(string script, string expected)
    {
        Assert.Equal(expected, Error(script));
    }

    [Theory]
    [InlineData("const d = Date.now();", "Date is not available in rules")]
    [InlineData("const r = Math.random();", "Math.random is not available in rules")]
    [InlineData("var f = System.IO.File;", "System is not defined")]
    [InlineData("var r = require('fs');", "require is not defined")]
    [InlineData("import x from 'fs';", "cannot use import statement outside a module")]
    [InlineData("eval('1');", "string compilation has been disabled")]
    [InlineData("new Function('return 1')();", "string compilation has been disabled")]
    [InlineData("fetch('http://example.com');", "fetch is not defined")]
    [InlineData("var x = importNamespace('System');", "importNamespace is not defined")]
    public void The_sandbox_offers_no_clock_chance_clr_files_or_modules(string script, string contains)
    {
        Assert.Contains(contains, Error(script));
    }

    [Fact]
    public void Each_limit_is_reported_by_name()
    {
        Assert.Equal("rules.js:2:16: script exceeded the statement limit (1000)", Error("let x = 0;\nwhile (true) { x++; }", new ScriptLimits { MaxStatements = 1000 }));
        Assert.Contains("script exceeded the recursion limit (50)", Error("function f(n) { return f(n + 1); }\nf(0);", new ScriptLimits { MaxRecursionDepth = 50 }));
        Assert.Contains("script exceeded the memory limit (1000000 bytes)", Error("let s = 'x';\nwhile (true) { s = s + s; }", new ScriptLimits { MaxMemoryBytes = 1_000_000 }));
        Assert.Contains("script exceeded the time limit (50 ms)", Error("while (true) {}", new ScriptLimits { TimeoutMs = 50, MaxStatements = int.MaxValue }));
    }

    [Fact]
    public void The_same_script_gives_the_same_table_every_time()
    {
        string script = File.ReadAllText(Repo.Path("examples", "ssh-forward.js"));
        var ids = Enumerable.Range(0, 3).Select(_ => PackageWriter.TableIdOf(RulesFile.LoadText("ssh-forward.js", script).Rules!.RuleSet)).Distinct();
        Assert.Single(ids);
    }

    [Fact]
    public void Script_and_rsc_spellings_give_the_same_table()
    {
        var js = Load(File.ReadAllText(Repo.Path("examples", "seed.js")));
        var rsc = RulesFile.Load(Repo.Path("examples", "seed.rsc"));
        Assert.True(rsc.IsOk);
        Assert.Equal(PackageWriter.TableIdOf(rsc.Rules!.RuleSet), PackageWriter.TableIdOf(js.RuleSet));
    }

    [Fact]
    public void Values_take_routeros_strings_js_numbers_arrays_and_booleans()
    {
        var a = Load("filter.add({chain:'input', protocol:'tcp', dstPort:'9000,6000-6010', connectionState:'new', log:true, action:'drop'});");
        var b = Load("filter.add({chain:'input', protocol:'tcp', 'dst-port':[9000, '6000-6010'], connectionState:['new'], log:'yes', action:'drop'});");
        Assert.Equal(PackageWriter.TableIdOf(a.RuleSet), PackageWriter.TableIdOf(b.RuleSet));
    }

    [Fact]
    public void Ipv6_menus_fill_the_ipv6_table()
    {
        var rules = Load("ipv6.filter.add({chain:'input', srcAddress:'2001:db8::/32', action:'accept'});\nipv6.addressList.add({list:'x', address:'2001:db8::1'});");
        Assert.Equal(1, rules.RuleSet.Ipv6.RuleCount);
        Assert.Equal(1, rules.RuleSet.Ipv6.EntryCount);
        Assert.Equal(0, rules.RuleSet.Ipv4.RuleCount);
    }
}
