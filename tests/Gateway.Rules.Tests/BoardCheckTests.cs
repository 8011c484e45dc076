// `gateway compile --board`: the rules are checked against the board's table limits, socket budget and heap.
using Gateway.Core.Boards;
using Gateway.Rules.Boards;
using Gateway.Rules.Packaging;

namespace Gateway.Rules.Tests;

public class BoardCheckTests
{
    private static LoadedRules Example(string name) => RulesFile.Load(Repo.Path("examples", name)).Rules!;

    [Fact]
    public void Every_board_profile_loads_and_takes_the_examples()
    {
        Assert.Equal(new[] { "esp32-ethernet-kit", "lilygo-t-internet-poe", "olimex-esp32-poe", "olimex-esp32-poe-wrover", "wesp32", "wt32-eth01" }, BoardProfiles.Names);
        foreach (var name in BoardProfiles.Names)
            foreach (var example in new[] { "seed.js", "ssh-forward.js", "udp-knock.js", "hardened.js" })
                Assert.Null(PackageBuilder.Build(Example(example), BoardProfiles.Find(name)).Error);
    }

    [Fact]
    public void Too_many_listeners_for_the_board_are_named_at_the_rule_that_adds_one()
    {
        var board = BoardProfiles.Find("esp32-ethernet-kit")!;   // 5 TCP listeners
        var rules = RulesFile.LoadText("r.js", "knock({sequence:[1001, 1002, 1003, 1004], grant:'g'});\nfilter.add({chain:'input', protocol:'tcp', dstPort: 22, srcAddressList:'g', action:'accept'});").Rules!;
        var (_, error) = PackageBuilder.Build(rules, board);
        Assert.Equal("r.js:2:1: the rules need 6 TCP listeners (console included); board esp32-ethernet-kit allows 5", error!.ToString());
        Assert.Null(PackageBuilder.Build(rules, BoardProfiles.Find("wt32-eth01")).Error);   // fits the board with 8 listeners
    }

    [Fact]
    public void A_package_too_big_for_a_small_board_fits_a_psram_board()
    {
        string comment = new string('x', 900);
        string script = string.Join("\n", Enumerable.Range(0, 20).Select(i => $"filter.add({{chain:'input', protocol:'tcp', dstPort:1000, action:'drop', comment:'{comment}'}});"));
        var rules = RulesFile.LoadText("big.js", script).Rules!;
        Assert.StartsWith("big.js:1:1: rule package is ", PackageBuilder.Build(rules, BoardProfiles.Find("wt32-eth01")).Error!.ToString());
        Assert.EndsWith("board wt32-eth01 takes at most 12288", PackageBuilder.Build(rules, BoardProfiles.Find("wt32-eth01")).Error!.Message);
        Assert.Null(PackageBuilder.Build(rules, BoardProfiles.Find("esp32-ethernet-kit")).Error);
    }

    [Fact]
    public void Table_limits_and_heap_of_the_board_are_enforced()
    {
        var small = new BoardProfile { Name = "tiny", Sockets = 16, TcpListeners = 8, HeapBytes = 4000, Limits = new Gateway.Core.Tables.TableLimits { Ipv4ListEntries = 16, Ipv6ListEntries = 4 } };
        var (_, heap) = PackageBuilder.Build(Example("seed.js"), small);
        Assert.Contains("bytes of heap while they are swapped in", heap!.Message);
        Assert.EndsWith("board tiny plans with 4000", heap.Message);
        var few = new BoardProfile { Name = "few", Sockets = 16, TcpListeners = 8, HeapBytes = 1 << 20, Limits = new Gateway.Core.Tables.TableLimits { MaxRules = 3 } };
        Assert.Equal("seed.js:1:1: IPv4 rules 4; board few allows 3", PackageBuilder.Build(Example("seed.js"), few).Error!.ToString());
    }

    [Fact]
    public void Every_board_profile_fits_its_heap_at_full_capacity()
    {
        foreach (var name in BoardProfiles.Names)
        {
            var b = BoardProfiles.Find(name)!;
            int peak = Gateway.Core.Compiler.MemoryEstimate.PeakAtCapacity(b.Limits, b.MaxPackageBytes);
            Assert.True(peak <= b.HeapBytes, $"{name}: {peak} bytes at capacity, heap plan {b.HeapBytes}");
            Assert.True(b.ConsoleRxPin > 0 && b.ConsoleTxPin > 0 && b.Target.StartsWith("ESP32_", StringComparison.Ordinal), name);
        }
    }
}
