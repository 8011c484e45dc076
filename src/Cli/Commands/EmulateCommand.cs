// gateway emulate [RULES]: the firmware on this PC (DESIGN.md). With no RULES, the built-in default
// rules guard the gateway's own network console; the banner says where the console and the serial pty are.
// --runtime nanoclr runs the firmware as flashed on nanoFramework's interpreter instead (the virtual board).
using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Gateway.Core.Boards;
using Gateway.Emulator;
using Gateway.Rules.Packaging;

namespace Gateway.Cli.Commands;

internal static class EmulateCommand
{
    public static Command Create()
    {
        var rules = new Argument<string?>("RULES") { Description = "rules to run (.js, .rsc or a package); none runs the built-in default", Arity = ArgumentArity.ZeroOrOne };
        var board = new Option<string?>("--board") { Description = "enforce a board's limits (sockets, listeners, list capacity)" };
        var bind = new Option<string>("--bind") { Description = "address the gateway's sockets bind to", DefaultValueFactory = _ => "127.0.0.1" };
        var consolePort = new Option<int>("--console-port") { Description = "TCP port of the gateway's network console", DefaultValueFactory = _ => PackageBuilder.DefaultConsolePort };
        var serial = new Option<string>("--serial") { Description = "the serial console: pty (a pseudo-terminal), stdio or none", DefaultValueFactory = _ => "pty" };
        var state = new Option<string?>("--state") { Description = "directory for the emulated flash (default: a fresh temporary one)" };
        var timeScale = new Option<double>("--time-scale") { Description = "emulator time per real time (60 makes a minute pass in a second)", DefaultValueFactory = _ => 1.0 };
        var sight = new Option<string>("--sight") { Description = "how the gateway sees traffic: packets (raw sockets, needs root or CAP_NET_RAW), listeners, or auto (packets when permitted)", DefaultValueFactory = _ => "auto" };
        var runtime = new Option<string>("--runtime") { Description = "dotnet: the firmware's core on .NET (the emulator); nanoclr: the firmware as flashed, on nanoFramework's interpreter (the virtual board)", DefaultValueFactory = _ => "dotnet" };
        var nanoclr = new Option<string?>("--nanoclr") { Description = "with --runtime nanoclr: the virtual board's folder (default: what tools/nanoframework/virtual-board/build.sh builds)" };
        var command = new Command("emulate", "Run the gateway firmware on this PC with real sockets and a serial console on a pty")
            { rules, board, bind, consolePort, serial, state, timeScale, sight, runtime, nanoclr };
        command.SetAction(r => r.GetValue(runtime) switch
        {
            "dotnet" => Run(r.GetValue(rules), r.GetValue(board), r.GetValue(bind)!, r.GetValue(consolePort), r.GetValue(serial)!, r.GetValue(state), r.GetValue(timeScale), r.GetValue(sight)!),
            "nanoclr" => RunVirtualBoard(r.GetValue(rules), r.GetValue(board), r.GetValue(bind)!, r.GetValue(consolePort), r.GetValue(serial)!, r.GetValue(state), r.GetValue(timeScale), r.GetValue(sight)!, r.GetValue(nanoclr)),
            var other => Fail($"--runtime must be dotnet or nanoclr, not {other}"),
        });
        return command;
    }

    // RULES as the package to store first (null when none); false when they do not load or build (reported).
    private static bool TryBuild(string? rulesPath, BoardProfile? profile, int consolePort, out byte[]? package)
    {
        package = null;
        if (rulesPath == null) return true;
        var loaded = RulesDiagnostics.Load(rulesPath);
        if (loaded == null) return false;
        var (output, error) = PackageBuilder.Build(loaded, profile, consolePort);
        if (error != null) { RulesDiagnostics.Report(new[] { error }); return false; }
        package = output!.Package;
        return true;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("gateway: " + message);
        return 1;
    }

    // The firmware as flashed on nanoCLR (VirtualBoardLauncher). The board decides its packet sight as a board does
    // (raw sockets when they open), keeps real time and has one console UART: the options that tune the .NET
    // emulator instead are refused, not ignored.
    private static int RunVirtualBoard(string? rulesPath, string? boardName, string bind, int consolePort, string serial, string? state, double timeScale, string sight, string? directory)
    {
        if (sight != "auto") return Fail("--sight: the virtual board sees packets when its raw sockets open, as a board does (run as root for packet sight); only auto applies");
        if (serial != "pty") return Fail("--serial: the virtual board's console UART is a pty");
        if (timeScale != 1.0) return Fail("--time-scale: the virtual board keeps real time (nanoCLR's clock)");
        if (!IPAddress.TryParse(bind, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            return Fail($"--bind must be an IPv4 address (the board's), not {bind}");
        boardName ??= "wt32-eth01";
        BoardProfile? profile = SharedOptions.FindBoard(boardName);
        if (profile == null) return 1;
        if (!TryBuild(rulesPath, profile, consolePort, out byte[]? package)) return 1;
        string stateDir = state ?? Path.Combine(Path.GetTempPath(), "gateway-virtual-board-" + Environment.ProcessId);
        // The console's path stays across reboots, as a board's USB serial device does (each boot opens a new pty).
        string serialLink = Path.Combine(Path.GetTempPath(), "gateway-virtual-board-" + Environment.ProcessId + ".tty");
        var options = new Gateway.Cli.VirtualBoard.VirtualBoardOptions
        {
            BoardDirectory = directory ?? Gateway.Cli.VirtualBoard.VirtualBoardLauncher.DefaultDirectory, StateDirectory = stateDir, Bind = address,
            ConsolePort = consolePort, BoardName = profile.Name, Package = package, RulesName = rulesPath, Sockets = profile.Sockets, SerialLink = serialLink,
        };
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        bool first = true;
        int exit = 0;
        while (!stop.IsCancellationRequested)
        {
            Gateway.Cli.VirtualBoard.VirtualBoardLauncher board;
            try { board = Gateway.Cli.VirtualBoard.VirtualBoardLauncher.Start(first ? options : options.AfterReboot()); }
            catch (InvalidOperationException e)
            {
                File.Delete(serialLink);
                if (state == null && Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
                return Fail(e.Message);
            }
            using (board)
            {
                Console.Out.WriteLine(first ? board.Banner(address, consolePort, profile.Name, rulesPath ?? "in flash, or built-in default") : "gateway virtual board: rebooted");
                Console.Out.Flush();
                exit = board.Run(Console.Out, stop.Token);
                if (!board.RebootRequested) break;
            }
            first = false;
        }
        Console.Out.WriteLine(stop.IsCancellationRequested ? "gateway virtual board stopped" : $"gateway virtual board ended (nanoclr exit {exit})");
        File.Delete(serialLink);   // nanoCLR's own clean-up does not run when it is killed
        if (state == null) Directory.Delete(stateDir, recursive: true);
        return 0;
    }

    private static int Run(string? rulesPath, string? boardName, string bind, int consolePort, string serial, string? state, double timeScale, string sight)
    {
        if (sight is not ("auto" or "packets" or "listeners")) { Console.Error.WriteLine("gateway: --sight must be packets, listeners or auto"); return 1; }
        if (!IPAddress.TryParse(bind, out var address)) { Console.Error.WriteLine($"gateway: --bind must be an IP address, not {bind}"); return 1; }
        if (serial is not ("pty" or "stdio" or "none")) { Console.Error.WriteLine("gateway: --serial must be pty, stdio or none"); return 1; }
        BoardProfile? profile = boardName == null ? null : SharedOptions.FindBoard(boardName);
        if (boardName != null && profile == null) return 1;
        if (!TryBuild(rulesPath, profile, consolePort, out byte[]? package)) return 1;
        string stateDir = state ?? Path.Combine(Path.GetTempPath(), "gateway-emulator-" + Environment.ProcessId);
        var options = new EmulatorOptions
        {
            Bind = address, ConsolePort = consolePort, StateDirectory = stateDir, Serial = serial, TimeScale = timeScale, Sight = sight,
            Limits = profile?.Limits ?? new Gateway.Core.Tables.TableLimits(),
            MaxSockets = profile?.Sockets ?? 64, MaxTcpListeners = profile?.TcpListeners ?? 32, MaxActiveTcp = profile?.MaxActiveTcp ?? 64, BoardName = profile?.Name ?? "none", HeapBytes = profile?.HeapBytes ?? 0,
            MaxPackageBytes = profile?.MaxPackageBytes ?? Gateway.Core.Capacity.MaxPackageBytes,
        };
        EmulatorHost started;
        try { started = new EmulatorHost(options); }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("gateway: " + e.Message);
            if (state == null && Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
            return 1;
        }
        using var host = started;
        if (package != null)
        {
            string? refused = host.Install(package);
            if (refused != null) { Console.Error.WriteLine($"gateway: {rulesPath}: {refused}"); return 1; }
            host.PollOnce();
        }
        var banner = serial == "stdio" ? Console.Error : Console.Out;
        banner.WriteLine(host.Banner());
        banner.Flush();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        host.Events = banner;
        host.Run(stop.Token);
        banner.WriteLine("gateway emulator stopped");
        if (state == null) Directory.Delete(stateDir, recursive: true);
        return 0;
    }
}
