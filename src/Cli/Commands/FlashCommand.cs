// gateway flash --board NAME --port DEVICE: puts the board's nanoCLR firmware on it and deploys the
// gateway app and its board profile with nanoff (a dotnet tool), saying plainly what is missing.
using System.CommandLine;
using System.Diagnostics;
using Gateway.Rules.Boards;

namespace Gateway.Cli.Commands;

internal static class FlashCommand
{
    /// <summary>Where the nanoFramework toolchain leaves the built app (Release).</summary>
    public static readonly string DefaultImage = Path.Combine("src", "Firmware", "Device", "bin", "Release", "Gateway.Device.bin");

    public static Command Create()
    {
        var board = new Option<string>("--board") { Description = "the board (see `gateway boards`)", Required = true };
        var port = new Option<string>("--port") { Description = "the board's USB serial port (/dev/ttyUSB0, COM3)", Required = true };
        var image = new Option<string?>("--image") { Description = $"the built device app (default {DefaultImage})" };
        var network = new Option<string?>("--network") { Description = "a network.json with a static address (see README); DHCP without it" };
        var skipFirmware = new Option<bool>("--skip-firmware") { Description = "deploy the app only; keep the nanoCLR firmware on the board" };
        var command = new Command("flash", "Flash nanoCLR, the gateway app and the board profile onto a board with nanoff") { board, port, image, network, skipFirmware };
        command.SetAction(r => Run(r.GetValue(board)!, r.GetValue(port)!, r.GetValue(image) ?? DefaultImage, r.GetValue(network), r.GetValue(skipFirmware), null, Console.Out));
        return command;
    }

    /// <param name="nanoff">The nanoff program, or null to find it on PATH or in ~/.dotnet/tools.</param>
    public static int Run(string boardName, string port, string image, string? network, bool skipFirmware, string? nanoff, TextWriter output)
    {
        var profile = Common.FindBoard(boardName);
        if (profile == null) return 1;
        nanoff ??= FindNanoff();
        if (nanoff == null) return Fail("nanoff is not installed; install it with: dotnet tool install -g nanoff");
        if (!OperatingSystem.IsWindows() && !File.Exists(port)) return Fail($"no serial port {port}; is the board plugged in? (ls /dev/ttyUSB* /dev/ttyACM*)");
        if (!File.Exists(image)) return Fail($"no device app at {image}; build src/Firmware/Device/Gateway.Device.nfproj (Release) with the nanoFramework toolchain first (README: From a fresh board to a guarded door)");
        if (network != null && !File.Exists(network)) return Fail($"no network file {network}");

        string work = Path.Combine(Path.GetTempPath(), "gateway-flash-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        string boardFile = Path.Combine(work, "board.json");
        using (var stream = typeof(BoardProfiles).Assembly.GetManifestResourceStream("Gateway.Rules.boards." + profile.Name + ".json")!)
        using (var file = File.Create(boardFile)) stream.CopyTo(file);
        string deploy = Path.Combine(work, "deploy.json");
        var files = new List<string> { $"{{\"DestinationFilePath\":\"I:\\\\board.json\",\"SourceFilePath\":{Json(boardFile)}}}" };
        if (network != null) files.Add($"{{\"DestinationFilePath\":\"I:\\\\network.json\",\"SourceFilePath\":{Json(Path.GetFullPath(network))}}}");
        File.WriteAllText(deploy, $"{{\"serialport\":{Json(port)},\"files\":[{string.Join(",", files)}]}}");

        var steps = new List<(string What, string[] Args)>();
        if (!skipFirmware) steps.Add(("firmware", new[] { "--update", "--target", profile.Target, "--serialport", port }));
        steps.Add(("app", new[] { "--target", profile.Target, "--serialport", port, "--deploy", "--image", Path.GetFullPath(image) }));
        steps.Add(("board profile", new[] { "--target", profile.Target, "--serialport", port, "--filedeployment", deploy }));
        foreach (var (what, args) in steps)
        {
            output.WriteLine($"flashing {what}: nanoff {string.Join(" ", args)}");
            var start = new ProcessStartInfo(nanoff) { UseShellExecute = false };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            p.WaitForExit();
            if (p.ExitCode != 0) return Fail($"nanoff failed flashing the {what} (exit {p.ExitCode}); the board keeps what it had before this step");
        }
        output.WriteLine($"{profile.Name} flashed. Wire a USB-UART to {Describe(profile.Name)} and run: gateway status --port <its device>");
        return 0;
    }

    private static string Describe(string board)
    {
        var p = BoardProfiles.Find(board)!;
        return p.ConsoleRxPin > 0 ? $"the console pins (board RX GPIO{p.ConsoleRxPin}, TX GPIO{p.ConsoleTxPin}, 115200 baud)" : "the console pins";
    }

    private static string? FindNanoff()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        foreach (var dir in dirs)
            foreach (var name in new[] { "nanoff", "nanoff.exe" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static int Fail(string message)
    {
        Console.Error.WriteLine("gateway: " + message);
        return 1;
    }
}
