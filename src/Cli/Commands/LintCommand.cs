// gateway lint RULES [--console-port N] [--board NAME] [--strict]: the rules' weaknesses as FILE:LINE:COL: warning lines
// (compile and push print them too); --strict makes any warning a failure.
using System.CommandLine;
using Gateway.Rules.Packaging;

namespace Gateway.Cli.Commands;

internal static class LintCommand
{
    public static Command Create()
    {
        var rules = SharedOptions.RulesArgument();
        var console = new Option<int?>("--console-port") { Description = $"TCP port of the gateway's own console (default: a board's {PackageBuilder.BoardConsolePort} with --board, else the emulator's {PackageBuilder.DefaultConsolePort})" };
        var board = new Option<string?>("--board") { Description = "lint for a board (see `gateway boards`): its console port and its ports' names" };
        var strict = new Option<bool>("--strict") { Description = "exit 1 when there is any warning" };
        var command = new Command("lint", "Warn about rules that leave the door weaker than it looks (open console, walkable knocks, ...)") { rules, console, board, strict };
        command.SetAction(r =>
        {
            string? boardName = r.GetValue(board);
            var profile = boardName == null ? null : SharedOptions.FindBoard(boardName);
            if (boardName != null && profile == null) return 1;
            var loaded = RulesDiagnostics.Load(r.GetValue(rules)!);
            if (loaded == null) return 1;
            int warnings = RulesDiagnostics.Lint(loaded, PackageBuilder.ConsolePortFor(r.GetValue(console), boardName), profile).Count;
            if (warnings == 0) Console.WriteLine($"{loaded.File}: no warnings");
            return warnings > 0 && r.GetValue(strict) ? 1 : 0;
        });
        return command;
    }
}
