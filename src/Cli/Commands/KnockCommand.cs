// gateway knock HOST PORT[:tcp|:udp]... [--delay MS] [--then-connect PORT]: a knock client that spaces
// its knocks, because a gateway polling several sockets cannot tell which of two knocks that arrive
// together came first, and that can check the door opened by connecting afterwards.
using System.CommandLine;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Cli.Commands;

internal static class KnockCommand
{
    /// <summary>Default pause between knocks: several gateway loop passes, far below any knock window.</summary>
    public const int DefaultDelayMs = 100;

    public static Command Create()
    {
        var host = new Argument<string>("HOST") { Description = "the gateway's address" };
        var ports = new Argument<string[]>("PORT") { Description = "knock ports in order, each PORT, PORT:tcp or PORT:udp", Arity = ArgumentArity.OneOrMore };
        var delay = new Option<int>("--delay") { Description = "milliseconds between knocks", DefaultValueFactory = _ => DefaultDelayMs };
        var connect = new Option<int?>("--then-connect") { Description = "after knocking, connect to this TCP port and report whether the door opened" };
        var command = new Command("knock", "Knock a port sequence on a gateway") { host, ports, delay, connect };
        command.SetAction(r => Run(r.GetValue(host)!, r.GetValue(ports)!, r.GetValue(delay), r.GetValue(connect), Console.Out));
        return command;
    }

    public static int Run(string host, string[] ports, int delayMs, int? thenConnect, TextWriter output)
    {
        if (!IPAddress.TryParse(host, out var address))
        {
            try { address = Dns.GetHostAddresses(host).First(); }
            catch (Exception e) when (e is SocketException or InvalidOperationException) { Console.Error.WriteLine($"gateway: cannot resolve {host}"); return 1; }
        }
        var steps = new List<(int Port, bool Udp)>();
        foreach (var p in ports)
        {
            var parts = p.Split(':');
            if (!int.TryParse(parts[0], out int port) || port is < 1 or > 65535 || parts.Length > 2 || parts.Length == 2 && parts[1] is not ("tcp" or "udp"))
            {
                Console.Error.WriteLine($"gateway: knock port must be PORT, PORT:tcp or PORT:udp, not {p}");
                return 1;
            }
            steps.Add((port, parts.Length == 2 && parts[1] == "udp"));
        }
        for (int i = 0; i < steps.Count; i++)
        {
            if (i > 0 && delayMs > 0) Thread.Sleep(delayMs);
            Knock(address, steps[i].Port, steps[i].Udp);
            output.WriteLine($"knocked {(steps[i].Udp ? "udp" : "tcp")}/{steps[i].Port}");
        }
        if (thenConnect is not int target) return 0;
        if (delayMs > 0) Thread.Sleep(delayMs);
        var (open, report) = Probe(address, target, ConnectTimeoutMs, AnswerWaitMs);
        output.WriteLine(report);
        return open ? 0 : 1;
    }

    /// <summary>How long the connection after the knock may take to be accepted.</summary>
    public const int ConnectTimeoutMs = 2000;

    /// <summary>How long an accepted connection is watched for an answer or an end: past the gateway's own wait
    /// for a forward's LAN host (3 s), so a forward to a dead host reads as closed, not open.</summary>
    public const int AnswerWaitMs = 4000;

    /// <summary>Connects and says what it saw: refused (reset at once), timed out, accepted and then reset or
    /// closed (a gateway resets what it drops; a forward whose LAN host does not answer is closed), or open
    /// (accepted and answered, or accepted and still up, silent, after <paramref name="waitMs"/>).</summary>
    public static (bool Open, string Report) Probe(IPAddress address, int port, int connectTimeoutMs, int waitMs)
    {
        using var s = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (!s.ConnectAsync(new IPEndPoint(address, port)).Wait(connectTimeoutMs))
                return (false, $"timed out: tcp/{port} did not answer within {connectTimeoutMs / 1000.0:0.#} s");
        }
        catch (AggregateException e) when (e.InnerException is SocketException se)
        {
            return (false, se.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"refused: tcp/{port} refused the connection",
                // A reset that comes as the handshake completes (a gateway resets what it drops at once).
                SocketError.ConnectionReset or SocketError.ConnectionAborted => $"reset: tcp/{port} reset the connection",
                _ => $"failed: tcp/{port}: {se.Message}",
            });
        }
        try
        {
            if (!s.Poll(TimeSpan.FromMilliseconds(waitMs), SelectMode.SelectRead))
                return (true, $"open: tcp/{port} accepted the connection (nothing received within {waitMs / 1000.0:0.#} s: a service that waits for the client to speak first)");
            var buffer = new byte[256];
            int n = s.Receive(buffer);
            return n > 0
                ? (true, $"open: tcp/{port} accepted the connection and answered ({n} bytes)")
                : (false, $"closed: tcp/{port} accepted the connection, then closed it");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return (false, $"reset: tcp/{port} accepted the connection, then reset it");
        }
    }

    // A TCP knock is one connection attempt; whether the gateway accepts or resets it does not matter.
    private static void Knock(IPAddress address, int port, bool udp)
    {
        using var s = new Socket(address.AddressFamily, udp ? SocketType.Dgram : SocketType.Stream, udp ? ProtocolType.Udp : ProtocolType.Tcp);
        try
        {
            if (udp) s.SendTo(new byte[] { 0 }, new IPEndPoint(address, port));
            else s.ConnectAsync(new IPEndPoint(address, port)).Wait(500);
        }
        catch (Exception e) when (e is SocketException or AggregateException) { }
    }
}
