// Options and arguments several verbs take: the rules argument, --engine, --board.
using System.CommandLine;
using Gateway.Rules.Testing;

namespace Gateway.Cli.Commands;

internal static class SharedOptions
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
}
