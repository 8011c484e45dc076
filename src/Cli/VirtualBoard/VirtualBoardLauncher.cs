// gateway emulate --runtime nanoclr: the firmware as flashed (src/Firmware/Device and the assemblies it references,
// as MetadataProcessor .pe files) booted by its own Main on nanoCLR's POSIX host with the virtual board's natives
// (tools/nanoframework/virtual-board: Linux sockets, a pty as the console UART, a directory as the I: drive).
// The launcher does on the virtual flash what `gateway flash` and a first session on the serial console do on a
// board: it deploys the board profile (board.json) and the address (network.json), installs the rules given on
// the command line as a commit the firmware reads at boot, and stores a generated console password when none is
// stored. Then it starts nanoCLR, reads the serial console's boot lines and prints the same banner lines as the
// .NET emulator (console, serial, sight, services). Killing the launcher kills the board (a power cut).
using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.Core.Storage;
using Gateway.Emulator.Hardware;
using Gateway.Host.Auth;

namespace Gateway.Cli.VirtualBoard;

internal sealed class VirtualBoardOptions
{
    public required string BoardDirectory { get; init; }
    public required string StateDirectory { get; init; }
    public required IPAddress Bind { get; init; }
    public required int ConsolePort { get; init; }
    public required string BoardName { get; init; }
    public byte[]? Package { get; init; }
    public string? RulesName { get; init; }
    /// <summary>The managed heap in bytes; 0 keeps nanoCLR's host default (10 MB).</summary>
    public int HeapBytes { get; init; }
    public int Sockets { get; init; }
    /// <summary>A path kept pointing at the console pty across reboots (each boot of nanoCLR opens a new pty), as a
    /// board's /dev/ttyUSB0 stays; null: none.</summary>
    public string? SerialLink { get; init; }
    /// <summary>A fault to inject (tests): while this file exists, the serial port's next BytesToRead removes it and
    /// fails, an exception the firmware's loop does not expect (native/vb_serial.cpp); null: none.</summary>
    public string? FaultFile { get; init; }
    /// <summary>How long boot may take before the launcher gives up (the interpreter compiles the rules).</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The same board booting again: what the first boot deployed is in its flash now.</summary>
    public VirtualBoardOptions AfterReboot() => new()
    {
        BoardDirectory = BoardDirectory, StateDirectory = StateDirectory, Bind = Bind, ConsolePort = ConsolePort, BoardName = BoardName,
        HeapBytes = HeapBytes, Sockets = Sockets, SerialLink = SerialLink, BootTimeout = BootTimeout, FaultFile = FaultFile,
    };
}

internal sealed class VirtualBoardLauncher : IDisposable
{
    /// <summary>Where tools/nanoframework/virtual-board/build.sh puts the board unless WORK says otherwise.</summary>
    public static string DefaultDirectory => Path.Combine(Path.GetTempPath(), "virtual-board", "board");

    private const string RebootLine = "virtual-board: reboot";
    private const int RebootExitCode = 3;
    private const int KeptLines = 1000;

    private readonly Process _process;
    private readonly List<string> _output;   // nanoCLR's stdout and stderr, the newest KeptLines

    public string SerialPath { get; }
    public string? GeneratedPassword { get; }
    /// <summary>The serial console's boot lines (sight, services, problems), as the board wrote them.</summary>
    public IReadOnlyList<string> BootLines { get; }
    public int ProcessId => _process.Id;

    private VirtualBoardLauncher(Process process, List<string> output, string serialPath, string? password, IReadOnlyList<string> bootLines)
    {
        _process = process;
        _output = output;
        SerialPath = serialPath;
        GeneratedPassword = password;
        BootLines = bootLines;
    }

    /// <summary>What the virtual board needs that is missing, or null when it can start.</summary>
    public static string? Missing(string directory)
    {
        foreach (string file in new[] { "nanoclr", "load-order" })
            if (!File.Exists(Path.Combine(directory, file)))
                return $"no virtual board at {directory} ({file} is missing): build it with tools/nanoframework/virtual-board/build.sh (WORK=DIR puts it in DIR/board)";
        return null;
    }

    /// <exception cref="InvalidOperationException">The board did not boot; the message says how far it got.</exception>
    public static VirtualBoardLauncher Start(VirtualBoardOptions o)
    {
        string? missing = Missing(o.BoardDirectory);
        if (missing != null) throw new InvalidOperationException(missing);
        var flash = new FileFlash(o.StateDirectory);
        Deploy(o);
        if (o.Package != null)
        {
            var store = new RuleStore(flash, Math.Max(o.Package.Length, Gateway.Core.Capacity.MaxPackageBytes));
            store.Open();
            string? refused = store.Commit(o.Package, o.Package.Length);
            if (refused != null) throw new InvalidOperationException($"{o.RulesName}: {refused}");
        }
        string? password = null;
        var stored = new ConsolePassword(flash);
        if (!stored.IsSet)
        {
            // As the .NET emulator: a fresh board gets a generated password, shown in the banner (on a board the user
            // sets one on the serial console: /user set admin password=...).
            password = System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 12);
            string problem = stored.Set(password, System.Security.Cryptography.RandomNumberGenerator.GetBytes(ConsolePassword.SaltBytes));
            if (problem.Length > 0) throw new InvalidOperationException("console password: " + problem);
        }

        var start = new ProcessStartInfo(Path.Combine(o.BoardDirectory, "nanoclr"))
        {
            WorkingDirectory = o.BoardDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (string name in File.ReadAllLines(Path.Combine(o.BoardDirectory, "load-order")))
            if (name.Length > 0) start.ArgumentList.Add(name + ".pe");
        start.Environment["VIRTUAL_BOARD_ADDRESS"] = o.Bind.ToString();
        start.Environment["VIRTUAL_BOARD_FLASH"] = Path.GetFullPath(o.StateDirectory);
        if (o.Sockets > 0) start.Environment["VIRTUAL_BOARD_SOCKETS"] = o.Sockets.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (o.SerialLink != null) start.Environment["VIRTUAL_BOARD_SERIAL_LINK"] = o.SerialLink;
        if (o.FaultFile != null) start.Environment["VIRTUAL_BOARD_FAULT"] = Path.GetFullPath(o.FaultFile);
        if (o.HeapBytes > 0) start.Environment["NANOCLR_HEAP_BYTES"] = o.HeapBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("nanoclr did not start");
        var lines = new List<string>();
        var serialSeen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Keep(string line)
        {
            lock (lines)
            {
                lines.Add(line);
                if (lines.Count > KeptLines) lines.RemoveAt(0);
            }
        }
        void Take(string? line)
        {
            if (line == null) { serialSeen.TrySetException(new InvalidOperationException("nanoclr ended")); return; }
            Keep(line);
            const string prefix = "virtual-board: serial COM2 ";
            if (line.StartsWith(prefix, StringComparison.Ordinal)) serialSeen.TrySetResult(line[prefix.Length..].Trim());
        }
        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) Keep(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Log() { lock (lines) return string.Join(Environment.NewLine, lines.TakeLast(40)); }
        // Whatever goes wrong from here on, no nanoCLR is left holding the board's address and port.
        try
        {
            try
            {
                if (!serialSeen.Task.Wait(o.BootTimeout)) throw new InvalidOperationException($"the virtual board opened no serial port within {o.BootTimeout.TotalSeconds:0} s:\n{Log()}");
            }
            catch (AggregateException)
            {
                process.WaitForExit(5000);
                throw new InvalidOperationException($"the virtual board stopped while booting (exit {(process.HasExited ? process.ExitCode : -1)}):\n{Log()}");
            }
            string serialPath = serialSeen.Task.Result;
            List<string> boot;
            try { boot = ReadBootLines(serialPath, o.BootTimeout, process); }
            catch (Exception e) when (e is IOException or AggregateException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"the virtual board's serial console failed while booting ({e.Message})");
            }
            return new VirtualBoardLauncher(process, lines, o.SerialLink ?? serialPath, password, boot);
        }
        catch (Exception e)
        {
            Kill(process);
            process.Dispose();
            if (e is InvalidOperationException && !e.Message.Contains('\n')) throw new InvalidOperationException(e.Message + "\n" + Log(), e);
            throw;
        }
    }

    // board.json from the embedded profile, as `gateway flash` deploys it; network.json with the board's address and
    // console port (the board takes a static address from it, as a user's network.json gives one).
    private static void Deploy(VirtualBoardOptions o)
    {
        Directory.CreateDirectory(o.StateDirectory);
        using (var stream = typeof(Gateway.Rules.Boards.BoardProfiles).Assembly.GetManifestResourceStream("Gateway.Rules.boards." + o.BoardName + ".json")
            ?? throw new InvalidOperationException($"no board profile {o.BoardName}"))
        using (var file = File.Create(Path.Combine(o.StateDirectory, "board.json")))
            stream.CopyTo(file);
        File.WriteAllText(Path.Combine(o.StateDirectory, "network.json"),
            $"{{\"address\":\"{o.Bind}\",\"mask\":\"255.0.0.0\",\"gateway\":\"{o.Bind}\",\"consolePort\":{o.ConsolePort}}}\n");
    }

    // The lines Program.Main writes to the console UART once the gateway runs: sight, services, then any problem.
    // They wait in the pty until read; the launcher reads up to the services line and lets go of the pty.
    private static List<string> ReadBootLines(string serialPath, TimeSpan timeout, Process process)
    {
        var boot = new List<string>();
        using var port = new FileStream(serialPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
        var text = new StringBuilder();
        var buffer = new byte[256];
        var clock = Stopwatch.StartNew();
        var read = port.ReadAsync(buffer, 0, buffer.Length);
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"the virtual board stopped while booting (exit {process.ExitCode})");
            if (!read.Wait(200)) continue;
            int n = read.Result;
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            string all = text.ToString();
            int services = all.IndexOf("services:", StringComparison.Ordinal);
            if (services >= 0 && all.IndexOf('\n', services) > 0)
            {
                foreach (string line in all.Split('\n'))
                {
                    string trimmed = line.TrimEnd('\r');
                    if (trimmed.Length > 0) boot.Add(trimmed);
                }
                return boot;
            }
            read = port.ReadAsync(buffer, 0, buffer.Length);
        }
        throw new InvalidOperationException($"the virtual board wrote no services line on its serial console within {timeout.TotalSeconds:0} s; so far: {text}");
    }

    /// <summary>The banner, in the .NET emulator's words where they apply.</summary>
    public string Banner(IPAddress bind, int consolePort, string boardName, string rules)
    {
        var lines = new List<string>
        {
            $"gateway virtual board (nanoCLR): rules {rules}, board {boardName}",
            $"console: tcp {bind}:{consolePort}, password {(GeneratedPassword != null ? GeneratedPassword + " (generated; change it on the serial console: /user set admin password=...)" : "stored")}",
            $"serial: {SerialPath}",
        };
        lines.AddRange(BootLines);
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>nanoCLR's own output since start (its debug lines, the natives' notes), the newest lines.</summary>
    public IReadOnlyList<string> Output { get { lock (_output) return _output.ToArray(); } }

    /// <summary>The firmware asked for a reboot (Power.RebootDevice: /system reboot, or the crash guard); nanoCLR
    /// then ends, where a board's CPU resets. Start the board again from the same flash.</summary>
    public bool RebootRequested
    {
        get
        {
            if (_process.HasExited && _process.ExitCode == RebootExitCode) return true;   // the patch's _exit(3)
            lock (_output) return _output.Contains(RebootLine);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Runs until the board stops (a reboot included: see <see cref="RebootRequested"/>) or <paramref name="stop"/>
    /// fires; the board's later output goes to <paramref name="events"/>.</summary>
    public int Run(TextWriter events, CancellationToken stop)
    {
        _process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (events) events.WriteLine(e.Data); };
        while (!stop.IsCancellationRequested && !_process.WaitForExit(200)) { }
        if (!_process.HasExited) { Kill(_process); return 0; }
        _process.WaitForExit();   // the redirected output is delivered in full only after this overload returns
        return _process.ExitCode;
    }

    private static void Kill(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        process.WaitForExit(5000);
    }

    private bool _disposed;

    /// <summary>Kills nanoCLR (a power cut: nothing is flushed or closed first). Safe to call again.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Kill(_process);
        _process.Dispose();
    }
}
