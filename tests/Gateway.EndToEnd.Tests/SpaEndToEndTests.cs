// Single packet authorization against Debian's fwknop client (issue 27): keys from `gateway spa keygen` typed on the
// emulator's serial console (socat on its pty), then fwknop's datagram opens the guarded console; the same datagram
// resent is a replay; a shifted timestamp, a wrong key, a wrong HMAC key, a port the door does not open and a NAT
// request are refused, each counted by its reason; a flood of 100,000 random and mutated datagrams leaves memory
// flat and the client still opens; nmap -sU sees the door's port as any closed UDP port. Packet sight (raw
// sockets: root) is needed for the port to look closed; CI runs as root.
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Gateway.Cli.Commands;
using Gateway.Core.Model;
using Gateway.Crypto.Spa;
using Gateway.Host.Spa;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public sealed class SpaEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gateway-spa-e2e-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (string Key, string HmacKey) Keygen(string name)
    {
        var output = new StringWriter();
        Assert.Equal(0, SpaCommand.Keygen(name, "127.0.0.1", output));
        return (Regex.Match(output.ToString(), "^KEY_BASE64: (\\S+)", RegexOptions.Multiline).Groups[1].Value,
            Regex.Match(output.ToString(), "^HMAC_KEY_BASE64: (\\S+)", RegexOptions.Multiline).Groups[1].Value);
    }

    // An emulator that sees packets, running a door that opens its console, keys set on its serial console.
    private static RunningEmulator Door(string key, string hmacKey, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        string socat = Tools.Require("socat", "socat", test);
        var emulator = new RunningEmulator("auto");
        if (!emulator.SeesPackets)
        {
            string sight = emulator.Host.Read(h => h.App.PacketSight.Description);
            emulator.Dispose();
            Assert.False(Tools.InCi, $"CI runs as root, yet the emulator fell back to {sight}");
            SkipReport.If(true, test, $"the emulator cannot see packets here ({sight}); run as root to test SPA's closed port");
        }
        emulator.Install(Gateway.Rules.RulesFile.LoadText("door.js",
            $"spa({{ name: 'console', open: ['tcp/{emulator.ConsolePort}'], timeout: '30s' }});\nfilter.add({{ chain: 'input', action: 'drop' }});\n"));
        var (exit, output) = Tools.Run(socat, $"/spa key set name=console key={key} hmac-key={hmacKey}\r", 30_000, "-t", "2", "-", emulator.Pty + ",raw,echo=0");
        Assert.True(exit == 0, output);
        // Waits on the gateway's state, not on socat's two seconds: a loaded machine may answer later.
        Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.Spa!.Keys.IndexOf("console") >= 0)), "the keys typed on the pty were not set: " + output);
        return emulator;
    }

    private static long Count(RunningEmulator emulator, int outcome) => emulator.Host.Read(h => h.App.Spa!.Count(outcome));

    // fwknop asks the door to open ACCESS for 127.0.0.1 and sends the datagram (saved to a file as well).
    private string Fwknop(RunningEmulator emulator, string key, string hmacKey, string access, params string[] more)
    {
        string fwknop = Tools.Require("fwknop", "fwknop-client");
        string rc = Path.Combine(_dir, "fwknoprc");
        File.WriteAllText(rc, "");
        string saved = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".pkt");
        var (exit, output) = Tools.Run(fwknop, [.. more, "-A", access, "-a", "127.0.0.1", "-D", emulator.Address, "--server-port", SpaDoor.DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--rc-file", rc, "--no-save-args", "--use-hmac", "--key-base64-rijndael", key, "--key-base64-hmac", hmacKey, "-B", saved]);
        Assert.True(exit == 0, $"fwknop exit {exit}: {output}");
        return saved;
    }

    // Sends one datagram and waits until the door counted OUTCOME once more; then the next second begins (its budget).
    private static void Expect(RunningEmulator emulator, int outcome, Action send)
    {
        long before = Count(emulator, outcome);
        send();
        Assert.True(RunningEmulator.WaitUntil(() => Count(emulator, outcome) == before + 1),
            $"expected one more {SpaDoorway.OutcomeName(outcome)}: " + emulator.Host.Read(h => { var b = new Gateway.Core.Text.TextBuffer(); h.App.Spa!.AppendStatus(b); return b.ToString(); }));
        emulator.Host.Advance(1000);
    }

    private static void SendRaw(RunningEmulator emulator, byte[] datagram)
    {
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        udp.Send(datagram, datagram.Length, new IPEndPoint(emulator.Bind, SpaDoor.DefaultPort));
    }

    [SkippableFact]
    public void Fwknop_opens_the_console_and_every_other_datagram_is_refused_by_its_reason()
    {
        var (key, hmacKey) = Keygen("console");
        using var emulator = Door(key, hmacKey);
        Assert.False(emulator.ConsoleOpens());
        string access = "tcp/" + emulator.ConsolePort;

        string saved = "";
        Expect(emulator, (int)SpaOutcome.Accepted, () => saved = Fwknop(emulator, key, hmacKey, access));
        Assert.True(emulator.ConsoleOpens());
        Assert.True(emulator.IsListed("spa:console:" + access, "127.0.0.1"));
        Expect(emulator, (int)SpaOutcome.Replay, () => SendRaw(emulator, File.ReadAllBytes(saved).Where(b => b != '\n').ToArray()));

        var (otherKey, otherHmacKey) = Keygen("other");
        Expect(emulator, (int)SpaOutcome.Age, () => Fwknop(emulator, key, hmacKey, access, "--time-offset-plus", "5min"));
        Expect(emulator, (int)SpaOutcome.Age, () => Fwknop(emulator, key, hmacKey, access, "--time-offset-minus", "5min"));
        Expect(emulator, (int)SpaOutcome.Decrypt, () => Fwknop(emulator, otherKey, hmacKey, access));
        Expect(emulator, (int)SpaOutcome.Hmac, () => Fwknop(emulator, key, otherHmacKey, access));
        Expect(emulator, (int)SpaOutcome.Policy, () => Fwknop(emulator, key, hmacKey, "tcp/22"));
        Expect(emulator, (int)SpaOutcome.Message, () => Fwknop(emulator, key, hmacKey, access, "-N", "192.168.1.10:22"));
        Assert.Equal(1, Count(emulator, (int)SpaOutcome.Accepted));

        // The grant is the door's 30 s, as any timed address-list entry.
        emulator.Host.Advance(30_000);
        Assert.False(emulator.ConsoleOpens());

        // What /spa print shows: the counters by reason, never the keys (the console's own tests cover its wording).
        string printed = emulator.Host.Read(h => { var b = new Gateway.Core.Text.TextBuffer(); h.App.Spa!.AppendPrint(b); return b.ToString(); });
        Assert.Contains("datagrams: accepted=1 format=0 hmac=1 decrypt=1 message=1 age=2 replay=1 policy=1", printed);
        Assert.DoesNotContain(key, printed);
        Assert.DoesNotContain(hmacKey, printed);
    }

    [SkippableFact]
    public void A_flood_of_random_and_mutated_datagrams_leaves_memory_flat_and_the_client_still_opens()
    {
        var (key, hmacKey) = Keygen("console");
        using var emulator = Door(key, hmacKey);
        string access = "tcp/" + emulator.ConsolePort;
        string saved = Fwknop(emulator, key, hmacKey, access, "--test");   // built, not sent: the flood mutates it
        byte[] genuine = File.ReadAllBytes(saved).Where(b => b != '\n').ToArray();
        string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalMemory(true);
        var random = new Random(27);
        using (var udp = new UdpClient(AddressFamily.InterNetwork))
        {
            var to = new IPEndPoint(emulator.Bind, SpaDoor.DefaultPort);
            var datagram = new byte[432];
            for (int i = 0; i < 100_000; i++)
            {
                int length;
                if (i % 2 == 0)
                {
                    length = random.Next(1, datagram.Length);
                    random.NextBytes(datagram.AsSpan(0, length));
                }
                else
                {
                    length = genuine.Length;   // fwknop's shape, one character changed: costs an HMAC, fails it
                    genuine.CopyTo(datagram, 0);
                    int at = random.Next(length);
                    byte other;
                    do other = (byte)alphabet[random.Next(alphabet.Length)]; while (other == genuine[at]);   // changed, never the genuine datagram
                    datagram[at] = other;
                }
                udp.Send(datagram, length, to);
            }
        }
        // Wait until the tap is drained: a pass that began after the last datagram was sent has emptied it, so every
        // datagram the kernel queued has been judged (loopback delivers as sendto returns).
        long emptied = emulator.Host.Read(h => h.App.PacketSight.Emptied);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.PacketSight.Emptied) >= emptied + 2, 60_000), "the tap was not drained");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long after = GC.GetTotalMemory(true);
        Assert.True(after - before < 4_000_000, $"memory grew {after - before} bytes over the flood");
        Assert.Equal(0, Count(emulator, (int)SpaOutcome.Accepted));
        Assert.True(Count(emulator, (int)SpaOutcome.Format) > 1000);
        Assert.True(Count(emulator, SpaDoorway.OverBudget) > 0);
        Assert.Equal(0, emulator.Host.Read(h => h.App.Spa!.ReplayEntries));

        emulator.Host.Advance(1000);   // the next second's budget
        Expect(emulator, (int)SpaOutcome.Accepted, () => Fwknop(emulator, key, hmacKey, access));
        Assert.True(emulator.ConsoleOpens());
    }

    [SkippableFact]
    public void Nmap_sees_the_doors_port_as_any_closed_udp_port()
    {
        var (key, hmacKey) = Keygen("console");
        using var emulator = Door(key, hmacKey);
        string nmap = Tools.Require("nmap", "nmap");
        var (exit, output) = Tools.Run(nmap, null, 120_000, "-Pn", "-sU", "-p", $"{SpaDoor.DefaultPort},{SpaDoor.DefaultPort + 1}", emulator.Address);
        Assert.True(exit == 0, output);
        Assert.Matches($"{SpaDoor.DefaultPort}/udp +closed", output);
        Assert.Matches($"{SpaDoor.DefaultPort + 1}/udp +closed", output);
        Assert.True(RunningEmulator.WaitUntil(() => Count(emulator, (int)SpaOutcome.Format) >= 1), "nmap's probe should have reached the door");
    }

    [SkippableFact]
    public void The_emulators_banner_gives_a_keyless_door_keys_and_the_fwknop_command_that_opens_it()
    {
        string fwknop = Tools.Require("fwknop", "fwknop-client");
        using var emulator = new RunningEmulator("auto");
        emulator.Install(Gateway.Rules.RulesFile.LoadText("door.js",
            $"spa({{ name: 'console', open: ['tcp/{emulator.ConsolePort}'] }});\nfilter.add({{ chain: 'input', action: 'drop' }});\n"));
        string banner = emulator.Host.Read(h => h.Banner());
        var line = Regex.Match(banner, "^spa: door console on udp (\\S+):62201 opens tcp/(\\d+); keys generated .*: (fwknop .*)$", RegexOptions.Multiline);
        Assert.True(line.Success, banner);
        Assert.Equal(emulator.ConsolePort.ToString(System.Globalization.CultureInfo.InvariantCulture), line.Groups[2].Value);
        Assert.False(emulator.ConsoleOpens());
        string rc = Path.Combine(_dir, "fwknoprc");
        File.WriteAllText(rc, "");
        // The banner's command as a user pastes it (its words have no quotes), with the test's own rc file.
        var (exit, output) = Tools.Run(fwknop, [.. line.Groups[3].Value.Split(' ').Skip(1), "--rc-file", rc, "--no-save-args"]);
        Assert.True(exit == 0, output);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.ConsoleOpens()), "the banner's fwknop command did not open the door");
        // The keys are the emulator's, kept in its flash: the next banner says stored, not generated again.
        emulator.Host.Reboot();
        Assert.Contains("spa: door console on udp", emulator.Host.Read(h => h.Banner()));
        Assert.Equal(1, emulator.Host.Read(h => h.App.Spa!.Keys.Count));
    }
}
