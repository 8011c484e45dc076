// The serial console: RouterOS commands typed by a person, machine-mode uploads and downloads for the
// CLI, and hostile input (binary noise, overlong lines, half-finished or corrupt uploads) that changes
// nothing. Runs on the emulator's file flash, restarted to check what was stored.
using System.Text;
using Gateway.Host.App;
using Gateway.Host.Console;
using Gateway.Host.RouterOs;
using Gateway.Host.Running;

namespace Gateway.Core.Tests;

public sealed partial class ConsoleSessionTests
{
    // The board's flash: kept across Boot() as across a restart.
    private readonly MemoryFlash _flash = new();
    private readonly StringBuilder _output = new();
    private ActiveRules _rules = null!;
    private ConsoleSession _console = null!;

    private sealed class Output(StringBuilder sb) : IConsoleOutput
    {
        public void Write(string text) => sb.Append(text);
    }

    public ConsoleSessionTests() => Boot();

    private void Boot(long nowMs = 0)
    {
        _rules = new ActiveRules(new RuleStore(_flash, Capacity.MaxPackageBytes), new TableLimits());
        _rules.Start(nowMs);
        _console = new ConsoleSession(_rules, new RuleLogRing(), new Output(_output), nowMs);
        _output.Clear();
    }

    private string Type(string text, long nowMs = 0)
    {
        _output.Clear();
        byte[] bytes = Encoding.Latin1.GetBytes(text);
        _console.Receive(bytes, bytes.Length, nowMs);
        return _output.ToString();
    }

    private string Machine(string line, long nowMs = 0) => Type(line + "\n", nowMs).TrimEnd('\n');

    private static string SeedId => PackageWriter.TableIdOf(Build.SeedRecipe());

    [Fact]
    public void A_fresh_gateway_runs_the_built_in_rules()
    {
        Assert.True(_rules.IsDefault);
        Assert.Equal(SeedId, _rules.TableId);
        Assert.Contains("built-in default", Type("status\r"));
    }

    [Fact]
    public void Typing_the_seed_commands_gives_the_same_rules_as_pushing_them()
    {
        Type("/ip firewall filter\rremove 0,1,2,3\r");
        Assert.Equal(0, _rules.RuleSet.Ipv4.RuleCount);
        string output = Type(PackageVectors.SeedSource.Replace("\n", "\r", StringComparison.Ordinal));
        Assert.DoesNotContain("failure", output);
        Assert.Equal(SeedId, _rules.TableId);
        Assert.False(_rules.IsDefault);
        Boot();
        Assert.Equal(SeedId, _rules.TableId);   // stored
    }

    [Fact]
    public void Print_shows_numbered_rules_with_counters_and_menus_stay_current()
    {
        TestPackets.Knock(_rules.Engine!, "203.0.113.7", 9000);
        string printed = Type("/ip firewall filter print\r");
        Assert.Contains(" 0   chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m packets=1 bytes=60", printed);
        Assert.Contains(" 3   chain=input action=drop packets=1 bytes=60", printed);
        Assert.EndsWith("[gateway] /ip firewall filter> ", printed);
    }

    [Fact]
    public void Set_disable_enable_and_remove_change_the_running_and_stored_rules()
    {
        Type("/ip firewall filter\r");
        Assert.DoesNotContain("failure", Type("set 3 action=reject\r"));
        Assert.Equal(Model.RuleAction.Reject, _rules.RuleSet.Ipv4.RuleAt(3).Action);
        Type("disable 2\r");
        Assert.True(_rules.RuleSet.Ipv4.RuleAt(2).IsDisabled);
        Assert.Contains(" 2 X ", Type("print\r"));
        Type("enable 2\r");
        Assert.False(_rules.RuleSet.Ipv4.RuleAt(2).IsDisabled);
        Type("remove 3\r");
        Assert.Equal(3, _rules.RuleSet.Ipv4.RuleCount);
        Boot();
        Assert.Equal(3, _rules.RuleSet.Ipv4.RuleCount);
    }

    [Theory]
    [InlineData("/ip firewall filter add chain=input dst-prot=22 action=drop\r", "failure: unknown property dst-prot (did you mean dst-port?) (column 37)")]
    [InlineData("/ip firewall filter add chain=input action=jump jump-target=nowhere\r", "failure: jump-target nowhere names a chain with no rules (nothing changed)")]
    [InlineData("/ip firewall filter set 9 action=drop\r", "failure: no such item 9 (see print) (column 25)")]
    [InlineData("/ip route print\r", "failure: unsupported menu /ip route; rules files use /ip firewall filter, address-list and nat (and /ipv6 firewall ...), /interface list and /interface list member, /spa (column 1)")]
    [InlineData("/ip firewall filter add chain=input comment=\"unclosed\r", "failure: quoted value not closed on its line (end a wrapped line with \\) (column 45)")]
    public void Bad_commands_are_refused_and_change_nothing(string typed, string expected)
    {
        Assert.Contains(expected, Type(typed));
        Assert.Equal(SeedId, _rules.TableId);
        Assert.True(_rules.IsDefault);
    }

    [Fact]
    public void Binary_noise_and_overlong_lines_are_refused_whole()
    {
        var noise = new byte[] { 0x00, 0xFF, 0x1B, (byte)'x', 0x80, (byte)'\r' };
        _output.Clear();
        _console.Receive(noise, noise.Length, 0);
        Assert.Contains("failure: line has control or non-ASCII bytes; ignored", _output.ToString());
        Assert.Contains("failure: line longer than 512 characters; ignored", Type(new string('a', 2000) + "\r", 1_000));   // after the noise's quiet time
        Assert.Contains("error line longer than 512 characters; ignored", Type("!" + new string('a', 600) + "\n", 1_000));
        Assert.Equal(SeedId, _rules.TableId);
        Assert.Contains("table-id: " + SeedId, Type("status\r", 1_000));   // still usable
    }

    [Fact]
    public void A_person_sees_an_echo_and_machine_lines_get_one_reply()
    {
        Assert.StartsWith("help\r\n", Type("help\r"));
        Assert.StartsWith("ok {\"tableId\":\"" + SeedId + "\",\"default\":true", Machine("!status"));
        Assert.Equal("error unknown machine command !fly", Machine("!fly"));
    }

    [Fact]
    public void Address_list_entries_with_a_timeout_are_dynamic_and_without_are_static()
    {
        Type("/ip firewall address-list\r");
        Assert.DoesNotContain("failure", Type("add list=secure address=198.51.100.5 timeout=1h\r"));
        Assert.DoesNotContain("failure", Type("add list=secure address=198.51.100.0/24\r"));
        string printed = Type("print\r", 1000);
        Assert.Contains(" 0   list=secure address=198.51.100.0/24", printed);
        Assert.Contains(" 1 D list=secure address=198.51.100.5 timeout=59m59s", printed);
        Assert.Contains("failure: already have such entry", Type("add list=secure address=198.51.100.5 timeout=1h\r"));
        Assert.Contains("failure: no rule uses list friends", Type("add list=friends address=1.2.3.4 timeout=1h\r"));
        Boot();
        Type("/ip firewall address-list\r");
        printed = Type("print\r");
        Assert.Contains("198.51.100.0/24", printed);          // static: stored
        Assert.DoesNotContain("198.51.100.5", printed);       // dynamic: gone after a reboot, as on RouterOS
    }

    [Fact]
    public void Dynamic_entries_survive_a_rule_edit()
    {
        TestPackets.Knock(_rules.Engine!, "203.0.113.7", 9000);
        Type("/ip firewall filter add chain=forward action=accept\r", 1000);
        Assert.False(_rules.IsDefault);
        Assert.Contains("entry ip port:9000 203.0.113.7 58000", Type("!lists\n", 2000));
    }

    private string Upload(byte[] package, int chunk = Capacity.ConsoleChunkBytes, int stopAfter = int.MaxValue, bool corruptChunk = false, bool wrongTotalCrc = false)
    {
        uint crc = Crc32.Of(package, 0, package.Length) ^ (wrongTotalCrc ? 1u : 0u);
        Assert.Equal("ok 0", Machine($"!upload begin {package.Length} {crc:x8}"));
        for (int at = 0, n = 0; at < package.Length && n < stopAfter; at += chunk, n++)
        {
            int count = Math.Min(chunk, package.Length - at);
            string hex = Convert.ToHexString(package, at, count);
            uint c = Crc32.Of(package, at, count) ^ (corruptChunk && n == 1 ? 1u : 0u);
            string reply = Machine($"!upload data {at} {hex} {c:x8}");
            if (reply.StartsWith("error", StringComparison.Ordinal)) return reply;
        }
        return Machine("!upload commit");
    }

    [Fact]
    public void An_upload_replaces_the_rules_and_a_download_returns_the_same_bytes()
    {
        byte[] package = Build.PackageOf(PackageRoundTripTests.Everything(), "everything.rsc", "# source\n");
        string id = PackageWriter.TableIdOf(PackageRoundTripTests.Everything());
        Assert.Equal("ok " + id, Upload(package));
        Assert.Equal(id, _rules.TableId);
        string download = Machine("!download");
        Assert.StartsWith($"ok {package.Length} {Crc32.Of(package, 0, package.Length):x8}", download);
        var bytes = download.Split('\n').Where(l => l.StartsWith("data ", StringComparison.Ordinal))
            .SelectMany(l => Convert.FromHexString(l.Split(' ')[2])).ToArray();
        Assert.Equal(package, bytes);
        Assert.EndsWith("end", download);
        Boot();
        Assert.Equal(id, _rules.TableId);
    }

    [Fact]
    public void Half_sent_corrupt_and_invalid_uploads_leave_the_rules_running_and_say_why()
    {
        byte[] package = Build.PackageOf(PackageRoundTripTests.Everything());
        Assert.StartsWith("error upload incomplete:", Upload(package, stopAfter: 2));
        Assert.StartsWith("error chunk CRC mismatch at offset 128", Upload(package, corruptChunk: true));
        Assert.Equal("error package CRC mismatch; rules unchanged", Upload(package, wrongTotalCrc: true));
        byte[] bad = File.ReadAllBytes(Repo.Data("packages", "bad", "jump-cycle--a-b-a.json"));
        Assert.StartsWith("error rules rejected: jump-cycle at byte", Upload(bad));
        Assert.Equal("error no upload in progress", Machine("!upload commit"));
        Assert.Equal(SeedId, _rules.TableId);
        Assert.True(_rules.IsDefault);
    }

    [Fact]
    public void A_change_over_the_heap_budget_is_refused()
    {
        _rules.HeapBudgetBytes = 20_000;   // the default rules fit; the bigger tables of Everything do not
        byte[] package = Build.PackageOf(PackageRoundTripTests.Everything());
        Assert.StartsWith("error rules rejected: over-capacity: heap bytes while swapping in", Upload(package));
        Assert.Equal(SeedId, _rules.TableId);
    }

    [Fact]
    public void An_idle_upload_is_abandoned()
    {
        Machine("!upload begin 10 00000000", 0);
        Assert.Equal("error upload abandoned after 30s without data; rules unchanged", Machine("!status", Capacity.UploadIdleTimeoutMs).Split('\n')[0]);
        Assert.Equal("error no upload in progress", Machine("!upload data 0 00 d202ef8d", Capacity.UploadIdleTimeoutMs));
    }

    [Fact]
    public void Export_reads_back_to_the_same_rules()
    {
        Type("/ip firewall address-list add list=secure address=198.51.100.0/24 comment=\"the office\"\r");
        string export = Type("/export\r");
        var reimported = new Model.RuleSet();
        string text = string.Join("\n", export.Replace("\r", "", StringComparison.Ordinal).Split('\n').Skip(1).TakeWhile(l => !l.StartsWith("[gateway]", StringComparison.Ordinal)));
        Assert.Null(new RouterOsImporter(reimported).Import(text));
        Assert.Equal(_rules.TableId, PackageWriter.TableIdOf(reimported));
    }

    [Fact]
    public void The_log_shows_what_logging_rules_matched()
    {
        var ring = new RuleLogRing();
        _rules.Engine!.Log = ring;
        _console = new ConsoleSession(_rules, ring, new Output(_output), 0);
        Assert.Contains("no log entries", Type("log\r"));
        Type("/ip firewall filter set 3 log=yes log-prefix=dropped\r");
        var p = new TestPackets();
        p.Tcp("203.0.113.7", 5555, "192.0.2.1", 22);
        _rules.Engine!.Evaluate(p.Packet, 1234, p.Decision);
        Assert.Contains("1.234s dropped input:3 tcp 203.0.113.7:5555->192.0.2.1:22", Type("log\r"));
    }
}

public sealed partial class ConsoleSessionTests
{
    [Fact]
    public void An_edit_of_rules_pushed_from_a_script_asks_first()
    {
        Assert.True(_rules.Apply(Build.SeedRecipe(), "rules.js", 0).IsOk);
        string id = _rules.TableId;
        string asked = Type("/ip firewall filter add chain=input protocol=tcp dst-port=22 action=drop\r");
        Assert.Contains("warning: the rules in force came from rules.js, a script", asked);
        Assert.Contains("Nothing changed", asked);
        Assert.Equal(id, _rules.TableId);
        Assert.Equal("rules.js", _rules.SourceFile);
        Assert.Contains("# table", Type("/ip firewall filter add chain=input protocol=tcp dst-port=22 action=drop\r"));   // the same line again
        Assert.NotEqual(id, _rules.TableId);
        Assert.Equal("console.rsc", _rules.SourceFile);
        // From then on the rules are RouterOS commands: edits go through at once.
        Assert.Contains("# table", Type("/ip firewall filter remove 0\r"));
    }

    [Fact]
    public void A_different_line_does_not_confirm_an_edit_over_a_script()
    {
        Assert.True(_rules.Apply(Build.SeedRecipe(), "rules.js", 0).IsOk);
        Type("/ip firewall filter add chain=input protocol=tcp dst-port=22 action=drop\r");
        Assert.Contains("warning:", Type("/ip firewall filter add chain=input protocol=tcp dst-port=23 action=drop\r"));
        Assert.Equal("rules.js", _rules.SourceFile);
        // Pushed RouterOS commands are edited without asking.
        Assert.True(_rules.Apply(Build.SeedRecipe(), "seed.rsc", 0).IsOk);
        Assert.DoesNotContain("warning:", Type("/ip firewall filter add chain=input protocol=tcp dst-port=22 action=drop\r"));
        Assert.Equal("console.rsc", _rules.SourceFile);
    }
}
