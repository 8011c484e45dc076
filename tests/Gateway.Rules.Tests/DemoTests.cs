// The main job's output (gateway with no arguments) against its golden file.
using Gateway.Cli.Commands;

namespace Gateway.Rules.Tests;

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
    public void The_benchmark_runs_and_reports_a_ratio()
    {
        var output = new StringWriter();
        Assert.Equal(0, BenchCommand.Run(null, 2000, output));
        Assert.Contains("ratio: the table engine takes", output.ToString());   // a figure, not a timing assertion
    }
}
