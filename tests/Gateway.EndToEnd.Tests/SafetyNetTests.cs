// The safety nets of issue 24 where the gateway runs: the console stays shut over IPv6 when no IPv6 rule
// opens it (the built-in rules and hardened.js, on ::1), push judges the console on the target's own port,
// a rotation over 17 addresses is locked out while the real user from another network logs in, and a
// client trickling bytes at the password prompt loses its slot within the login deadline.
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Cli.Commands;
using Gateway.Core;
using Gateway.Rules;
using Gateway.Rules.Packaging;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class SafetyNetTests
{
    private static string Attempt(RunningEmulator emulator, string? password, IPAddress? from = null) => emulator.AttemptLogin(password, from);

    [Fact]
    public void An_emulator_whose_console_port_is_taken_stops_with_the_reason()
    {
        var address = RunningEmulator.PrivateLoopback();
        using var taken = new TcpListener(address, 0);   // another program (or emulator) holds the port
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        string state = Path.Combine(Path.GetTempPath(), "gateway-e2e-" + Guid.NewGuid().ToString("N"));
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => new Gateway.Emulator.EmulatorHost(new Gateway.Emulator.EmulatorOptions { StateDirectory = state, Serial = "none", ConsolePort = port, Bind = address }));
            Assert.Contains($"cannot listen on the console port tcp {address}:{port}", e.Message);
        }
        finally
        {
            if (Directory.Exists(state)) Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public void Over_ipv6_the_built_in_rules_keep_the_console_shut_knock_or_not()
    {
        using var emulator = new RunningEmulator(bind: IPAddress.IPv6Loopback);
        Assert.Contains("ipv6 has no rules: closed to ipv6", emulator.Host.Read(h => h.Banner()));
        Assert.DoesNotContain("Gateway console", Attempt(emulator, emulator.Host.GeneratedPassword));
        // The built-in recipe is /ip only: a knock over IPv6 opens nothing.
        Assert.Equal(0, KnockCommand.Run(emulator.Address, new[] { "9000", "6000" }, 50, null, TextWriter.Null));
        Assert.DoesNotContain("[gateway]", Attempt(emulator, emulator.Host.GeneratedPassword));
        Assert.True(emulator.Host.Read(h => h.App.AttemptsDropped) >= 2);
    }

    [Fact]
    public void Over_ipv6_hardened_js_keeps_the_console_shut()
    {
        using var emulator = new RunningEmulator(bind: IPAddress.IPv6Loopback);
        // hardened.js guards tcp 2323; this emulator's console is on a free port, so the script names that one.
        string script = File.ReadAllText(Repo.Path("examples", "hardened.js")).Replace("2323", emulator.ConsolePort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        emulator.Install(RulesFile.LoadText("hardened.js", script));
        Assert.DoesNotContain("Gateway console", Attempt(emulator, emulator.Host.GeneratedPassword));
        Assert.Equal(0, KnockCommand.Run(emulator.Address, new[] { "7431", "2917", "8862" }, 50, null, TextWriter.Null));
        Assert.DoesNotContain("[gateway]", Attempt(emulator, emulator.Host.GeneratedPassword));
    }

    [Fact]
    public void Push_judges_the_console_on_the_port_the_target_serves_it_on()
    {
        using var emulator = new RunningEmulator();
        string Rules(int port) => $"/ip firewall filter\nadd chain=input protocol=tcp dst-port={port} action=accept\nadd chain=input action=drop\n";
        string path = Path.Combine(Path.GetTempPath(), "gateway-port-" + Guid.NewGuid().ToString("N") + ".rsc");
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            File.WriteAllText(path, Rules(emulator.ConsolePort));
            Assert.Equal(1, PushCommand.Push(path, emulator.Pty));
            Assert.Contains($"these rules open the gateway's console (tcp {emulator.ConsolePort}) to everyone, without a knock; nothing pushed", error.ToString());
            Assert.True(emulator.Host.Read(h => h.Rules.IsDefault));
            // Open on 2323, which this emulator does not serve its console on: not the console's door.
            File.WriteAllText(path, Rules(PackageBuilder.DefaultConsolePort == emulator.ConsolePort ? 2424 : PackageBuilder.DefaultConsolePort));
            Assert.Equal(0, PushCommand.Push(path, emulator.Pty));
            Assert.False(emulator.Host.Read(h => h.Rules.IsDefault));
        }
        finally
        {
            Console.SetError(saved);
            File.Delete(path);
        }
    }

    [Fact]
    public void A_rotation_over_seventeen_addresses_is_locked_out_and_the_real_user_logs_in()
    {
        using var emulator = new RunningEmulator();
        var attackers = Enumerable.Range(1, 17).Select(i => IPAddress.Parse($"127.0.77.{i}")).ToArray();
        foreach (var a in attackers) emulator.KnockFrom(a, 9000, 6000);
        Assert.True(RunningEmulator.WaitUntil(() => attackers.All(a => emulator.IsListed("secure", a.ToString()))));
        int failed = 0, refused = 0;
        for (int round = 0; round < 2; round++)
        {
            foreach (var a in attackers)
            {
                string reply = Attempt(emulator, "guess-" + round, a);
                if (reply.Contains("login failed", StringComparison.Ordinal)) failed++;
                else if (reply.Contains("too many failed logins", StringComparison.Ordinal)) refused++;
            }
        }
        Assert.Equal(Capacity.LoginNetworkMaxFailures, failed);   // then the network is locked
        Assert.Equal(2 * attackers.Length - Capacity.LoginNetworkMaxFailures, refused);
        // The real user, knocking from another network, logs in during the lockout...
        var user = IPAddress.Parse("127.0.88.1");
        emulator.KnockFrom(user, 9000, 6000);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("secure", "127.0.88.1")));
        Assert.Contains("[gateway]> ", Attempt(emulator, emulator.Host.GeneratedPassword!, user));
        // ...and after it, while the attacker's network starts counting again from nothing.
        emulator.Host.Advance(Capacity.LoginLockoutMs);
        foreach (var a in attackers.Take(2)) emulator.KnockFrom(a, 9000, 6000);
        emulator.KnockFrom(user, 9000, 6000);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("secure", "127.0.88.1")));
        Assert.Contains("login failed", Attempt(emulator, "guess-after", attackers[0]));
        Assert.Contains("[gateway]> ", Attempt(emulator, emulator.Host.GeneratedPassword!, user));
    }

    [Fact]
    public void A_client_trickling_bytes_at_the_password_prompt_loses_its_slot_at_the_login_deadline()
    {
        using var emulator = new RunningEmulator();
        var holders = new[] { IPAddress.Parse("127.0.66.1"), IPAddress.Parse("127.0.66.2") };
        foreach (var h in holders) emulator.KnockFrom(h, 9000, 6000);
        Assert.True(RunningEmulator.WaitUntil(() => holders.All(h => emulator.IsListed("secure", h.ToString()))));
        var sockets = holders.Select(h =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
            s.Bind(new IPEndPoint(h, 0));
            s.Connect(emulator.Bind, emulator.ConsolePort);
            return s;
        }).ToArray();
        try
        {
            Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.Consoles.Open) == 2));
            // Both slots are held: one byte each, well inside the per-byte idle limit, time and again.
            for (long held = 0; held + 5000 < Capacity.LoginDeadlineMs; held += 5000)
            {
                foreach (var s in sockets) s.Send(new[] { (byte)'x' });
                emulator.Host.Advance(5000);
                Assert.Equal(2, emulator.Host.Read(h => h.App.Consoles.Open));
            }
            emulator.Host.Advance(5000);   // past the deadline of the whole login
            Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.Consoles.Open) == 0), "the holders kept their slots");
            Assert.Equal(2, emulator.Host.Read(h => h.App.Consoles.LoginsTimedOut));
            Assert.Equal(2, emulator.Host.Read(h => h.App.Consoles.Logins.Failures));   // a stalled login counts as a failed one
            foreach (var s in sockets)
            {
                var text = new StringBuilder();
                var buffer = new byte[256];
                int n;
                try { while ((n = s.Receive(buffer)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, n)); }
                catch (SocketException) { }
                Assert.Contains("login took too long", text.ToString());
            }
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
        }
        // The real user gets a slot.
        emulator.KnockOpen();
        Assert.Contains("[gateway]> ", Attempt(emulator, emulator.Host.GeneratedPassword!));
    }
}
