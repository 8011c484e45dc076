// gateway test RULES...: runs each script's inline test() blocks; closing line "N passed, N failed".
using System.CommandLine;
using Gateway.Rules.Testing;

namespace Gateway.Cli.Commands;

internal static class TestCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("RULES") { Description = "rules scripts whose test() blocks to run", Arity = ArgumentArity.OneOrMore };
        var engine = SharedOptions.EngineOption();
        var command = new Command("test", "Run the inline tests of rules scripts") { files, engine };
        command.SetAction(r => Run(r.GetValue(files)!, r.GetValue(engine)!));
        return command;
    }

    private static int Run(string[] paths, string engineName)
    {
        if (!SharedOptions.TryEngine(engineName, out var engine)) return 1;
        int passed = 0, failed = 0;
        foreach (var path in paths)
        {
            var loaded = RulesDiagnostics.Load(path);
            if (loaded == null) { failed++; continue; }
            foreach (var result in TestRunner.Run(loaded, engine))
            {
                if (result.Passed)
                {
                    passed++;
                    Console.WriteLine($"ok   {loaded.File}: {result.Name}");
                }
                else
                {
                    failed++;
                    Console.WriteLine($"FAIL {loaded.File}: {result.Name}");
                    Console.Error.WriteLine(result.Failure);
                }
            }
        }
        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
