// Carries diagnostics out of deep call chains (script callbacks, test assertions) to the one place
// that reports them; never shown to a user as a stack trace.
namespace Gateway.Rules.Diagnostics;

/// <summary>Thrown with a diagnostic by code that cannot return one; caught by the rules loader.</summary>
public sealed class RulesException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
