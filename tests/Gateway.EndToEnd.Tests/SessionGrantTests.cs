// Sessions end with the grant, as RouterOS drops the later packets of a connection whose source left the
// list: a console session opened during a one-minute grant is reset when the minute ends, a forwarded
// connection too, unless a rule accepts established connections (then it stays, as on RouterOS).
using System.Net;
using System.Net.Sockets;
using Gateway.Cli.Commands;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class SessionGrantTests
{
    /// <summary>True once the peer closed or reset the connection (a read returns 0 or fails).</summary>
    internal static bool IsClosed(Socket s)
    {
        try
        {
            if (!s.Poll(0, SelectMode.SelectRead)) return false;
            var buffer = new byte[512];
            while (s.Available > 0) if (s.Receive(buffer) == 0) return true;   // drain output (greeting, prompt)
            return s.Poll(0, SelectMode.SelectRead) && s.Receive(buffer) == 0;
        }
        catch (SocketException) { return true; }
    }

    [SkippableTheory]
    [InlineData("auto")]
    [InlineData("listeners")]
    public void A_console_session_is_reset_when_its_grant_ends(string sight)
    {
        using var emulator = new RunningEmulator(sight);
        emulator.KnockOpen();
        using var session = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        session.Connect(emulator.Bind, emulator.ConsolePort);
        Assert.True(emulator.LogIn(session), "the generated password did not log in");
        emulator.Host.Advance(30_000);
        Assert.False(RunningEmulator.WaitUntil(() => IsClosed(session), 1500), "the session ended while the grant still ran");
        emulator.Host.Advance(30_000);   // the grant's minute is over
        Assert.True(RunningEmulator.WaitUntil(() => IsClosed(session)), $"the session outlived its grant (ended {emulator.Host.Read(h => h.App.Review.SessionsEnded)}, consoles {emulator.Host.Read(h => h.App.Consoles.Open)}, listed {emulator.IsListed("secure", "127.0.0.1")})");
        Assert.Equal(1, emulator.Host.Read(h => h.App.Review.SessionsEnded));
        Assert.Equal(0, emulator.Host.Read(h => h.App.Consoles.Open));
    }

    [Fact]
    public void One_session_per_address_and_an_idle_session_is_closed()
    {
        using var emulator = new RunningEmulator();
        emulator.KnockOpen();
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        first.Connect(emulator.Bind, emulator.ConsolePort);
        Assert.True(emulator.LogIn(first), "the generated password did not log in");
        Assert.False(emulator.ConsoleOpens(), "a second session from the same address was let in");
        Assert.Equal(1, emulator.Host.Read(h => h.App.Consoles.Refused));
        // Keep the grant alive past the idle time (a knock refreshes it), and let the session sit idle.
        for (long idle = 0; idle < Gateway.Core.Capacity.ConsoleIdleMs; idle += 50_000)
        {
            emulator.Host.Advance(50_000);
            emulator.KnockOpen();
        }
        Assert.True(RunningEmulator.WaitUntil(() => IsClosed(first)), "the idle session was not closed");
        Assert.Equal(1, emulator.Host.Read(h => h.App.Consoles.IdledOut));
        Assert.Equal(0, emulator.Host.Read(h => h.App.Review.SessionsEnded));   // closed for idling, not by the rules
        Assert.True(emulator.ConsoleOpens());
    }

    [Fact]
    public void A_session_that_never_gives_the_password_is_closed_after_the_short_idle_time()
    {
        using var emulator = new RunningEmulator();
        emulator.KnockOpen();
        using var idle = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        idle.Connect(emulator.Bind, emulator.ConsolePort);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.Consoles.Open) == 1));
        emulator.Host.Advance(Gateway.Core.Capacity.LoginIdleMs);   // the grant (a minute) still runs
        Assert.True(RunningEmulator.WaitUntil(() => IsClosed(idle)), "a session at its password prompt held a console slot");
        Assert.Equal(1, emulator.Host.Read(h => h.App.Consoles.IdledOut));
    }
}
