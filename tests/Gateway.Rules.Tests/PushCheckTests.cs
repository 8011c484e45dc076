// The checks a push runs before anything reaches a gateway (PushCheck): rules that open the console on a
// port the target may use are stopped there unless forced, failing tests stop the push, and only rules that
// pass every check come back as a package.
using Gateway.Rules.Packaging;

namespace Gateway.Rules.Tests;

public class PushCheckTests
{
    // Opens a board's console (23) to everyone; an emulator's (2323) falls through and stays closed.
    private const string OpenConsole = "/ip firewall filter\nadd chain=input protocol=tcp dst-port=23 action=accept\nadd chain=input action=drop\n";

    private static LoadedRules Load(string file, string text) => RulesFile.LoadText(file, text).Rules!;

    [Fact]
    public void Rules_that_open_the_console_are_stopped_at_the_port_they_open()
    {
        var check = PushCheck.Run(Load("open.rsc", OpenConsole), new[] { 2323, 23 }, force: false);
        Assert.False(check.Ready);
        Assert.Equal(23, check.OpenConsolePort);
        Assert.Null(check.Output);
        Assert.Contains(check.Warnings, w => w.Message.Contains("tcp 23)", StringComparison.Ordinal));
        Assert.DoesNotContain(check.Warnings, w => w.Message.Contains("tcp 2323", StringComparison.Ordinal));
    }

    [Fact]
    public void Forced_rules_that_open_the_console_are_built_with_their_warnings()
    {
        var check = PushCheck.Run(Load("open.rsc", OpenConsole), new[] { 2323, 23 }, force: true);
        Assert.True(check.Ready);
        Assert.Null(check.OpenConsolePort);
        Assert.Contains(check.Warnings, w => w.Message.Contains("tcp 23)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_test_stops_the_push_and_says_which()
    {
        const string script = """
            filter.add({ chain: 'input', action: 'drop' });
            test('the console opens without a knock', t => { t.expect({ dport: 2323 }, 'accept'); });
            """;
        var check = PushCheck.Run(Load("door.js", script), new[] { 2323 }, force: false);
        Assert.False(check.Ready);
        Assert.Null(check.OpenConsolePort);
        Assert.Single(check.FailedTests);
        Assert.Equal(0, check.TestsPassed);
        Assert.Equal("the console opens without a knock", check.FailedTests[0].Name);
    }

    [Fact]
    public void Rules_that_pass_every_check_come_back_as_the_package_compile_would_build()
    {
        var loaded = RulesFile.Load(Repo.Path("examples", "hardened.js")).Rules!;
        var check = PushCheck.Run(loaded, new[] { 23, 2323 }, force: false);
        Assert.True(check.Ready, string.Join("\n", check.Warnings));
        Assert.Empty(check.Warnings);
        Assert.Empty(check.FailedTests);
        Assert.Equal(7, check.TestsPassed);   // every test() of hardened.js
        Assert.Equal(PackageBuilder.Build(loaded, null).Output!.TableId, check.Output!.TableId);
    }
}
