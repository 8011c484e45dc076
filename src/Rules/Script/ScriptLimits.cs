// The sandbox's limits (STYLE.md 6): each a named value, each reported by name when a script hits it.
namespace Gateway.Rules.Script;

/// <summary>Bounds on one evaluation of a rules script (and on each of its tests).</summary>
public sealed record ScriptLimits
{
    /// <summary>Statements executed; stops runaway loops.</summary>
    public int MaxStatements { get; init; } = 1_000_000;
    /// <summary>Wall-clock time for one evaluation or one test, in milliseconds.</summary>
    public int TimeoutMs { get; init; } = 5_000;
    /// <summary>Bytes the script may allocate.</summary>
    public long MaxMemoryBytes { get; init; } = 64L * 1024 * 1024;
    /// <summary>Depth of nested function calls.</summary>
    public int MaxRecursionDepth { get; init; } = 256;
    /// <summary>Brackets ((, [, {) open at once in the script's text; deeper nesting is refused before parsing.</summary>
    public int MaxNestingDepth { get; init; } = 256;
    /// <summary>Time one regular expression match may take, in milliseconds. Jint checks the script's time
    /// limit between statements, not inside a match, so without this a catastrophic pattern overruns it.</summary>
    public int RegexTimeoutMs { get; init; } = 1_000;

    public static ScriptLimits Default { get; } = new();
}
