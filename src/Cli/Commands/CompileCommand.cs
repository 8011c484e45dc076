// gateway compile RULES [--board NAME] [-o FILE] [--explain]: writes the rule package and a summary.
using System.CommandLine;
using Gateway.Rules.Packaging;

namespace Gateway.Cli.Commands;

internal static class CompileCommand
{
    public static Command Create()
    {
        var rules = Common.RulesArgument();
        var board = new Option<string?>("--board") { Description = "check the rules against a board's limits (see `gateway boards`)" };
        var output = new Option<string?>("--output", "-o") { Description = "where to write the rule package (default: RULES with .json, next to it)" };
        var explain = new Option<bool>("--explain") { Description = "print the rules after helpers such as knock() expand, with their chain indexes" };
        var console = new Option<int>("--console-port") { Description = "TCP port of the gateway's own console, counted against the board's listeners", DefaultValueFactory = _ => PackageBuilder.DefaultConsolePort };
        var command = new Command("compile", "Compile rules into a rule package for the device") { rules, board, output, explain, console };
        command.SetAction(r => Run(r.GetValue(rules)!, r.GetValue(board), r.GetValue(output), r.GetValue(explain), r.GetValue(console)));
        return command;
    }

    private static int Run(string path, string? boardName, string? output, bool explain, int consolePort)
    {
        var profile = boardName == null ? null : Common.FindBoard(boardName);
        if (boardName != null && profile == null) return 1;
        var loaded = Common.Load(path);
        if (loaded == null) return 1;
        Common.WarnIfNoFilterRules(loaded);
        var (result, error) = PackageBuilder.Build(loaded, profile, consolePort);
        if (error != null)
        {
            Common.Report(new[] { error });
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
