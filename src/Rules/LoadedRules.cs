// A rules file after loading: its RuleSet, its source, and (for scripts) its tests and the session
// that can run them.
using Gateway.Core.Model;
using Gateway.Rules.Diagnostics;
using Gateway.Rules.Script;
using Gateway.Rules.Testing;

namespace Gateway.Rules;

/// <summary>A loaded, validated rules file.</summary>
public sealed class LoadedRules
{
    public required string File { get; init; }
    public required string Source { get; init; }
    public required RuleSet RuleSet { get; init; }
    public IReadOnlyList<ScriptTest> Tests { get; init; } = Array.Empty<ScriptTest>();
    /// <summary>What loading skipped or ignored (a full export's other menus, place-before, srcnat), each with why.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = Array.Empty<Diagnostic>();
    /// <summary>The script's engine, to run its tests; null for .rsc files.</summary>
    internal ScriptSession? Session { get; init; }
}

/// <summary>Loaded rules, or the diagnostics that stopped them.</summary>
public sealed record LoadResult(LoadedRules? Rules, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsOk => Rules != null && Diagnostics.Count == 0;

    public static LoadResult Fail(Diagnostic d) => new(null, new[] { d });
}
