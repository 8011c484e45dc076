// What must hold before rules go to a running gateway, checked in the order a push checks it: the rules do
// not open the gateway's console to sources that never knocked on any port the target may use for it (unless
// forced), the rules' own tests pass, and the package builds. The verbs that push (push, and edit after the
// editor) run it and upload only what it built; it never talks to a gateway.
using Gateway.Rules.Diagnostics;
using Gateway.Rules.Lint;
using Gateway.Rules.Testing;

namespace Gateway.Rules.Packaging;

/// <summary>The outcome of <see cref="PushCheck.Run"/>: a package to upload, or why there is none.</summary>
public sealed record PushCheckResult(
    IReadOnlyList<Diagnostic> Warnings,
    int? OpenConsolePort,
    IReadOnlyList<TestResult> FailedTests,
    Diagnostic? BuildError,
    CompileOutput? Output)
{
    /// <summary>The rules' tests that ran and passed (0 when the console check stopped the push first).</summary>
    public int TestsPassed { get; init; }

    /// <summary>True when every check passed and <see cref="Output"/> holds the package to upload.</summary>
    public bool Ready => Output != null;
}

public static class PushCheck
{
    /// <summary>Lints for each of <paramref name="consolePorts"/> (stopping at the first the rules leave open,
    /// unless <paramref name="force"/>), runs the rules' tests, then builds the package.</summary>
    public static PushCheckResult Run(LoadedRules loaded, IReadOnlyList<int> consolePorts, bool force)
    {
        var warnings = new List<Diagnostic>();
        foreach (int consolePort in consolePorts)
        {
            var found = RulesLinter.Lint(loaded, consolePort);
            warnings.AddRange(found.Where(w => !warnings.Contains(w)));
            if (!force && LeavesConsoleOpen(found)) return new(warnings, consolePort, Array.Empty<TestResult>(), null, null);
        }
        var results = TestRunner.Run(loaded);
        var failed = results.Where(t => !t.Passed).ToList();
        int passed = results.Count - failed.Count;
        if (failed.Count > 0) return new(warnings, null, failed, null, null) { TestsPassed = passed };
        var (output, error) = PackageBuilder.Build(loaded, null);
        return new(warnings, null, failed, error, output) { TestsPassed = passed };
    }

    /// <summary>True when a warning says the console is open to sources that never knocked.</summary>
    public static bool LeavesConsoleOpen(IEnumerable<Diagnostic> warnings) =>
        warnings.Any(w => w.Message.Contains(RulesLinter.OpenDoor, StringComparison.Ordinal));
}
