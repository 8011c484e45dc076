// gateway bench --runtime nanoclr (issue 28): the JSON bench-json.sh makes of the cost bench's figures has the
// members the issue names (runtime, each engine's ns and instructions per decision, the hand-written / table
// ratio in instructions, the rule scaling 4 to 256), the CLI prints it as a table, and it refuses what it cannot
// measure (a rules file: the bench is the seed recipe against its hand-written check) or find (the sources).
using System.Diagnostics;
using System.Text.Json.Nodes;
using Gateway.Cli.Bench;
using Gateway.Cli.Commands;

namespace Gateway.Cli.Tests;

[Collection(ConsoleGroup.Name)]   // writes to Console.Error, which other classes capture
public sealed class NanoClrBenchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gateway-nanoclr-bench-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Figures as run.sh writes them (il-per-decision.tsv, ns-per-decision.tsv, and with CALLGRIND=1
    // machine-per-decision.tsv), the values made up: machine instructions are 100x the IL, less for hand-written.
    private JsonObject Json(string? leaveOut = null, bool machine = false, string? leaveOutMachine = null)
    {
        string[] kinds = ["scan", "knock", "granted", "other", "mix"];
        var il = new List<string>();
        var ns = new List<string>();
        foreach (string kind in kinds)
        {
            il.Add($"table.{kind}\t400.00"); il.Add($"handwritten.{kind}\t40.00"); il.Add($"table256.{kind}\t20000.00"); il.Add($"harness.{kind}\t19.00");
            ns.Add($"table.{kind}\t5000"); ns.Add($"handwritten.{kind}\t10000"); ns.Add($"table256.{kind}\t100000");
        }
        foreach (string filler in new[] { "port", "source", "srcport" })
            foreach (int rules in new[] { 16, 64, 256 })
            {
                il.Add($"rules.{filler}.{rules}.mix\t{rules * 10}.00");
                ns.Add($"rules.{filler}.{rules}.mix\t{rules * 100}");
            }
        il.Add("rules.none.4.mix\t400.00"); ns.Add("rules.none.4.mix\t5000");
        foreach (int entries in new[] { 300, 2500, 3900 }) { il.Add($"lists.{entries}.mix\t{entries / 10}.00"); ns.Add($"lists.{entries}.mix\t{entries}"); }
        il.Add("spa.accepted\t330000.00"); il.Add("spa.forged\t130000.00"); ns.Add("spa.accepted\t6800000"); ns.Add("spa.forged\t1500000");
        string ilFile = Path.Combine(_dir, "il.tsv"), nsFile = Path.Combine(_dir, "ns.tsv"), machineFile = Path.Combine(_dir, "machine.tsv");
        var machineLines = il.Select(line => line.Split('\t'))
            .Select(f => $"{f[0]}\t{double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture) * (f[0].StartsWith("handwritten.", StringComparison.Ordinal) ? 300 : 100)}")
            .Where(line => leaveOutMachine == null || !line.StartsWith(leaveOutMachine + "\t", StringComparison.Ordinal)).ToList();
        if (leaveOut != null) il.RemoveAll(line => line.StartsWith(leaveOut + "\t", StringComparison.Ordinal));
        File.WriteAllLines(ilFile, il);
        File.WriteAllLines(nsFile, ns);
        File.WriteAllLines(machineFile, machineLines);
        List<string> arguments = [Repo.Path("tools", "nanoframework", "nanoclr-run", "bench-json.sh"), ilFile, nsFile];
        if (machine) arguments.Add(machineFile);
        var start = new ProcessStartInfo("bash", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd(), error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"bench-json.sh exit {p.ExitCode} (needs jq, which .ci/run installs): {error}");
        return JsonNode.Parse(output)!.AsObject();
    }

    [Fact]
    public void The_json_has_every_member_the_issue_names()
    {
        var r = Json();
        Assert.Equal("nanoclr", r["runtime"]!.GetValue<string>());
        foreach (string engine in new[] { "table", "handwritten" })
        {
            Assert.True(r["engines"]![engine]!["nsPerDecision"]!.GetValue<double>() > 0);
            Assert.True(r["engines"]![engine]!["instructionsPerDecision"]!.GetValue<double>() > 0);
            foreach (string kind in new[] { "scan", "knock", "granted", "other" })
                Assert.NotNull(r["engines"]![engine]!["byKind"]![kind]!["instructionsPerDecision"]);
        }
        Assert.Equal(0.1, r["ratios"]!["handwrittenOverTable"]!.GetValue<double>(), 6);   // 40 / 400 instructions
        Assert.Equal(2.0, r["ratios"]!["handwrittenOverTableNs"]!.GetValue<double>(), 6);
        var rules = r["scaling"]!["rules"]!.AsArray();
        Assert.Equal(4, rules[0]!["rules"]!.GetValue<int>());
        Assert.Equal(400, rules[0]!["instructionsPerDecision"]!.GetValue<double>());
        Assert.Contains(rules, p => p!["rules"]!.GetValue<int>() == 256 && p["filler"]!.GetValue<string>() == "srcport" && p["instructionsPerDecision"]!.GetValue<double>() == 2560);
        Assert.Equal(1 + 9, rules.Count);
        Assert.Equal(3, r["scaling"]!["lists"]!.AsArray().Count);
        Assert.Null(r["engines"]!["table"]!["machineInstructionsPerDecision"]);   // only with CALLGRIND=1
        Assert.Null(r["ratios"]!["handwrittenOverTableMachine"]);
    }

    [Fact]
    public void With_callgrind_every_figure_has_its_machine_instructions_and_the_ratio_uses_them()
    {
        var r = Json(machine: true);
        Assert.Equal(40000, r["engines"]!["table"]!["machineInstructionsPerDecision"]!.GetValue<double>());
        Assert.Equal(12000, r["engines"]!["handwritten"]!["byKind"]!["knock"]!["machineInstructionsPerDecision"]!.GetValue<double>());
        Assert.Equal(0.3, r["ratios"]!["handwrittenOverTableMachine"]!.GetValue<double>(), 6);   // 40 * 300 / (400 * 100)
        Assert.Equal(0.1, r["ratios"]!["handwrittenOverTable"]!.GetValue<double>(), 6);          // IL, as without
        Assert.All(r["scaling"]!["rules"]!.AsArray(), p => Assert.True(p!["machineInstructionsPerDecision"]!.GetValue<double>() > 0));
        var output = new StringWriter();
        NanoClrBench.Write(r, output);
        Assert.Contains("hand-written machine", output.ToString());
        Assert.Contains("40000", output.ToString());
        var e = Assert.Throws<InvalidOperationException>(() => Json(machine: true, leaveOutMachine: "lists.2500.mix"));
        Assert.Contains("missing figures: lists.2500.mix", e.Message);
    }

    [Fact]
    public void The_table_shows_each_kind_and_the_scaling()
    {
        var output = new StringWriter();
        NanoClrBench.Write(Json(), output);
        string text = output.ToString();
        Assert.Contains("scan", text);
        Assert.Contains("400.0", text);
        Assert.Contains("0.100", text);   // hand-written / table
        Assert.Contains("srcport", text);
        Assert.Contains("3900", text);
        Assert.Contains("SPA datagram", text);
        Assert.Contains("130000", text);   // a forged datagram's IL
    }

    [Fact]
    public void A_bench_that_stopped_part_way_is_refused_naming_the_missing_figure()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Json(leaveOut: "rules.srcport.256.mix"));
        Assert.Contains("missing figures: rules.srcport.256.mix", e.Message);
    }

    [Fact]
    public void A_rules_file_or_missing_sources_are_refused()
    {
        Assert.Equal(2, BenchCommand.RunNanoClr("examples/seed.rsc", null, null, callgrind: false, json: true, new StringWriter()));
        var error = new StringWriter();
        Assert.Null(NanoClrBench.Run(Path.Combine(_dir, "no-sources"), Path.Combine(_dir, "work"), callgrind: false, TextWriter.Null, error));
        Assert.Contains("needs nanoFramework's sources", error.ToString());
        Assert.Contains("no-sources", error.ToString());
    }
}
