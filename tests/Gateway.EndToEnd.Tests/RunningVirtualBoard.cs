// The virtual board for one test: the firmware as flashed, booted by its own Main on nanoCLR (gateway emulate
// --runtime nanoclr's launcher), on a loopback address of its own with a free console port and a flash folder of
// its own. Unlike RunningEmulator nothing is read from inside: the test sees what a user of a board sees, the
// network console, the serial console (SerialLink on the pty) and the processes. Time is nanoCLR's real clock, so
// waits are on conditions the serial console reports. Built by tools/nanoframework/virtual-board/build.sh; where it
// is not built, the test is skipped with the reason (CI builds it, and fails instead).
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gateway.Cli.Serial;
using Gateway.Cli.VirtualBoard;

namespace Gateway.EndToEnd.Tests;

internal sealed class RunningVirtualBoard : IDisposable
{
    private readonly bool _ownState;
    private readonly string? _faultFile;
    private VirtualBoardLauncher _board;

    /// <summary>The virtual board's folder: VIRTUAL_BOARD_DIR, else where build.sh puts it by default.</summary>
    public static string BoardDirectory => Environment.GetEnvironmentVariable("VIRTUAL_BOARD_DIR") ?? VirtualBoardLauncher.DefaultDirectory;

    /// <summary>Skips the calling test, with the reason, when the virtual board is not built; fails when .ci/run built it
    /// (it sets VIRTUAL_BOARD_DIR) and it is not there. Without nanoFramework's sources .ci/run builds none, and says so.</summary>
    public static void Require(string test)
    {
        string? missing = VirtualBoardLauncher.Missing(BoardDirectory);
        if (missing == null) return;
        Assert.False(Environment.GetEnvironmentVariable("VIRTUAL_BOARD_DIR") != null, ".ci/run built the virtual board for the tests, yet " + missing);
        SkipReport.If(true, test, missing);
    }

    /// <param name="rules">Rules to install before boot (a .js, .rsc or package path); null: the built-in default.</param>
    /// <param name="state">A flash folder to boot from (kept); null: a fresh one, removed at the end.</param>
    /// <param name="faultFile">A fault to inject: see VirtualBoardOptions.FaultFile.</param>
    public RunningVirtualBoard(string? rules = null, string? state = null, IPAddress? bind = null, int consolePort = 0, string? faultFile = null)
    {
        _faultFile = faultFile;
        Bind = bind ?? RunningEmulator.PrivateLoopback();
        ConsolePort = consolePort > 0 ? consolePort : RunningEmulator.FreePort();
        _ownState = state == null;
        State = state ?? Path.Combine(Path.GetTempPath(), "gateway-vb-e2e-" + Guid.NewGuid().ToString("N"));
        byte[]? package = null;
        if (rules != null)
        {
            var loaded = Gateway.Rules.RulesFile.Load(rules).Rules!;
            var (built, error) = Gateway.Rules.Packaging.PackageBuilder.Build(loaded, Gateway.Rules.Boards.BoardProfiles.Find(BoardName), ConsolePort);
            Assert.True(error == null, error?.ToString());
            package = built!.Package;
        }
        try { _board = Start(package, rules); }
        catch (Exception)
        {
            if (_ownState && Directory.Exists(State)) Directory.Delete(State, recursive: true);
            throw;
        }
        Password = _board.GeneratedPassword;
    }

    public const string BoardName = "wt32-eth01";
    public IPAddress Bind { get; }
    public string Address => Bind.ToString();
    public int ConsolePort { get; }
    /// <summary>The virtual flash (I:).</summary>
    public string State { get; }
    /// <summary>The console password the launcher generated at the first boot of this flash.</summary>
    public string? Password { get; }
    public string Pty => _board.SerialPath;
    public IReadOnlyList<string> BootLines => _board.BootLines;
    public bool SeesPackets => _board.BootLines.Contains("sight: packets (raw)");
    public int ProcessId => _board.ProcessId;

    private VirtualBoardLauncher Start(byte[]? package, string? rulesName) => VirtualBoardLauncher.Start(new VirtualBoardOptions
    {
        BoardDirectory = BoardDirectory, StateDirectory = State, Bind = Bind, ConsolePort = ConsolePort, BoardName = BoardName,
        Package = package, RulesName = rulesName, Sockets = Gateway.Rules.Boards.BoardProfiles.Find(BoardName)!.Sockets,
        FaultFile = _faultFile,
    });

    /// <summary>The firmware asked for a reboot (nanoCLR ended as a board's CPU resets); <see cref="PowerUp"/> boots it again.</summary>
    public bool RebootRequested => _board.RebootRequested;

    /// <summary>nanoCLR's output since this boot, the newest lines.</summary>
    public IReadOnlyList<string> Output => _board.Output;

    /// <summary>Pulls the plug: SIGKILL to nanoCLR, whatever it was doing (a flash write included).</summary>
    public void PowerCut() => _board.Dispose();

    /// <summary>Powers the board up again from the same flash (after <see cref="PowerCut"/>).</summary>
    public void PowerUp()
    {
        _board.Dispose();
        _board = Start(null, null);
    }

    public bool ConsoleOpens(IPAddress? from = null) => ConsoleProbe.Opens(Bind, ConsolePort, from);

    public string AttemptLogin(string? password, IPAddress? from = null) => ConsoleProbe.AttemptLogin(Bind, ConsolePort, password, from);

    /// <summary>The machine status over the serial console (!status): tableId, commit, tapPackets, ...</summary>
    public JsonElement Status() => OverSerial(link =>
    {
        using var status = link.Status();
        return status.RootElement.Clone();
    });

    /// <summary>The live address-list entries over the serial console, as "family list address life".</summary>
    public List<string> Lists() => OverSerial(link => link.Lists());

    // A question on the serial console; when the line fails, the failure says what nanoCLR printed last (a board
    // that died says why there).
    private T OverSerial<T>(Func<SerialLink, T> ask)
    {
        try
        {
            using var link = new SerialLink(Pty);
            return ask(link);
        }
        catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            throw new InvalidOperationException($"the serial console failed ({e.Message}); nanoCLR {(_board.HasExited ? "has ended" : "runs")}, its last lines:\n"
                + string.Join("\n", _board.Output.TakeLast(30)), e);
        }
    }

    public bool IsListed(string list, string address) => Lists().Any(l =>
    {
        string[] words = l.Split(' ');
        return words.Length >= 3 && words[1] == list && words[2] == address;
    });

    /// <summary>Polls a condition the board reports until it holds or <paramref name="withinMs"/> pass (the
    /// interpreter is slower than the JIT, and a loaded CI machine slower still).</summary>
    public static bool WaitUntil(Func<bool> condition, int withinMs = 20_000) => RunningEmulator.WaitUntil(condition, withinMs);

    public void Dispose()
    {
        _board.Dispose();
        if (_ownState && Directory.Exists(State)) Directory.Delete(State, recursive: true);
    }
}
