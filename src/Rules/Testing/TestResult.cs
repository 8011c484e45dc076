// The outcome of one script test.
using Gateway.Rules.Diagnostics;

namespace Gateway.Rules.Testing;

/// <summary>A test's name and, when it failed, the diagnostic at the failing line.</summary>
public sealed record TestResult(string Name, Diagnostic? Failure)
{
    public bool Passed => Failure == null;
}
