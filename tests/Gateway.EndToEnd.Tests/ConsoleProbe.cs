// Probes of a gateway's network console from outside, as a user's client sees it: does it greet, and how far does a
// login get. Shared by the emulator's and the virtual board's tests.
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.EndToEnd.Tests;

internal static class ConsoleProbe
{
    /// <summary>True when a connection to the console is accepted and greets (open door); from
    /// <paramref name="from"/> (another loopback address) when given. Works on any gateway: the emulator or the virtual board.</summary>
    public static bool Opens(IPAddress bind, int port, IPAddress? from = null)
    {
        using var s = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (from != null) s.Bind(new IPEndPoint(from, 0));
        try
        {
            if (!s.ConnectAsync(bind, port).Wait(2000)) return false;
            s.ReceiveTimeout = 2000;
            var buffer = new byte[64];
            int n = s.Receive(buffer);
            return n > 0 && System.Text.Encoding.ASCII.GetString(buffer, 0, n).StartsWith("Gateway console", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or AggregateException) { return false; }
    }

    /// <summary>Connects to the console (from <paramref name="from"/> when given) and reads until the shell prompt or the
    /// end, sending the password at its prompt; with no password, stops at the prompt. "refused: ..." when the
    /// connection is refused.</summary>
    public static string AttemptLogin(IPAddress bind, int port, string? password, IPAddress? from = null)
    {
        using var s = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        if (from != null) s.Bind(new IPEndPoint(from, 0));
        try { s.Connect(bind, port); }
        catch (SocketException e) { return "refused: " + e.SocketErrorCode; }
        var seen = new StringBuilder();
        var buffer = new byte[512];
        bool sent = false;
        while (true)
        {
            int n;
            try { n = s.Receive(buffer); }
            catch (SocketException e) { seen.Append("[" + e.SocketErrorCode + "]"); break; }
            if (n == 0) break;
            seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
            string text = seen.ToString();
            if (text.EndsWith("Password: ", StringComparison.Ordinal))
            {
                if (password == null || sent) break;
                s.Send(Encoding.ASCII.GetBytes(password + "\r"));
                sent = true;
            }
            if (text.Contains("[gateway]> ", StringComparison.Ordinal)) break;
        }
        return seen.ToString();
    }
}
