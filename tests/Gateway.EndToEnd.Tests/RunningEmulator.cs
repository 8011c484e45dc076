// An emulator for one test: the real EmulatorHost (sockets on a loopback address of its own, a pty, file
// flash) polled on a background thread, with a free console port and a clock the test can step. Its own
// address keeps its packet tap from judging what other processes send to 127.0.0.1 (another test run's
// knocks would refresh this one's lists); clients on lo still come from 127.0.0.1.
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Emulator;

namespace Gateway.EndToEnd.Tests;

internal sealed class RunningEmulator : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _loop;
    private readonly string _state = Path.Combine(Path.GetTempPath(), "gateway-e2e-" + Guid.NewGuid().ToString("N"));

    /// <param name="sight">"auto" (packets when this process may open raw sockets), "packets" or "listeners".</param>
    /// <param name="bind">The emulator's address: by default one of its own on lo (see <see cref="PrivateLoopback"/>).</param>
    /// <param name="checksumsComplete">Check TCP/UDP checksums on lo too (only for tests whose packets are all forged).</param>
    public RunningEmulator(string sight = "auto", IPAddress? bind = null, bool? checksumsComplete = null)
    {
        ConsolePort = FreePort();
        Bind = bind ?? PrivateLoopback();
        Host = new EmulatorHost(new EmulatorOptions { ConsolePort = ConsolePort, StateDirectory = _state, Serial = "pty", Sight = sight, Bind = Bind, ChecksumsComplete = checksumsComplete });
        _loop = new Thread(() => Host.Run(_stop.Token)) { IsBackground = true, Name = "emulator" };
        _loop.Start();
    }

    public EmulatorHost Host { get; }
    /// <summary>The emulator's address.</summary>
    public IPAddress Bind { get; }
    public string Address => Bind.ToString();

    /// <summary>An address of its own on lo (127.3.x.y): a raw tap bound to it sees only this test's traffic, not
    /// the SYNs other processes (test hosts, builds) send to 127.0.0.1, nor what tests send from the client
    /// addresses they bind (127.0.x.y, the flood's 127.1.x.y). Successive calls never repeat an address within a
    /// run (a connection an earlier test left closing must not reach a later emulator's tap); the start is
    /// random, so two runs side by side rarely meet. Clients still come from 127.0.0.1.</summary>
    public static IPAddress PrivateLoopback()
    {
        const int Hosts = 253, Addresses = 254 * Hosts;   // 127.3.1-254.2-254
        int n = (int)((uint)Interlocked.Increment(ref s_nextAddress) % Addresses);
        return new(new byte[] { 127, 3, (byte)(1 + n / Hosts), (byte)(2 + n % Hosts) });
    }

    private static int s_nextAddress = Random.Shared.Next();
    public int ConsolePort { get; }
    public string Pty => Host.SerialPath;
    public string TableId => Host.Read(h => h.Rules.TableId);
    public bool SeesPackets => Host.Read(h => h.App.PacketSight.SeesPackets);

    /// <summary>True when a connection to the console is accepted and greets (open door); from
    /// <paramref name="from"/> (another loopback address) when given.</summary>
    public bool ConsoleOpens(IPAddress? from = null) => ConsoleProbe.Opens(Bind, ConsolePort, from);

    /// <summary>Connects to the console and logs in as far as it can (<see cref="ConsoleProbe.AttemptLogin"/>).</summary>
    public string AttemptLogin(string? password, IPAddress? from = null) => ConsoleProbe.AttemptLogin(Bind, ConsolePort, password, from);

    /// <summary>Logs a connected console client in with the emulator's generated password; true at the prompt.</summary>
    public bool LogIn(Socket client)
    {
        client.ReceiveTimeout = 10_000;
        var seen = new System.Text.StringBuilder();
        var buffer = new byte[512];
        client.Send(System.Text.Encoding.ASCII.GetBytes(Host.GeneratedPassword + "\r"));
        while (!seen.ToString().Contains("[gateway]> ", StringComparison.Ordinal))
        {
            int n;
            try { n = client.Receive(buffer); }
            catch (SocketException) { return false; }
            if (n == 0) return false;
            seen.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        }
        return true;
    }

    /// <summary>Knocks TCP ports in order from a given source address (the knock clients cannot choose one).</summary>
    public void KnockFrom(IPAddress from, params int[] ports)
    {
        foreach (int port in ports)
        {
            using var s = new Socket(Bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(from, 0));
            try { s.ConnectAsync(Bind, port).Wait(500); }
            catch (AggregateException) { }   // refused or reset: the knock was sent either way
            Thread.Sleep(50);
        }
    }

    /// <summary>Compiles rules for this emulator's console port, stores and runs them (as a push would), and waits
    /// until the loop follows them.</summary>
    public void Install(Gateway.Rules.LoadResult loaded)
    {
        Assert.True(loaded.IsOk, string.Join("\n", loaded.Diagnostics));
        var (built, error) = Gateway.Rules.Packaging.PackageBuilder.Build(loaded.Rules!, null, ConsolePort);
        Assert.Null(error);
        Assert.Null(Host.Install(built!.Package));
        WaitPlanned();
    }

    /// <summary>Waits until the loop has opened the listeners of the rules now in force.</summary>
    public void WaitPlanned() => Assert.True(WaitUntil(() => Host.Read(h => h.App.IsPlanned)), "the emulator did not re-plan its listeners");

    /// <summary>Knocks the built-in recipe (9000, 6000) with `gateway knock` from 127.0.0.1 and waits
    /// until the emulator lists the source in `secure`.</summary>
    public void KnockOpen()
    {
        Assert.Equal(0, Gateway.Cli.Commands.KnockCommand.Run(Address, new[] { "9000", "6000" }, 50, null, TextWriter.Null));
        Assert.True(WaitUntil(() => IsListed("secure", "127.0.0.1")), "the knock did not open the door");
    }

    public bool IsListed(string list, string address) => Host.Read(h =>
    {
        var words = new uint[4];
        Gateway.Rules.Replay.PacketFields.TryAddress(address, words, out var family);
        var table = h.Rules.Engine!.Table;
        int id = table.Filter(family).ListId(list);
        return id >= 0 && table.Lists(family).Contains(id, words, 0, h.Clock.NowMs);
    });

    /// <summary>Polls a condition until it holds or 10 s pass (a loaded CI machine may be slow). With a shorter
    /// <paramref name="withinMs"/>, a false result says the condition did not come true in that time.</summary>
    public static bool WaitUntil(Func<bool> condition, int withinMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(withinMs);
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            Thread.Sleep(20);
        }
        return condition();
    }

    internal static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Any, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Join(2000);
        Host.Dispose();
        if (Directory.Exists(_state)) Directory.Delete(_state, recursive: true);
    }
}
