// dst-nat forwards through the emulator to a "LAN host" on loopback: a TCP echo service and a UDP echo
// service behind a knock, a connection that survives new rules being committed, and a board budget
// that refuses listeners the board could not open.
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Cli.Commands;
using Gateway.Rules;
using Gateway.Rules.Packaging;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public sealed class ForwardingTests : IDisposable
{
    private readonly TcpListener _tcpEcho = new(IPAddress.Loopback, 0);
    private readonly UdpClient _udpEcho = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();

    public ForwardingTests()
    {
        _tcpEcho.Start();
        new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var client = _tcpEcho.AcceptTcpClient();
                    new Thread(() =>
                    {
                        using var c = client;
                        var s = c.GetStream();
                        var buffer = new byte[256];
                        int n;
                        try { while ((n = s.Read(buffer)) > 0) s.Write(buffer, 0, n); }
                        catch (IOException) { }
                    }) { IsBackground = true }.Start();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            }
        }) { IsBackground = true }.Start();
        new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var from = new IPEndPoint(IPAddress.Any, 0);
                    byte[] data = _udpEcho.Receive(ref from);
                    _udpEcho.Send(data, data.Length, from);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            }
        }) { IsBackground = true }.Start();
    }

    private int TcpPort => ((IPEndPoint)_tcpEcho.LocalEndpoint).Port;
    private int UdpPort => ((IPEndPoint)_udpEcho.Client.LocalEndPoint!).Port;

    public void Dispose()
    {
        _stop.Cancel();
        _tcpEcho.Stop();
        _udpEcho.Dispose();
    }

    private string Rules(string extra = "") =>
        "/ip firewall filter\n" +
        "add chain=input protocol=tcp dst-port=7100 action=add-src-to-address-list address-list=lan-ok address-list-timeout=1m\n" +
        "add chain=input action=drop\n" +
        $"add chain=forward src-address-list=lan-ok action=accept\n" +
        "add chain=forward action=drop\n" + extra +
        "/ip firewall nat\n" +
        $"add chain=dstnat action=dst-nat protocol=tcp dst-port=7222 to-addresses=127.0.0.1 to-ports={TcpPort}\n" +
        $"add chain=dstnat action=dst-nat protocol=udp dst-port=7253 to-addresses=127.0.0.1 to-ports={UdpPort}\n";

    private static void Install(RunningEmulator emulator, string rsc) => emulator.Install(RulesFile.LoadText("forward.rsc", rsc));

    // Knocks 7100 and opens a forwarded connection to the echo server, which answers.
    private static TcpClient KnockAndConnect(RunningEmulator emulator)
    {
        Assert.Equal(0, KnockCommand.Run(emulator.Address, new[] { "7100" }, 0, null, TextWriter.Null));
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("lan-ok", "127.0.0.1")));
        var client = new TcpClient { ReceiveTimeout = 2000 };
        client.Connect(emulator.Bind, 7222);
        Assert.Equal("hello", Echo(client.GetStream(), "hello"));
        return client;
    }

    private static string? Echo(NetworkStream stream, string text)
    {
        try
        {
            stream.Write(Encoding.ASCII.GetBytes(text));
            var buffer = new byte[64];
            int n = stream.Read(buffer);
            return n > 0 ? Encoding.ASCII.GetString(buffer, 0, n) : null;
        }
        catch (IOException) { return null; }
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("listeners")]
    public void A_knocked_client_reaches_the_lan_host_and_keeps_its_connection_across_a_commit(string sight)
    {
        using var emulator = new RunningEmulator(sight);
        Install(emulator, Rules());
        using (var refused = new TcpClient())
        {
            refused.ReceiveTimeout = 2000;
            refused.Connect(emulator.Bind, 7222);
            Assert.Null(Echo(refused.GetStream(), "ping"));   // reset: not knocked yet
        }
        using var client = KnockAndConnect(emulator);
        var stream = client.GetStream();
        Install(emulator, Rules("add chain=input protocol=udp dst-port=7300 action=drop\n"));   // new rules, listeners re-planned
        Assert.Equal(1, emulator.Host.Read(h => h.App.Forwards.Connections));
        Assert.Equal("still here", Echo(stream, "still here"));

        using var udp = new UdpClient();
        udp.Client.ReceiveTimeout = 2000;
        udp.Send(Encoding.ASCII.GetBytes("datagram"), new IPEndPoint(emulator.Bind, 7253));
        var from = new IPEndPoint(IPAddress.Any, 0);
        Assert.Equal("datagram", Encoding.ASCII.GetString(udp.Receive(ref from)));
        Assert.Equal(7253, from.Port);   // the reply comes back from the gateway's port
    }

    // RouterOS judges every packet of a forwarded connection: when the client's grant ends, the forward
    // chain drops them, unless a rule accepts established connections first.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_forwarded_connection_ends_with_its_grant_unless_established_is_accepted(bool acceptEstablished)
    {
        using var emulator = new RunningEmulator();
        string rules = Rules();
        if (acceptEstablished) rules = rules.Replace("add chain=forward src-address-list=lan-ok", "add chain=forward connection-state=established,related action=accept\nadd chain=forward src-address-list=lan-ok", StringComparison.Ordinal);
        Install(emulator, rules);
        using var client = KnockAndConnect(emulator);
        var stream = client.GetStream();
        emulator.Host.Advance(61_000);   // lan-ok's minute is over
        if (acceptEstablished)
        {
            Assert.False(RunningEmulator.WaitUntil(() => SessionGrantTests.IsClosed(client.Client), 1500), "an accepted established connection was closed");
            Assert.Equal("still here", Echo(stream, "still here"));
            Assert.Equal(0, emulator.Host.Read(h => h.App.Review.SessionsEnded));
        }
        else
        {
            Assert.True(RunningEmulator.WaitUntil(() => SessionGrantTests.IsClosed(client.Client)), "the forwarded connection outlived its grant");
            Assert.Equal(1, emulator.Host.Read(h => h.App.Review.SessionsEnded));
        }
    }

    [Fact]
    public void A_board_budget_refuses_listeners_the_board_could_not_open()
    {
        string state = Path.Combine(Path.GetTempPath(), "gateway-budget-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = new Gateway.Emulator.EmulatorHost(new Gateway.Emulator.EmulatorOptions
            {
                StateDirectory = state, Serial = "none", ConsolePort = 7323, MaxSockets = 16, MaxTcpListeners = 2, Sight = "listeners", Bind = RunningEmulator.PrivateLoopback(),
            });
            Assert.Contains("cannot listen on tcp/", host.App.Listeners.Problems);
            Assert.Equal(2, host.App.Listeners.Count);
            Assert.Contains("warning: cannot listen on", host.Banner());
        }
        finally
        {
            if (Directory.Exists(state)) Directory.Delete(state, recursive: true);
        }
    }
}
