// Options and output shared by the verbs: the rules argument, --engine, and diagnostics on stderr.
using System.CommandLine;
using Gateway.Rules;
using Gateway.Rules.Diagnostics;
using Gateway.Rules.Testing;

namespace Gateway.Cli.Commands;

internal static class Common
{
    public static Argument<string> RulesArgument() => new("RULES")
    {
        Description = "rules file: a script (.js), RouterOS commands (.rsc) or a rule package (.json)",
    };

    public static Option<string> EngineOption() => new("--engine")
    {
        Description = "which firewall decides: table (the device's compiled engine) or reference (the reference interpreter)",
        DefaultValueFactory = _ => "table",
    };

    public static bool TryEngine(string text, out EngineKind engine)
    {
        engine = text == "reference" ? EngineKind.Reference : EngineKind.Table;
        if (text is "table" or "reference") return true;
        Console.Error.WriteLine($"gateway: --engine must be table or reference, not {text}");
        return false;
    }

    /// <summary>The named board profile, or null after saying which boards exist.</summary>
    public static Gateway.Core.Boards.BoardProfile? FindBoard(string name)
    {
        var profile = Gateway.Rules.Boards.BoardProfiles.Find(name);
        if (profile == null) Console.Error.WriteLine($"gateway: unknown board {name}; known: {string.Join(", ", Gateway.Rules.Boards.BoardProfiles.Names)}");
        return profile;
    }

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

    /// <summary>True when a warning says the console is open to sources that never knocked.</summary>
    public static bool LeavesConsoleOpen(IEnumerable<Diagnostic> warnings) => warnings.Any(w => w.Message.Contains(Gateway.Rules.Lint.RulesLinter.OpenDoor, StringComparison.Ordinal));

    public static void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Console.Error.WriteLine(d.ToString());
    }
}
