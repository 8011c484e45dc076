// RouterOS configurations as others published them (tests/data/routeros-corpus, verbatim, each with a # Source: line):
// imported unchanged, then held to what their pages say they do, on the table engine and the reference
// interpreter alike.
using Gateway.Core.Model;

namespace Gateway.Rules.Tests;

public class PublishedConfigTests
{
    private static RuleSet Published(string file)
    {
        var loaded = RulesFile.Load(Repo.Path("tests", "data", "routeros-corpus", file));
        Assert.True(loaded.IsOk, string.Join("\n", loaded.Diagnostics));
        return loaded.Rules!.RuleSet;
    }

    private static bool Scanner(BothEngines gw, string src) => gw.IsListed("port scanners", src);

    [Fact]
    public void MikroTiks_drop_port_scanners_rules_list_a_fast_scan_and_leave_a_client_alone()
    {
        var rules = Published("mikrotik-port-scanners.rsc");
        Assert.Equal(8, rules.Ipv4.RuleCount);
        var gw = new BothEngines(rules);
        // A client that uses two services is no scanner.
        Assert.Equal("accept", gw.Send("198.51.100.5", 22));
        Assert.Equal("accept", gw.Send("198.51.100.5", 80));
        Assert.False(Scanner(gw, "198.51.100.5"));
        // Seven ports below 1024 (weight 3 each) with 100 ms between them: the seventh reaches 21.
        for (int port = 20; port < 26; port++) gw.Send("203.0.113.7", port);
        Assert.False(Scanner(gw, "203.0.113.7"));
        gw.Send("203.0.113.7", 26);
        Assert.True(Scanner(gw, "203.0.113.7"));
        Assert.Equal("drop", gw.Send("203.0.113.7", 443));
        Assert.Equal("accept", gw.Send("198.51.100.5", 443));
    }

    [Fact]
    public void High_ports_take_21_and_a_slow_scan_is_never_flagged()
    {
        var gw = new BothEngines(Published("mikrotik-port-scanners.rsc"));
        for (int i = 0; i < 20; i++) gw.Send("203.0.113.8", 2000 + i);
        Assert.False(Scanner(gw, "203.0.113.8"));
        gw.Send("203.0.113.8", 3000);
        Assert.True(Scanner(gw, "203.0.113.8"));
        // One port every 3.001 s: more than the delay threshold each time, 200 ports, never listed.
        for (int i = 0; i < 200; i++) gw.Send("203.0.113.9", i + 1, after: 3_001);
        Assert.False(Scanner(gw, "203.0.113.9"));
    }

    [Theory]
    [InlineData("F")]     // NMAP FIN Stealth scan
    [InlineData("FS")]    // SYN/FIN
    [InlineData("SR")]    // SYN/RST
    [InlineData("FPU")]   // FIN/PSH/URG (nmap -sX)
    [InlineData("FSRPAU")] // ALL/ALL
    [InlineData("")]      // NMAP NULL scan
    public void One_packet_with_flags_no_connection_uses_lists_its_source(string flags)
    {
        var gw = new BothEngines(Published("mikrotik-port-scanners.rsc"));
        // Listed by its flag rule, then dropped by the last rule in the same pass (RouterOS goes on after add-*).
        Assert.Equal("drop", gw.Send("203.0.113.10", 22, flags: flags));
        Assert.True(Scanner(gw, "203.0.113.10"));
        Assert.Equal("drop", gw.Send("203.0.113.10", 22));
    }
}
