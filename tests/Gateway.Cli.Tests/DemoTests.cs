// The main job's output (gateway with no arguments) against its golden file.
using Gateway.Cli.Bench;
using Gateway.Cli.Commands;

namespace Gateway.Cli.Tests;

[Collection(ConsoleGroup.Name)]
public class DemoTests
{
    [Fact]
    public void The_demo_replays_the_built_in_rules_as_the_golden_file_says()
    {
        var output = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(output));
        string golden = Repo.Path("tests", "data", "expected", "demo.txt");
        if (Environment.GetEnvironmentVariable("GATEWAY_UPDATE_GOLDEN") == "1") File.WriteAllText(golden, output.ToString());
        Assert.Equal(File.ReadAllText(golden), output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_jint_baseline_is_the_recipes_own_function_unrolled_and_strict()
    {
        var seed = new Gateway.Cli.Bench.KnockRecipe([9000, 6000], [60_000, 60_000], "input", "input", 0, null);
        Assert.Equal(
            "\"use strict\";\nconst s0 = new Map();\nconst s1 = new Map();\nfunction decide(src, port, now) {\n  let u;\n" +
            "  if (port === 9000) s0.set(src, now + 60000);\n" +
            "  if (port === 6000 && (u = s0.get(src)) !== undefined && now < u) s1.set(src, now + 60000);\n" +
            "  return (u = s1.get(src)) !== undefined && now < u;\n}\n",
            Gateway.Cli.Bench.JintEngine.Script(seed));
    }

    [Fact]
    public void The_benchmark_prints_every_figure_the_readme_names()
    {
        var output = new StringWriter();
        // Five timed runs: the allocation figure is the least of them, so a collection that a test running beside
        // this one triggers during a run does not count as the engine's allocation.
        Assert.Equal(0, BenchCommand.Run(null, new BenchOptions(2_000, 100, 1, 5, 0), json: true, output));
        var r = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!;
        // Figures, not timing assertions: each is there and is a number; the engines agree on the traffic.
        foreach (var engine in new[] { "table", "dictionary", "jint", "reference", "store" })
        {
            Assert.True(r["engines"]![engine]!["nsPerDecision"]!.GetValue<double>() > 0);
            Assert.Equal(r["engines"]!["table"]!["accepted"]!.GetValue<int>(), r["engines"]![engine]!["accepted"]!.GetValue<int>());
        }
        Assert.True(r["engines"]!["table"]!["accepted"]!.GetValue<int>() > 0);   // the traffic knocks the rules' own ports
        // The build the figures come from is stated (a Debug build's are 4-5x a Release build's).
        bool debug = typeof(Gateway.Core.Engine.FilterEngine).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .Cast<System.Diagnostics.DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled);
        Assert.Equal(debug ? "Debug" : "Release", r["workload"]!["build"]!.GetValue<string>());
        Assert.Equal(0, r["engines"]!["table"]!["bytesPerDecision"]!.GetValue<double>());
        Assert.True(r["ratios"]!["dictionaryOverTable"]!.GetValue<double>() > 0);
        Assert.True(r["ratios"]!["jintOverTable"]!.GetValue<double>() > 0);
        Assert.True(r["ratios"]!["storeOverTable"]!.GetValue<double>() > 0);
        Assert.Equal(0, r["engines"]!["store"]!["bytesPerDecision"]!.GetValue<double>());   // the store allocates nothing either
        Assert.Equal(5, r["scaling"]!["rules"]!.AsArray().Count);
        Assert.Equal(1.97, r["scaling"]!["rules"]![4]!["stepsPerDecision"]!.GetValue<double>(), 1);   // 256 rules: the index leaves ~2 steps
        Assert.Equal(1.97, r["scaling"]!["rulesWithoutPorts"]![4]!["stepsPerDecision"]!.GetValue<double>(), 1);   // the source gate too
        Assert.True(r["scaling"]!["rulesNotIndexed"]![4]!["stepsPerDecision"]!.GetValue<double>() > 250);   // source ports: every rule visited
        Assert.Equal(3, r["scaling"]!["entries"]!.AsArray().Count);
        Assert.Equal(20, r["memory"]!["bytesPerIpv4Entry"]!.GetValue<double>());
        Assert.Equal(32, r["memory"]!["bytesPerIpv6Entry"]!.GetValue<double>());
        Assert.Equal(100, r["workload"]!["distinctSources"]!.GetValue<int>());
    }

    [Fact]
    public void The_benchmark_knocks_the_ports_of_the_rules_file_it_measures()
    {
        var output = new StringWriter();
        Assert.Equal(0, BenchCommand.Run(Repo.Path("examples", "ssh-forward.js"), new BenchOptions(2_000, 100, 0, 1, 0), json: true, output));
        var r = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!;
        Assert.True(r["workload"]!["listInserts"]!.GetValue<long>() > 0, output.ToString());
        Assert.True(r["engines"]!["table"]!["accepted"]!.GetValue<int>() > 0, output.ToString());
    }
}
