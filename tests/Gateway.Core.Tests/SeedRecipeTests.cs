// The seed recipe of routeros-semantics.md taken the whole way a device takes it:
// RuleSet -> package bytes -> reader -> compiler -> engine, on a hand-written trace with RouterOS's verdicts.

namespace Gateway.Core.Tests;

public class SeedRecipeTests
{
    private const string Gateway = "192.0.2.1";

    private static FilterEngine LoadSeed()
    {
        byte[] bytes = Build.PackageOf(Build.SeedRecipe());
        var result = TableLoader.Load(new ByteArraySource(bytes), new TableLimits(), 0, true, out Table? table, out RulePackage? package);
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(PackageWriter.TableIdOf(Build.SeedRecipe()), table!.TableId);
        Assert.Equal("# test rules\n", package!.SourceText);
        return new FilterEngine(table);
    }

    [Fact]
    public void Seed_recipe_gives_RouterOS_verdicts_on_a_knock_trace()
    {
        var engine = LoadSeed();
        var p = new TestPackets();
        const string A = "203.0.113.7", B = "198.51.100.9";
        (long T, string Src, int Port, string Expected)[] trace =
        {
            (0, A, 9000, "drop input:3"),        // knock 1: listed in port:9000 until 60000, dropped by R3
            (1000, A, 22, "drop input:3"),       // not in secure yet
            (2000, A, 6000, "accept input:2"),   // knock 2: R1 lists in secure, R2 accepts this very packet
            (3000, A, 22, "accept input:2"),     // the door is open
            (3000, B, 22, "drop input:3"),       // for A only
            (61999, A, 22, "accept input:2"),    // secure lasts 1m from the 6000 knock (until 62000)
            (62000, A, 22, "drop input:3"),      // ...and not a millisecond more
            (62001, A, 6000, "drop input:3"),    // port:9000 ran out at 60000: 6000 alone lists nothing
            (62002, A, 22, "drop input:3"),
            (70000, B, 6000, "drop input:3"),    // wrong order: just dropped, nothing reset
            (70001, B, 9000, "drop input:3"),
            (70002, B, 22, "drop input:3"),
            (70003, B, 6000, "accept input:2"),  // the right order from here opens it
        };
        foreach (var (t, src, port, expected) in trace)
        {
            p.Tcp(src, 40000, Gateway, port);
            string got = p.Run(engine, t);
            Assert.True(got == expected, $"t={t} {src}->{port}: got {got}, RouterOS gives {expected}");
        }
        var input = engine.Table.Ipv4;
        Assert.Equal(2, input.PacketsOf(0, 0));   // R0: both 9000 knocks
        Assert.Equal(2, input.PacketsOf(0, 1));   // R1: 6000 knocks from a listed source (A at 2000, B at 70003)
        Assert.Equal(4, input.PacketsOf(0, 2));   // R2: every accepted packet
        Assert.Equal(9, input.PacketsOf(0, 3));   // R3: every dropped one
    }

    [Fact]
    public void Knocking_9000_again_refreshes_its_minute()
    {
        var engine = LoadSeed();
        var p = new TestPackets();
        const string C = "203.0.113.50";
        Assert.Equal("drop input:3", p.Run(engine, 100_000, p.Tcp(C, 1, Gateway, 9000)));
        p.Tcp(C, 1, Gateway, 9000);
        Assert.Equal("drop input:3", p.Run(engine, 150_000));     // timeout reset: now until 210000
        p.Tcp(C, 1, Gateway, 6000);
        Assert.Equal("accept input:2", p.Run(engine, 200_000));   // the first knock alone expired at 160000
        Assert.Equal(1, engine.Table.Ipv4Lists.Refreshes);
    }

    [Fact]
    public void Every_tcp_packet_to_a_knock_port_counts_not_only_syn()
    {
        var engine = LoadSeed();
        var p = new TestPackets();
        Assert.Equal("drop input:3", p.Run(engine, 0, p.Tcp("203.0.113.60", 1, Gateway, 9000, Model.TcpFlags.Ack)));
        Assert.Equal("accept input:2", p.Run(engine, 10, p.Tcp("203.0.113.60", 1, Gateway, 6000, Model.TcpFlags.Fin | Model.TcpFlags.Ack)));
    }

    [Fact]
    public void An_open_session_is_dropped_a_minute_after_the_last_6000_knock()
    {
        var engine = LoadSeed();
        var p = new TestPackets();
        const string D = "203.0.113.70";
        p.Tcp(D, 1, Gateway, 9000); p.Run(engine, 0);
        p.Tcp(D, 1, Gateway, 6000); Assert.Equal("accept input:2", p.Run(engine, 1000));
        for (long t = 2000; t < 61000; t += 10_000)
        {
            p.Tcp(D, 5555, Gateway, 22, Model.TcpFlags.Ack);
            Assert.Equal("accept input:2", p.Run(engine, t));   // matching secure does not extend it
        }
        Assert.Equal("drop input:3", p.Run(engine, 61_000, p.Tcp(D, 5555, Gateway, 22, Model.TcpFlags.Ack)));
    }
}
