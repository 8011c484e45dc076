// gateway bench [RULES]: how fast the device's table engine decides the rules file's own knock traffic, side by
// side in one run with a hand-written Dictionary check, a per-packet Jint function and the reference
// interpreter; how it scales with rule count and list size; what a list entry costs. Desktop .NET, not a
// board: the ratios and the rule steps per decision carry over, the nanoseconds do not. With --runtime nanoclr
// it measures where the gateway runs instead: nanoFramework's interpreter (NanoClrBench).
using System.CommandLine;
using System.Text.Json;
using Gateway.Cli.Bench;
using Gateway.Core.Defaults;
using Gateway.Rules;

namespace Gateway.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var rules = new Argument<string?>("RULES") { Description = "rules to measure (default: the built-in rules)", Arity = ArgumentArity.ZeroOrOne };
        var decisions = new Option<int>("--decisions") { Description = "packets per timed run", DefaultValueFactory = _ => 1_000_000 };
        var sources = new Option<int>("--sources") { Description = "distinct source addresses (a tenth of them knock)", DefaultValueFactory = _ => 1_000 };
        var repetitions = new Option<int>("--repetitions") { Description = "timed runs of each engine (the median is reported)", DefaultValueFactory = _ => 7 };
        var warmups = new Option<int>("--warmups") { Description = "untimed runs of each engine first (at least)", DefaultValueFactory = _ => 3 };
        var warmupMs = new Option<int>("--warmup-ms") { Description = "untimed time of each engine first, ms (at least; tiered compilation settles in it)", DefaultValueFactory = _ => Interleaved.DefaultWarmupMs };
        var json = new Option<bool>("--json") { Description = "print one JSON document" };
        var runtime = new Option<string>("--runtime") { Description = "dotnet: desktop .NET (default); nanoclr: nanoFramework's interpreter built from the pinned sources, IL instructions and ns per decision", DefaultValueFactory = _ => "dotnet" };
        runtime.AcceptOnlyFromAmong("dotnet", "nanoclr");
        var nanoSources = new Option<string?>("--nanoclr-sources") { Description = "with --runtime nanoclr: the exported nanoFramework sources (default $NANO_SRC, else ../shared/nanoframework-src)" };
        var work = new Option<string?>("--work") { Description = "with --runtime nanoclr: the build folder, kept for the next run (default $TMPDIR/gateway-nanoclr-bench)" };
        var callgrind = new Option<bool>("--callgrind") { Description = "with --runtime nanoclr: also count the interpreter's machine instructions per decision under valgrind's callgrind (~20 minutes more)" };
        var command = new Command("bench", "Measure the table engine against a Dictionary check, per-packet Jint and the reference interpreter")
            { rules, decisions, sources, repetitions, warmups, warmupMs, json, runtime, nanoSources, work, callgrind };
        command.SetAction(r => r.GetValue(runtime) == "nanoclr"
            ? RunNanoClr(r.GetValue(rules), r.GetValue(nanoSources), r.GetValue(work), r.GetValue(callgrind), r.GetValue(json), Console.Out)
            : Run(r.GetValue(rules), new BenchOptions(r.GetValue(decisions), r.GetValue(sources), r.GetValue(warmups), r.GetValue(repetitions), r.GetValue(warmupMs)), r.GetValue(json), Console.Out));
        return command;
    }

    public static int RunNanoClr(string? path, string? sources, string? work, bool callgrind, bool json, TextWriter output)
    {
        if (path != null)
        {
            Console.Error.WriteLine("gateway: bench --runtime nanoclr measures the built-in rules (the seed recipe) against its hand-written check; give no RULES");
            return 2;
        }
        var result = NanoClrBench.Run(sources, work, callgrind, Console.Error, Console.Error);
        if (result == null) return 1;
        if (json) output.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else NanoClrBench.Write(result, output);
        return 0;
    }

    public static int Run(string? path, BenchOptions options, bool json, TextWriter output)
    {
        if (options.Decisions < 1 || options.Sources < 10 || options.Repetitions < 1 || options.Warmups < 0 || options.WarmupMs < 0)
        {
            Console.Error.WriteLine("gateway: bench needs --decisions >= 1, --sources >= 10, --repetitions >= 1, --warmups >= 0, --warmup-ms >= 0");
            return 2;
        }
        LoadResult Load() => path == null ? RulesFile.LoadText(DefaultRules.FileName, DefaultRules.Text) : RulesFile.Load(path);
        var loaded = Load();
        if (!loaded.IsOk) { RulesDiagnostics.Report(loaded.Diagnostics); return 1; }
        var recipe = KnockRecipe.Of(loaded.Rules!.RuleSet, out string problem);
        if (recipe == null) { Console.Error.WriteLine("gateway: " + problem); return 1; }
        if (BuildKind.Of(typeof(Gateway.Core.Engine.FilterEngine).Assembly) == "Debug" || BuildKind.Of(typeof(BenchCommand).Assembly) == "Debug")
            Console.Error.WriteLine("gateway: warning: this is a Debug build: its figures are 4-5x a Release build's and take minutes longer; docs/speed.md's are Release: "
                + "dotnet run -c Release --project src/Cli -- bench");
        var result = BenchSuite.Run(loaded.Rules.File, () => Load().Rules!.RuleSet, recipe, options, Console.Error);
        if (json) output.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else BenchReport.Write(result, output);
        return 0;
    }
}
