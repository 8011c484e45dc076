// Rules loaded for a verb, and what is wrong with them on standard error (FILE:LINE:COL: message).
using Gateway.Rules;
using Gateway.Rules.Diagnostics;

namespace Gateway.Cli.Commands;

internal static class RulesDiagnostics
{
    /// <summary>Loads rules or prints their diagnostics.</summary>
    public static LoadedRules? Load(string path)
    {
        var result = RulesFile.Load(path);
        if (result.IsOk) return result.Rules;
        Report(result.Diagnostics);
        return null;
    }

    /// <summary>Warns (on stderr, FILE:1:1: warning: ...) when the rules have no filter rule at all: a
    /// gateway with none accepts every packet, as RouterOS does (there is no chain policy).</summary>
    public static void WarnIfNoFilterRules(LoadedRules loaded)
    {
        if (loaded.RuleSet.Ipv4.RuleCount + loaded.RuleSet.Ipv6.RuleCount > 0) return;
        Console.Error.WriteLine($"{loaded.File}:1:1: warning: no filter rules: with none the gateway accepts every packet (RouterOS has no chain policy); add at least a final drop");
    }

    /// <summary>Prints the linter's warnings (and the empty-rules one) to standard error; returns them.</summary>
    public static IReadOnlyList<Diagnostic> Lint(LoadedRules loaded, int consolePort, Gateway.Core.Boards.BoardProfile? board = null)
    {
        WarnIfNoFilterRules(loaded);
        var warnings = Gateway.Rules.Lint.RulesLinter.Lint(loaded, consolePort, board?.Ports);
        Report(warnings);
        return warnings;
    }

    public static void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Console.Error.WriteLine(d.ToString());
    }
}
