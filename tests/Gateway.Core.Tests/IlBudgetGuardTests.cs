// The guard CI runs on the interpreter's cost (tools/nanoframework/nanoclr-run/il-budget.sh, issue 28): a
// deliberate regression of more than 2 % fails it and names the figure; a rise within 2 % passes; a cheaper
// figure passes and asks for the budget to be lowered, unless it fell so far (or to zero) that the counter
// itself is suspect; a figure the run did not produce fails. The recorded
// budget itself parses and covers the seed recipe's kinds of packet and the 256-rule table.
using System.Diagnostics;

namespace Gateway.Core.Tests;

public sealed class IlBudgetGuardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gateway-il-budget-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Exit, string Output) Guard(string budget, string measured)
    {
        string b = Path.Combine(_dir, "budget.tsv"), m = Path.Combine(_dir, "measured.tsv");
        File.WriteAllText(b, "# comment\n" + budget);
        File.WriteAllText(m, measured);
        var start = new ProcessStartInfo("bash", [Repo.Path("tools", "nanoframework", "nanoclr-run", "il-budget.sh"), b, m]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    // Runs the guard and checks its exit status and that its report says each of the texts.
    private void AssertGuard(string budget, string measured, int exit, params string[] says)
    {
        var (actual, output) = Guard(budget, measured);
        Assert.True(exit == actual, $"exit {actual}, not {exit}: {output}");
        foreach (string text in says) Assert.Contains(text, output);
    }

    [Fact]
    public void A_rise_of_more_than_two_percent_fails_and_says_which()
    {
        AssertGuard("table.scan\t1000.00\ntable.knock\t2000.00\n", "table.scan\t1021.00\ntable.knock\t2000.00\n", 1,
            "table.scan", "1000.00 ->    1021.00  (+2.1 %) ROSE more than 2 %", "table.knock");
    }

    [Fact]
    public void Within_two_percent_passes_and_cheaper_asks_to_lower_the_budget()
    {
        AssertGuard("table.scan\t1000.00\n", "table.scan\t1019.00\n", 0);
        AssertGuard("table.scan\t1000.00\n", "table.scan\t900.00\nhandwritten.scan\t500.00\n", 0, "cheaper: lower the budget to it");
    }

    [Fact]
    public void A_fall_of_more_than_twenty_percent_or_a_zero_fails_as_a_counter_that_stopped_counting()
    {
        AssertGuard("table.scan\t1000.00\n", "table.scan\t790.00\n", 1, "FELL more than 20 %: check the counter");
        AssertGuard("table.scan\t1000.00\n", "table.scan\t0.00\n", 1, "NOT COUNTED");
    }

    [Fact]
    public void A_figure_the_run_did_not_produce_fails()
    {
        AssertGuard("table.scan\t1000.00\ntable256.scan\t1100.00\n", "table.scan\t1000.00\n", 1, "table256.scan", "MISSING");
    }

    [Fact]
    public void The_recorded_budget_covers_the_seed_kinds_and_256_rules()
    {
        var names = File.ReadAllLines(Repo.Path("bench", "il-budget.tsv")).Where(l => !l.StartsWith('#') && l.Length > 0)
            .Select(l => l.Split('\t')).ToDictionary(f => f[0], f => double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
        foreach (string kind in new[] { "scan", "knock", "granted", "other" })
        {
            Assert.True(names.ContainsKey("table." + kind), "table." + kind);
            Assert.True(names.ContainsKey("table256." + kind), "table256." + kind);
        }
        Assert.All(names.Values, v => Assert.InRange(v, 1, 1_000_000));
    }
}
