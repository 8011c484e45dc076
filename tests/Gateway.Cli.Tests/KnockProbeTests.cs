// gateway knock --then-connect says what it saw after the knock, against real sockets on loopback: a service
// that answers is open, one that accepts and stays silent is open with that said, an accepted connection that
// is closed (a forward whose LAN host is dead) or reset (a gateway dropping it) is not, nor is a refused one.
using System.Net;
using System.Net.Sockets;
using Gateway.Cli.Commands;

namespace Gateway.Cli.Tests;

public sealed class KnockProbeTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    // Set once the probe has given its report: a service that must outlast the probe waits for it, not for a time.
    private readonly ManualResetEventSlim _probed = new();

    public KnockProbeTests() => _listener.Start();

    public void Dispose()
    {
        _listener.Stop();
        _probed.Dispose();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    // Probes while the listener's side does what a service (or a gateway) would with the accepted connection. The
    // waits are generous bounds, not delays: the probe returns as soon as it sees an answer or an end.
    private (bool Open, string Report) ProbeWith(Action<Socket> service, int waitMs = 10_000)
    {
        var server = Task.Run(() =>
        {
            using var accepted = _listener.AcceptSocket();
            service(accepted);
        });
        var result = KnockCommand.Probe(IPAddress.Loopback, Port, 10_000, waitMs);
        _probed.Set();
        Assert.True(server.Wait(10_000), "the service did not finish");
        return result;
    }

    [Fact]
    public void A_service_that_answers_is_open()
    {
        var (open, report) = ProbeWith(s => { s.Send("SSH-2.0-test\r\n"u8.ToArray()); _probed.Wait(10_000); });
        Assert.True(open);
        Assert.Equal($"open: tcp/{Port} accepted the connection and answered (14 bytes)", report);
    }

    [Fact]
    public void A_silent_service_is_open_and_the_report_says_it_sent_nothing()
    {
        var (open, report) = ProbeWith(_ => _probed.Wait(10_000), waitMs: 300);   // up and silent until the probe has reported
        Assert.True(open);
        Assert.Equal($"open: tcp/{Port} accepted the connection (nothing received within 0.3 s: a service that waits for the client to speak first)", report);
    }

    [Fact]
    public void A_connection_closed_after_it_was_accepted_is_not_open()
    {
        var (open, report) = ProbeWith(s => s.Shutdown(SocketShutdown.Both));
        Assert.False(open);
        Assert.Equal($"closed: tcp/{Port} accepted the connection, then closed it", report);
    }

    [Fact]
    public void A_connection_reset_after_it_was_accepted_is_not_open()
    {
        var (open, report) = ProbeWith(s => { s.LingerState = new LingerOption(true, 0); s.Close(); });
        Assert.False(open);
        // Whether the reset is seen as the connect completes or after it depends on timing; either way it is a reset.
        Assert.Contains(report, new[] { $"reset: tcp/{Port} accepted the connection, then reset it", $"reset: tcp/{Port} reset the connection" });
    }

    [Fact]
    public void A_refused_connection_is_not_open()
    {
        // A socket bound to a port but not listening: the kernel answers a connect with a reset, and, unlike a
        // port merely freed, the kernel hands this one to no other test's listener while it is held (CI once saw
        // a freed port taken by a parallel test's gateway, which reset the connection instead).
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)bound.LocalEndPoint!).Port;
        var (open, report) = KnockCommand.Probe(IPAddress.Loopback, port, 10_000, 2000);
        Assert.False(open);
        Assert.Equal($"refused: tcp/{port} refused the connection", report);
    }
}
