// `gateway replay` against golden output (tests/data/expected): RouterOS's verdicts on a typical
// config with connection tracking and on every example, identical from the table engine and the
// reference interpreter. Regenerate deliberately with GATEWAY_UPDATE_GOLDEN=1.
using Gateway.Cli.Commands;

namespace Gateway.Cli.Tests;

[Collection(ConsoleGroup.Name)]
public class ReplayTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "tests/data/rules/typical.rsc", "typical" },
        { "examples/seed.js", "seed" },
        { "examples/seed.rsc", "seed" },
        { "examples/ssh-forward.js", "ssh-forward" },
        { "examples/udp-knock.js", "udp-knock" },
    };

    private static string Replay(string rules, string trace, string engine)
    {
        var output = new StringWriter();
        int exit = ReplayCommand.Run(Repo.Path(rules.Split('/')), Repo.Path("tests", "data", "traces", trace + ".jsonl"), engine, null, output);
        Assert.Equal(0, exit);
        return output.ToString().ReplaceLineEndings("\n");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Replay_gives_the_golden_verdicts_from_both_engines(string rules, string trace)
    {
        string table = Replay(rules, trace, "table");
        string reference = Replay(rules, trace, "reference");
        string golden = Repo.Path("tests", "data", "expected", trace + ".jsonl");
        if (Environment.GetEnvironmentVariable("GATEWAY_UPDATE_GOLDEN") == "1") File.WriteAllText(golden, table);
        Assert.Equal(File.ReadAllText(golden), table);
        Assert.Equal(table, reference);
    }

    [Fact]
    public void A_bad_trace_line_is_reported_at_its_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "{\"t\":0,\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.2\",\"dport\":1}\n{\"t\":1,\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.2\",\"dprot\":1}\n");
        try
        {
            var error = new StringWriter();
            var saved = Console.Error;
            Console.SetError(error);
            try { Assert.Equal(1, ReplayCommand.Run(Repo.Path("examples", "seed.rsc"), path, "table", null, new StringWriter())); }
            finally { Console.SetError(saved); }
            Assert.Equal($"{Path.GetFileName(path)}:2:1: unknown field dprot (t, src, dst, proto, sport, dport, iface, flags, chain, len, out-iface, state, ttl, frag, icmp-type, icmp-code, nat)", error.ToString().Trim());
        }
        finally { File.Delete(path); }
    }
}
