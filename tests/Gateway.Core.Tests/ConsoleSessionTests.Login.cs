// A network session takes nothing but the password until it is given (not echoed; one attempt), offers
// nothing at all when no password is set, and may not set one: /user works on the serial console only.
using System.Text;
using Gateway.Host.Auth;
using Gateway.Host.Console;
using Gateway.Host.Running;

namespace Gateway.Core.Tests;

public sealed partial class ConsoleSessionTests
{
    private (ConsoleSession Session, StringBuilder Output) Network(ConsolePassword password)
    {
        var output = new StringBuilder();
        var session = new ConsoleSession(_rules, new RuleLogRing(), new Output(output), 0) { Password = password, LoginRequired = true };
        session.Start();
        return (session, output);
    }

    // Feeds a line, then runs its password check to the end a slice at a time, as the loop does.
    private static int Feed(ConsoleSession session, string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        session.Receive(bytes, bytes.Length, 0);
        int slices = 0;
        for (; session.IsChecking; slices++) session.Tick();
        return slices;
    }

    [Fact]
    public void Without_a_password_the_network_console_offers_nothing()
    {
        var (session, output) = Network(new ConsolePassword(new MemoryFlash()));
        Assert.Contains("no password is set for the network console: set one on the serial console with /user set admin password=...", output.ToString());
        Assert.True(session.CloseRequested);
        string before = _rules.TableId;
        Feed(session, "/ip firewall filter remove 0\r");
        Assert.Equal(before, _rules.TableId);
        Assert.DoesNotContain("[gateway]", output.ToString());
    }

    [Fact]
    public void A_network_session_takes_the_password_first_and_does_not_echo_it()
    {
        var password = new ConsolePassword(new MemoryFlash());
        Assert.Equal("", password.Set("correct-horse", new byte[16]));
        var (session, output) = Network(password);
        Assert.EndsWith("Password: ", output.ToString());
        int slices = Feed(session, "correct-horse\r");
        Assert.Equal(ConsolePassword.Iterations / Capacity.PasswordIterationsPerPass, slices);   // never all at once
        Assert.True(session.LoggedIn);
        Assert.DoesNotContain("correct-horse", output.ToString());
        Assert.EndsWith("[gateway]> ", output.ToString());
        Feed(session, "/user set admin password=other-password\r");
        Assert.Contains("/user works on the serial console only", output.ToString());
        Assert.True(password.Verify("correct-horse"));
    }

    [Fact]
    public void A_wrong_password_ends_the_session_and_what_follows_is_not_run()
    {
        var password = new ConsolePassword(new MemoryFlash());
        password.Set("correct-horse", new byte[16]);
        var (session, output) = Network(password);
        string before = _rules.TableId;
        Feed(session, "/ip firewall filter remove 0\r/ip firewall filter remove 0\r");   // a wrong password, then a command
        Assert.True(session.LoginFailed);
        Assert.True(session.CloseRequested);
        Assert.False(session.LoggedIn);
        Assert.Equal(before, _rules.TableId);
        Assert.EndsWith("login failed\r\n", output.ToString());
    }

    [Fact]
    public void The_serial_console_sets_the_password()
    {
        var password = new ConsolePassword(new MemoryFlash());
        _console.Password = password;
        _console.Start();
        Assert.Contains("password must be 8-64 characters", Type("/user set admin password=short\r"));
        Assert.Contains("usage: /user set admin password=SECRET", Type("/user set bob password=whatever1\r"));
        Assert.Contains("password set", Type("/user set admin password=\"correct-horse\"\r"));
        Assert.True(password.Verify("correct-horse"));
        Assert.Contains("password set", Type("/user/set admin password=battery-staple\r"));
        Assert.True(password.Verify("battery-staple"));
    }
}
