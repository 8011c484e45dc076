// The emulator with real clients: Debian's knock opens the door for one minute of emulator time, a
// sequential nmap sweep does not, pushes and typed commands over the pty change the running rules, and
// corrupt uploads change nothing. Emulator time is stepped, so a minute needs no minute of waiting.
using System.Diagnostics;
using Gateway.Cli.Commands;
using Gateway.Cli.Serial;
using Gateway.Core.Defaults;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Storage;
using Gateway.Host.RouterOs;
using Gateway.Rules;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class EmulatorEndToEndTests
{
    private static string DefaultId()
    {
        var rules = new RuleSet();
        new RouterOsImporter(rules).Import(DefaultRules.Text);
        return PackageWriter.TableIdOf(rules);
    }

    [SkippableTheory]
    [InlineData("auto")]
    [InlineData("listeners")]
    public void Debian_knock_opens_the_console_for_one_minute_of_emulator_time(string sight)
    {
        string knock = Tools.Require("knock", "knockd");
        using var emulator = new RunningEmulator(sight);
        Assert.False(emulator.ConsoleOpens());
        var (exit, output) = Tools.Run(knock, emulator.Address, "9000", "6000");
        Assert.True(exit == 0, output);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("secure", "127.0.0.1")));
        Assert.True(emulator.ConsoleOpens());
        emulator.Host.Advance(60_000);
        Assert.False(emulator.ConsoleOpens());
    }

    // One probe at a time, 10 ms apart. In listener mode, without the pause, the kernel completes the
    // handshakes of 6000 and 9000 before the gateway's loop looks, and the loop (which meets the 9000
    // listener first) can take them in knock order: the race of unspaced knocks (KnockOrderingMeasurement)
    // that packet sight removes.
    [SkippableTheory]
    [InlineData("auto")]
    [InlineData("listeners")]
    public void A_sequential_nmap_sweep_leaves_the_door_closed(string sight)
    {
        string nmap = Tools.Require("nmap", "nmap");
        using var emulator = new RunningEmulator(sight);
        var (exit, output) = Tools.Run(nmap, null, 120_000, "-r", "--max-parallelism", "1", "--scan-delay", "10ms", "-Pn", "-sT", "-T5", "-p", "5990-6010,8990-9010", emulator.Address);
        Assert.True(exit == 0, output);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("port:9000", "127.0.0.1")), "nmap's probe of 9000 should have been seen:\n" + output);
        Assert.False(emulator.IsListed("secure", "127.0.0.1"));
        Assert.False(emulator.ConsoleOpens());
    }

    [SkippableFact]
    public void Gateway_push_over_the_pty_replaces_the_rules_while_the_emulator_runs()
    {
        Tools.Require("socat", "socat");   // the pty is the same device socat and picocom open
        using var emulator = new RunningEmulator();
        Assert.Equal(0, PushCommand.Push(Repo.Path("examples", "udp-knock.js"), emulator.Pty));
        var loaded = RulesFile.Load(Repo.Path("examples", "udp-knock.js")).Rules!;
        Assert.Equal(PackageWriter.TableIdOf(loaded.RuleSet), emulator.TableId);
        emulator.WaitPlanned();
        Assert.Equal(0, KnockCommand.Run(emulator.Address, new[] { "4001:udp", "4002:udp", "4003:udp" }, 50, null, TextWriter.Null));
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("console-ok", "127.0.0.1")));
        using var link = new SerialLink(emulator.Pty);
        var pulled = RulesFile.LoadPackage("pulled.json", link.Download()).Rules!;
        Assert.Equal(File.ReadAllText(Repo.Path("examples", "udp-knock.js")), pulled.Source);
    }

    [SkippableFact]
    public void Typing_the_seed_commands_into_the_console_gives_the_same_rules_as_pushing_them()
    {
        string socat = Tools.Require("socat", "socat");
        using var emulator = new RunningEmulator();
        Assert.Equal(0, PushCommand.Push(Repo.Path("examples", "ssh-forward.js"), emulator.Pty));
        Assert.NotEqual(DefaultId(), emulator.TableId);
        int pushed = emulator.Host.Read(h => h.Rules.RuleSet.Ipv4.RuleCount);
        int pushed6 = emulator.Host.Read(h => h.Rules.RuleSet.Ipv6.RuleCount);   // knock() writes both families
        Assert.True(pushed6 > 0);
        // The first edit of a pushed script asks first: the same line again makes it (the rules become RouterOS commands).
        string removeAll = "remove " + string.Join(",", Enumerable.Range(0, pushed)) + "\r";
        string typed = "/ip firewall filter\r" + removeAll + removeAll + "/ip firewall nat remove 0\r"
            + "/ipv6 firewall filter\rremove " + string.Join(",", Enumerable.Range(0, pushed6)) + "\r" + File.ReadAllText(Repo.Path("examples", "seed.rsc")).Replace("\n", "\r", StringComparison.Ordinal);
        var (exit, output) = Tools.Run(socat, typed, 30_000, "-t", "2", "-", emulator.Pty + ",raw,echo=0");
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("failure", output);
        Assert.Contains("warning: the rules in force came from ssh-forward.js, a script", output);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.TableId == DefaultId()), output);
        Assert.Equal(0, PushCommand.Push(Repo.Path("examples", "seed.rsc"), emulator.Pty));
        Assert.Equal(DefaultId(), emulator.TableId);
    }

    [SkippableFact]
    public void Corrupt_and_half_sent_uploads_are_refused_and_the_old_rules_keep_running()
    {
        string socat = Tools.Require("socat", "socat");
        using var emulator = new RunningEmulator();
        string before = emulator.TableId;
        byte[] package = File.ReadAllBytes(Repo.Path("tests", "data", "packages", "good", "everything.json"));
        using (var link = new SerialLink(emulator.Pty))
        {
            link.Request($"!upload begin {package.Length} {Crc32.Of(package, 0, package.Length):x8}");
            var e = Assert.Throws<GatewayReplyException>(() => link.Request($"!upload data 0 {Convert.ToHexString(package, 0, 128)} 00000000"));
            Assert.StartsWith("chunk CRC mismatch", e.Message);
            link.Request($"!upload data 0 {Convert.ToHexString(package, 0, 128)} {Crc32.Of(package, 0, 128):x8}");
            e = Assert.Throws<GatewayReplyException>(() => link.Request("!upload commit"));
            Assert.StartsWith("upload incomplete", e.Message);
            byte[] bad = File.ReadAllBytes(Repo.Path("tests", "data", "packages", "bad", "table-id-mismatch--edited-port.json"));
            e = Assert.Throws<GatewayReplyException>(() => link.Upload(bad));
            Assert.StartsWith("rules rejected: table-id-mismatch", e.Message);
        }
        var (_, output) = Tools.Run(socat, "\u0001\u00ff\u0002garbage\r", 30_000, "-t", "1", "-", emulator.Pty + ",raw,echo=0");
        Assert.Contains("failure: line has control or non-ASCII bytes; ignored", output);
        Assert.Equal(before, emulator.TableId);
        Assert.True(emulator.Host.Read(h => h.Rules.IsDefault));
    }

    [SkippableTheory]
    [InlineData("auto")]
    [InlineData("listeners")]
    public void The_readme_walkthrough_works_against_gateway_emulate(string sight)
    {
        string knock = Tools.Require("knock", "knockd");
        string gateway = Path.Combine(AppContext.BaseDirectory, "gateway.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        // The README's ports (console 2323, knocks 9000 and 6000) on an address of its own on lo, so that a user's
        // walkthrough emulator on 127.0.0.1 (which holds those ports there) does not break the test, nor the test it.
        string address = RunningEmulator.PrivateLoopback().ToString();
        foreach (var a in new[] { gateway, "emulate", "--serial", "none", "--sight", sight, "--bind", address }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            // The banner: header, console, serial, sight, services, then one line per listener (the console first).
            var banner = new List<string>();
            string? ReadLine()
            {
                var line = process.StandardOutput.ReadLineAsync();
                Assert.True(line.Wait(30_000), "gateway emulate printed no banner line within 30 s; so far:\n" + string.Join("\n", banner));
                if (line.Result != null) banner.Add(line.Result);
                return line.Result;
            }
            while (ReadLine() is { } line && !line.StartsWith("sight:", StringComparison.Ordinal)) { }
            string sightLine = banner[^1];
            bool packets = sightLine == "sight: packets (raw)";
            Assert.True(packets || sightLine.StartsWith("sight: listeners (", StringComparison.Ordinal), sightLine);
            Assert.True(sight != "listeners" || !packets, sightLine);
            Assert.StartsWith("services: the console and forwards open only where a rule accepts them", ReadLine());
            for (int i = 0; i < (packets ? 1 : 3); i++) ReadLine();
            Assert.Contains(banner, l => l.StartsWith($"console: tcp {address}:2323, password ", StringComparison.Ordinal));
            Assert.Contains($"listening: tcp {address}:2323", banner);
            if (!packets)
            {
                Assert.Contains($"listening: tcp {address}:9000", banner);
                Assert.Contains($"listening: tcp {address}:6000", banner);
            }
            Assert.Equal(1, KnockCommand.Run(address, new[] { "2323" }, 0, 2323, TextWriter.Null));   // closed before the knock
            var (exit, output) = Tools.Run(knock, address, "9000", "6000");
            Assert.True(exit == 0, output);
            Assert.Equal(0, KnockCommand.Run(address, new[] { "9000", "6000" }, 100, 2323, TextWriter.Null));
        }
        finally
        {
            Tools.Run("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(process.WaitForExit(10_000), "gateway emulate did not stop on SIGTERM");
        }
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("gateway emulator stopped", process.StandardOutput.ReadToEnd());
    }
}
