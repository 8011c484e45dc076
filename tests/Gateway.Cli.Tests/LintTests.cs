// gateway lint flags what weakens a door (the seed recipe's two descending steps, an open console, a grant
// for good, a knock port that is also a service, sessions that die with the grant) and passes the
// hardened example. Push refuses rules that open the console to everyone unless --force.
using Gateway.Cli.Commands;
using Gateway.Rules;
using Gateway.Rules.Lint;
using Gateway.Rules.Packaging;

namespace Gateway.Cli.Tests;

[Collection(ConsoleGroup.Name)]
public class LintTests
{
    private static string[] Lint(string file, string text) =>
        RulesLinter.Lint(RulesFile.LoadText(file, text).Rules!, PackageBuilder.DefaultConsolePort).Select(d => d.ToString()).ToArray();

    private static string[] LintExample(string name) =>
        RulesLinter.Lint(RulesFile.Load(Repo.Path("examples", name)).Rules!, PackageBuilder.DefaultConsolePort).Select(d => d.ToString()).ToArray();

    [Fact]
    public void The_seed_recipe_is_flagged_for_its_two_walkable_steps_and_its_sessions()
    {
        Assert.Equal(new[]
        {
            "seed.rsc:1:21: warning: the knock 9000,6000 has 2 steps: a port scan in random order walks it in half of its sweeps; use three or more",
            "seed.rsc:1:21: warning: the knock 9000,6000 is in descending order and a wrong port does not reset it: a sequential sweep walks it; use knock() (sweep-proof) or an order no sweep follows",
            "seed.rsc:1:21: warning: no input rule accepts connection-state=established: open sessions end when their grant does (as on RouterOS); add connection-state=established,related action=accept first to keep them",
        }, LintExample("seed.rsc"));
    }

    [Theory]
    [InlineData("hardened.js")]
    [InlineData("ssh-forward.js")]
    public void The_hardened_examples_pass(string name) => Assert.Empty(LintExample(name));

    [Fact]
    public void Rules_without_a_final_drop_open_every_port_but_the_console()
    {
        // RouterOS accepts what no rule decides; the gateway keeps its own services closed (fail closed).
        var warnings = Lint("open.rsc", "/ip firewall filter\nadd chain=input protocol=tcp dst-port=22 action=drop\n");
        Assert.DoesNotContain(warnings, w => w.Contains("the door is open", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("accepts a new connection to an unused port (tcp 1) from anyone", StringComparison.Ordinal));
    }

    [Fact]
    public void A_warning_names_the_accepting_rule_even_after_a_disabled_one()
    {
        var warnings = Lint("d.rsc", "/ip firewall filter\nadd chain=input action=drop disabled=yes\nadd chain=input action=accept\n");
        Assert.Contains("d.rsc:3:1: warning: the console (tcp 2323) accepts a new IPv4 connection from an address that never knocked: the door is open", warnings);
    }

    [Fact]
    public void An_ipv6_rule_that_opens_the_console_is_flagged_even_when_ipv4_is_guarded()
    {
        var warnings = Lint("v6.js",
            "knock({sequence:[7431, 2917, 8862], grant:'in', grantTimeout:'1m'});\n" +
            "filter.add({chain:'input', action:'drop'});\n" +
            "ipv6.filter.add({chain:'input', protocol:'tcp', dstPort:2323, action:'accept'});\n");
        Assert.Contains("v6.js:3:1: warning: the console (tcp 2323) accepts a new IPv6 connection from an address that never knocked: the door is open", warnings);
        Assert.DoesNotContain(warnings, w => w.Contains("IPv4 connection", StringComparison.Ordinal));
    }

    [Fact]
    public void The_console_is_checked_on_the_port_of_the_target()
    {
        const string rules = "/ip firewall filter\nadd chain=input protocol=tcp dst-port=23 action=accept\nadd chain=input action=drop\n";
        var loaded = RulesFile.LoadText("b.rsc", rules).Rules!;
        Assert.Empty(RulesLinter.Lint(loaded, PackageBuilder.DefaultConsolePort));
        Assert.Contains(RulesLinter.Lint(loaded, PackageBuilder.ConsolePortFor(null, "wt32-eth01")), d => d.Message.Contains("the console (tcp 23)", StringComparison.Ordinal));
        Assert.Equal(2424, PackageBuilder.ConsolePortFor(2424, "wt32-eth01"));
        Assert.Equal(PackageBuilder.DefaultConsolePort, PackageBuilder.ConsolePortFor(null, null));
    }

    [Fact]
    public void The_board_console_port_is_the_firmware_s()
    {
        // The CLI cannot reference the device assembly: read the constant from its source.
        string settings = File.ReadAllText(Repo.Path("src", "Firmware", "Device", "Settings", "DeviceSettings.cs"));
        Assert.Contains($"public const int DefaultConsolePort = {PackageBuilder.BoardConsolePort};", settings);
    }

    [Fact]
    public void A_grant_for_good_and_a_knock_port_that_is_a_service_are_flagged()
    {
        var warnings = Lint("k.js",
            "filter.add({chain:'input', connectionState:'established', action:'accept'});\n" +
            "filter.add({chain:'input', protocol:'tcp', dstPort: 8080, action:'accept'});\n" +
            "knock({sequence:[7000, 8080, 9000], grant:'in', grantTimeout:'2d'});\n" +
            "filter.add({chain:'input', action:'drop'});\n");
        Assert.Contains("k.js:2:1: warning: knock port 8080 is also accepted as a service here: anyone who uses the service takes a knock step", warnings);
        Assert.Contains("k.js:3:1: warning: the grant in lasts 2d: longer than a day, a knock becomes a key; grant minutes or hours", warnings);
        Assert.DoesNotContain(warnings, w => w.Contains("order", StringComparison.Ordinal));   // knock() is sweep-proof
        Assert.Contains(Lint("k.js", "knock({sequence:[7000, 8000, 9000], grant:'in', sweepProof:false});\nfilter.add({chain:'input', action:'drop'});\n"),
            w => w.Contains("is in ascending order and a wrong port does not reset it", StringComparison.Ordinal));
    }

    [Fact]
    public void Push_needs_its_target_before_it_judges()
    {
        string path = Path.Combine(Path.GetTempPath(), "gateway-open-" + Guid.NewGuid().ToString("N") + ".rsc");
        File.WriteAllText(path, "/ip firewall filter\nadd chain=input action=accept\n");
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            // Push asks the target for its console port before it judges: no target, nothing pushed.
            Assert.ThrowsAny<IOException>(() => PushCommand.Push(path, "/dev/null/no-such-port"));
            Assert.ThrowsAny<IOException>(() => PushCommand.Push(path, "/dev/null/no-such-port", force: true));
        }
        finally
        {
            Console.SetError(saved);
            File.Delete(path);
        }
    }
}
