// gateway test's engine: the examples' tests pass on both firewalls, and a wrong expectation fails
// with a readable message at the line of the expectation.
using Gateway.Rules.Testing;

namespace Gateway.Rules.Tests;

public class ScriptTestRunnerTests
{
    public static TheoryData<string, EngineKind> Examples()
    {
        var data = new TheoryData<string, EngineKind>();
        foreach (var file in Directory.GetFiles(Repo.Path("examples"), "*.js").Order())
        {
            data.Add(Path.GetFileName(file), EngineKind.Table);
            data.Add(Path.GetFileName(file), EngineKind.Reference);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_tests_pass(string file, EngineKind engine)
    {
        var loaded = RulesFile.Load(Repo.Path("examples", file));
        Assert.True(loaded.IsOk, string.Join("\n", loaded.Diagnostics));
        var results = TestRunner.Run(loaded.Rules!, engine);
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, r.Failure?.ToString()));
    }

    [Fact]
    public void A_wrong_expectation_fails_with_its_line_and_what_happened()
    {
        const string script = "filter.add({chain:'input', action:'drop'});\n" +
            "test('ssh is open', t => {\n" +
            "  t.wait('1s');\n" +
            "  t.expect({dport: 22}, 'accept');\n" +
            "  t.expect({dport: 23}, 'accept');\n" +
            "});\n" +
            "test('drops', t => { t.expect({dport: 22}, 'drop'); });\n";
        var loaded = RulesFile.LoadText("rules.js", script).Rules!;
        var results = TestRunner.Run(loaded);
        Assert.Equal("rules.js:4:3: test 'ssh is open': expected accept, got drop (input rule 0) at t=1000 ms", results[0].Failure!.ToString());
        Assert.True(results[1].Passed);
    }

    [Fact]
    public void Errors_inside_a_test_are_failures_of_that_test()
    {
        const string script = "filter.add({chain:'input', action:'drop'});\n" +
            "test('typo', t => {\n  t.expect({dprot: 22}, 'drop');\n});\n" +
            "test('throws', t => {\n  nothing();\n});\n" +
            "test('bad verdict', t => { t.expect({dport: 1}, 'allow'); });\n";
        var results = TestRunner.Run(RulesFile.LoadText("rules.js", script).Rules!);
        Assert.Equal("rules.js:3:3: test 'typo': unknown packet field dprot (src, dst, proto, sport, dport, flags, chain, iface, outIface, len, state)", results[0].Failure!.ToString());
        Assert.Equal("rules.js:6:3: test 'throws': nothing is not defined", results[1].Failure!.ToString());
        Assert.Equal("rules.js:8:28: test 'bad verdict': verdict must be accept, drop or reject, not allow", results[2].Failure!.ToString());
    }

    [Fact]
    public void Each_test_starts_from_a_fresh_gateway()
    {
        const string script = "knock({sequence:[9000], grant:'in', grantTimeout:'1h'});\nfilter.add({chain:'input', action:'drop'});\n" +
            "test('knocks', t => { t.expect({dport: 9000}, 'accept'); t.expect({dport: 22}, 'accept'); });\n" +
            "test('starts closed', t => { t.expect({dport: 22}, 'drop'); t.expectNotListed('in', '203.0.113.7'); });\n";
        Assert.All(TestRunner.Run(RulesFile.LoadText("rules.js", script).Rules!), r => Assert.True(r.Passed, r.Failure?.ToString()));
    }
}
