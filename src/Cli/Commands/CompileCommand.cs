// gateway compile RULES [--board NAME] [-o FILE] [--explain] [--strict]: writes the rule package and a summary,
// after the linter's warnings (--strict: any warning fails).
using System.CommandLine;
using Gateway.Rules.Packaging;

namespace Gateway.Cli.Commands;

internal static class CompileCommand
{
    public static Command Create()
    {
        var rules = SharedOptions.RulesArgument();
        var board = new Option<string?>("--board") { Description = "check the rules against a board's limits (see `gateway boards`)" };
        var output = new Option<string?>("--output", "-o") { Description = "where to write the rule package (default: RULES with .json, next to it)" };
        var explain = new Option<bool>("--explain") { Description = "print the rules after helpers such as knock() expand, with their chain indexes" };
        var console = new Option<int?>("--console-port") { Description = $"TCP port of the gateway's own console, counted against the board's listeners (default: a board's {PackageBuilder.BoardConsolePort} with --board, else the emulator's {PackageBuilder.DefaultConsolePort})" };
        var strict = new Option<bool>("--strict") { Description = "fail on any lint warning (see `gateway lint`)" };
        var command = new Command("compile", "Compile rules into a rule package for the device") { rules, board, output, explain, console, strict };
        command.SetAction(r => Run(r.GetValue(rules)!, r.GetValue(board), r.GetValue(output), r.GetValue(explain), r.GetValue(console), r.GetValue(strict)));
        return command;
    }

    private static int Run(string path, string? boardName, string? output, bool explain, int? givenConsolePort, bool strict)
    {
        int consolePort = PackageBuilder.ConsolePortFor(givenConsolePort, boardName);
        var profile = boardName == null ? null : SharedOptions.FindBoard(boardName);
        if (boardName != null && profile == null) return 1;
        var loaded = RulesDiagnostics.Load(path);
        if (loaded == null) return 1;
        var warnings = RulesDiagnostics.Lint(loaded, consolePort, profile);
        if (strict && warnings.Count > 0) { Console.Error.WriteLine($"gateway: {warnings.Count} warning(s) with --strict; nothing written"); return 1; }
        var (result, error) = PackageBuilder.Build(loaded, profile, consolePort);
        if (error != null)
        {
            RulesDiagnostics.Report(new[] { error });
            return 1;
        }
        if (explain) Console.WriteLine(PackageBuilder.Explain(loaded.RuleSet));
        string target = output ?? Path.ChangeExtension(path, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ".package.json" : ".json");
        File.WriteAllBytes(target, result!.Package);
        Console.WriteLine(PackageBuilder.Summary(loaded, result, profile));
        Console.WriteLine($"wrote {target}");
        return 0;
    }
}
