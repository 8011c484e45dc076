// A problem in a rules file at FILE:LINE:COL (1-based), the one shape every PC-side error takes (STYLE.md 6).
namespace Gateway.Rules.Diagnostics;

/// <summary>An error in a rules file, printed as <c>rules.js:14:9: message</c>.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
