// The network console asks for the password (the emulator's generated one) and takes nothing else until
// it is given: a wrong one closes the connection, and an address that keeps failing waits longer each
// time and is then locked out, while another address still logs in. The serial console sets the password.
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Cli.Commands;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class ConsoleLoginTests
{
    private static string Attempt(RunningEmulator emulator, string password, IPAddress? from = null) => emulator.AttemptLogin(password, from);

    [Fact]
    public void The_network_console_asks_for_the_password_and_locks_out_an_address_that_keeps_guessing()
    {
        using var emulator = new RunningEmulator();
        emulator.KnockOpen();
        string wrong = Attempt(emulator, "not-the-password");
        Assert.Contains("Password: ", wrong);
        Assert.Contains("login failed", wrong);
        Assert.DoesNotContain("not-the-password", wrong);   // the password is not echoed
        Assert.DoesNotContain("[gateway]", wrong);
        Assert.Contains("try again in 2 s", Attempt(emulator, emulator.Host.GeneratedPassword!));   // even the right one waits
        for (int n = 2; n <= Gateway.Core.Capacity.LoginMaxFailures; n++)
        {
            emulator.Host.Advance(Gateway.Core.Capacity.LoginRetryDelayMs * (n - 1));
            Assert.Contains("login failed", Attempt(emulator, "guess-" + n));
        }
        Assert.Contains("too many failed logins", Attempt(emulator, emulator.Host.GeneratedPassword!));
        // Another address (knocked too) is not locked out by the first one's guesses.
        var other = IPAddress.Parse("127.0.0.3");
        emulator.KnockFrom(other, 9000, 6000);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("secure", "127.0.0.3")));
        Assert.Contains("[gateway]> ", Attempt(emulator, emulator.Host.GeneratedPassword!, other));
        Assert.Equal(Gateway.Core.Capacity.LoginMaxFailures, emulator.Host.Read(h => h.App.Consoles.Logins.Failures));
    }

    [SkippableFact]
    public void The_serial_console_sets_the_password_the_network_console_asks_for()
    {
        string socat = Tools.Require("socat", "socat");
        using var emulator = new RunningEmulator();
        var (exit, output) = Tools.Run(socat, "/user set admin password=\"new-secret-42\"\r", 30_000, "-t", "2", "-", emulator.Pty + ",raw,echo=0");
        Assert.True(exit == 0, output);
        Assert.Contains("password set", output);
        emulator.KnockOpen();
        string session = Attempt(emulator, "new-secret-42");
        Assert.Contains("[gateway]> ", session);
    }
}
