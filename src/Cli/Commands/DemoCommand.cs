// The main job with no arguments: the built-in default rules (the classic RouterOS knock recipe, the
// same the emulator and a fresh board run) replayed against a bundled trace through the table engine.
using Gateway.Core.Defaults;
using Gateway.Rules;
using Gateway.Rules.Packaging;
using Gateway.Rules.Replay;
using Gateway.Rules.Testing;

namespace Gateway.Cli.Commands;

internal static class DemoCommand
{
    public static int Run(TextWriter output)
    {
        var loaded = RulesFile.LoadText(DefaultRules.FileName, DefaultRules.Text);
        if (!loaded.IsOk)
        {
            RulesDiagnostics.Report(loaded.Diagnostics);
            return 1;
        }
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("knock-trace.jsonl")!;
        using var text = new StreamReader(stream);
        var (packets, error) = JsonTraceReader.Read("knock-trace.jsonl", text);
        if (error != null)
        {
            RulesDiagnostics.Report(new[] { error });
            return 1;
        }
        output.WriteLine("built-in rules (" + DefaultRules.FileName + "):");
        output.WriteLine(PackageBuilder.Explain(loaded.Rules!.RuleSet));
        output.WriteLine();
        output.WriteLine("replaying the bundled knock trace through the device's table engine:");
        var runner = new TraceRunner(TestRunner.MakeFirewall(loaded.Rules.RuleSet, EngineKind.Table));
        foreach (var p in packets)
        {
            var o = runner.Step(p);
            string rule = o.Rule is int r ? $"{o.Chain} rule {r}" : "no rule: default accept";
            output.WriteLine($"t={p.T,6} ms  {p.Chain,-6} {p.Proto} {p.Src}:{p.Sport} -> {p.Dst}:{p.Dport} [{p.Flags}]".PadRight(82) + $"{o.Verdict,-6} ({rule})");
        }
        output.WriteLine();
        output.WriteLine("try: gateway compile examples/seed.js --explain | gateway test examples/*.js | gateway replay RULES --trace T");
        return 0;
    }
}
