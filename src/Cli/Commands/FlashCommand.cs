// gateway flash --board NAME --port DEVICE: puts the pinned nanoCLR firmware on the board and deploys the
// gateway app (at the profile's deployment address) and its board profile with nanoff (a dotnet tool),
// saying plainly what is missing. The firmware comes from the compatibility pin (nanoframework.json), or, where
// the pin cannot name the exact build, the newest build on its line that nanoff lists; the app is deployed only
// when the native versions the board reports after flashing are the pin's.
using System.CommandLine;
using System.Diagnostics;
using Gateway.Cli.Flashing;
using Gateway.Rules.Boards;

namespace Gateway.Cli.Commands;

internal static class FlashCommand
{
    /// <summary>Where the nanoFramework toolchain leaves the built app (Release), in the repository.</summary>
    public static readonly string ImageInRepository = Path.Combine("src", "Firmware", "Device", "bin", "Release", "Gateway.Device.bin");

    /// <summary>The built app in the repository this program was built from (found above its own folder, so
    /// `gateway flash` works from any working directory), else relative to the working directory.</summary>
    public static string DefaultImage => Path.Combine(RepositoryRoot(AppContext.BaseDirectory) ?? "", ImageInRepository);

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds Gateway.sln, or null.</summary>
    public static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>Where the pin lives in the repository (its copy is embedded in this build).</summary>
    public static readonly string PinPath = Path.Combine("src", "Firmware", "Device", "nanoframework.json");

    /// <summary>What a dry run prints for the port when none is given.</summary>
    private const string PortPlaceholder = "<port>";

    public static Command Create()
    {
        var board = new Option<string>("--board") { Description = "the board (see `gateway boards`)", Required = true };
        var port = new Option<string?>("--port") { Description = "the board's USB serial port (/dev/ttyUSB0, COM3); required unless --dry-run" };
        var image = new Option<string?>("--image") { Description = $"the built device app (default: {ImageInRepository} in this program's repository)" };
        var network = new Option<string?>("--network") { Description = "a network.json with a static address (see docs/boards.md); DHCP without it" };
        var skipFirmware = new Option<bool>("--skip-firmware") { Description = "deploy the app only; keep the nanoCLR firmware on the board" };
        var fwVersion = new Option<string?>("--fwversion") { Description = "the exact nanoCLR firmware (1.17.0.N) when the pin names none, or to override it (docs/boards.md: Moving the pin)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the nanoff commands without running them" };
        var command = new Command("flash", "Flash nanoCLR, the gateway app and the board profile onto a board with nanoff") { board, port, image, network, skipFirmware, fwVersion, dryRun };
        command.SetAction(r => Run(r.GetValue(board)!, r.GetValue(port), r.GetValue(image) ?? DefaultImage, r.GetValue(network), r.GetValue(skipFirmware), null, Console.Out,
            r.GetValue(fwVersion), r.GetValue(dryRun)));
        return command;
    }

    /// <param name="nanoff">The nanoff program, or null to find it on PATH or in ~/.dotnet/tools.</param>
    /// <param name="fwVersion">The firmware to flash instead of the pin's (which may be unset), or null.</param>
    /// <param name="dryRun">Print the nanoff commands only; nothing is checked but the board and the pin.</param>
    /// <param name="pin">The compatibility pin, or null for the one embedded in this build.</param>
    public static int Run(string boardName, string? port, string image, string? network, bool skipFirmware, string? nanoff, TextWriter output,
        string? fwVersion = null, bool dryRun = false, NanoFrameworkPin? pin = null)
    {
        var profile = SharedOptions.FindBoard(boardName);
        if (profile == null) return 1;
        pin ??= NanoFrameworkPin.Embedded();
        if (!pin.Knows(profile.Target)) return Fail($"the nanoFramework pin ({PinPath}) names no firmware for {profile.Target}; add the target there first");
        if (profile.DeployAddress <= 0) return Fail($"board profile {profile.Name} has no deployAddress (the app's flash address)");
        string? firmware = fwVersion ?? pin.FirmwareFor(profile.Target);
        if (firmware != null && !firmware.StartsWith(pin.FirmwareLine + ".", StringComparison.Ordinal))
            return Fail($"firmware {firmware} is not on the pinned line {pin.FirmwareLine}; the packages in {PinPath} need {pin.FirmwareLine}.N (native System.Net {pin.NativeVersions["System.Net"]})");
        if (!dryRun)
        {
            if (port == null) return Fail("--port is required: the board's USB serial port (/dev/ttyUSB0, COM3)");
            nanoff ??= FindNanoff();
            if (nanoff == null) return Fail("nanoff is not installed; install it with: dotnet tool install -g nanoff");
            if (!OperatingSystem.IsWindows() && !File.Exists(port)) return Fail($"no serial port {port}; is the board plugged in? (ls /dev/ttyUSB* /dev/ttyACM*)");
            if (!File.Exists(image)) return Fail($"no device app at {image}; build src/Firmware/Device/Gateway.Device.nfproj (Release) with the nanoFramework toolchain first (docs/boards.md: From a fresh board to a guarded door)");
            if (network != null && !File.Exists(network)) return Fail($"no network file {network}");
            if (firmware == null && !skipFirmware)
            {
                // The pin cannot name the build (its number is a CI counter): take the newest published build on
                // the pinned line; the native versions read back from the board after flashing decide.
                firmware = NewestPublished(nanoff, profile.Target, pin.FirmwareLine, output);
                if (firmware == null) return Fail($"nanoff --listtargets lists no {pin.FirmwareLine}.N build for {profile.Target}; " + NoFirmwareMessage(pin, profile.Target));
                output.WriteLine($"firmware: {firmware}, the newest {pin.FirmwareLine}.N nanoff lists for {profile.Target} (the pin names no exact build)");
            }
        }
        port ??= PortPlaceholder;

        // The files nanoff deploys are written to a private temporary directory (random name, 0700), removed
        // when the command ends however it ends; a dry run only names it.
        using var temp = dryRun ? null : new PrivateTempDirectory("gateway-flash-");
        string work = temp?.Path ?? Path.Combine(Path.GetTempPath(), "gateway-flash-XXXXXX");
        string deploy = Path.Combine(work, "deploy.json");
        if (temp != null)
        {
            string boardJson;
            using (var stream = typeof(BoardProfiles).Assembly.GetManifestResourceStream("Gateway.Rules.boards." + profile.Name + ".json")!)
            using (var reader = new StreamReader(stream)) boardJson = reader.ReadToEnd();
            string boardFile = temp.WriteFile("board.json", boardJson);
            var files = new List<string> { $"{{\"DestinationFilePath\":\"I:\\\\board.json\",\"SourceFilePath\":{Json(boardFile)}}}" };
            if (network != null) files.Add($"{{\"DestinationFilePath\":\"I:\\\\network.json\",\"SourceFilePath\":{Json(Path.GetFullPath(network))}}}");
            temp.WriteFile("deploy.json", $"{{\"serialport\":{Json(port)},\"files\":[{string.Join(",", files)}]}}");
        }

        string address = "0x" + profile.DeployAddress.ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        var steps = new List<(string What, string[] Args)>();
        if (!skipFirmware) steps.Add(("firmware", new[] { "--update", "--target", profile.Target, "--serialport", port, "--fwversion", firmware ?? pin.FirmwareLine + ".N" }));
        steps.Add(("app", new[] { "--target", profile.Target, "--serialport", port, "--deploy", "--image", Path.GetFullPath(image), "--address", address }));
        steps.Add(("board profile", new[] { "--target", profile.Target, "--serialport", port, "--filedeployment", deploy }));
        if (dryRun)
        {
            foreach (var (what, args) in steps) output.WriteLine($"nanoff {string.Join(" ", args.Select(Quote))}    # {what}");
            if (firmware == null && !skipFirmware) output.WriteLine("# " + NoFirmwareMessage(pin, profile.Target));
            output.WriteLine($"# then check the firmware: nanoff --nanodevice --devicedetails --serialport {port} (must list {NativeList(pin)})");
            return 0;
        }
        foreach (var (what, args) in steps)
        {
            if (what == "app")
            {
                // The app runs only on the firmware its packages were built for: read the board's native versions back.
                string? mismatch = FirmwareMismatch(nanoff!, port, pin, skipFirmware ? "the board's firmware" : "firmware " + firmware);
                if (mismatch != null) return Fail(mismatch);
            }
            output.WriteLine($"flashing {what}: nanoff {string.Join(" ", args)}");
            var start = new ProcessStartInfo(nanoff!) { UseShellExecute = false };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            p.WaitForExit();
            if (p.ExitCode != 0) return Fail($"nanoff failed flashing the {what} (exit {p.ExitCode}); the board keeps what it had before this step");
        }
        output.WriteLine($"{profile.Name} flashed. Wire a USB-UART to {Describe(profile.Name)} and run: gateway status --port <its device>");
        return 0;
    }

    // nanoff --listtargets (the stable list, then the preview list when it has none on the line).
    private static string? NewestPublished(string nanoff, string target, string line, TextWriter output)
    {
        foreach (var args in new[] { new[] { "--listtargets", "--platform", "esp32" }, new[] { "--listtargets", "--platform", "esp32", "--preview" } })
        {
            var (exit, text) = Capture(nanoff, args);
            if (exit != 0) { output.WriteLine($"nanoff {string.Join(" ", args)} failed (exit {exit})"); continue; }
            string? newest = NanoffOutput.NewestOnLine(NanoffOutput.PublishedVersions(text, target), line);
            if (newest != null) return newest;
        }
        return null;
    }

    // The pinned native versions the board does not report: null when every telling one matches and no other
    // listed one differs.
    private static string? FirmwareMismatch(string nanoff, string port, NanoFrameworkPin pin, string what)
    {
        var (exit, text) = Capture(nanoff, new[] { "--nanodevice", "--serialport", port, "--devicedetails" });
        if (exit != 0) return $"nanoff could not read the board's details (exit {exit}); the app is not deployed";
        var natives = NanoffOutput.NativeAssemblies(text);
        var wrong = pin.NativeVersions
            .Where(n => natives.TryGetValue(n.Key, out var have) ? have != n.Value : TellingAssemblies.Contains(n.Key))
            .Select(n => $"{n.Key} {(natives.TryGetValue(n.Key, out var have) ? have : "missing")} (the pin needs {n.Value})").ToList();
        return wrong.Count == 0 ? null
            : $"{what} does not match the pin ({PinPath}): the board reports {string.Join(", ", wrong)}; the app is not deployed. " +
              $"Flash an older or newer {pin.FirmwareLine}.N with --fwversion (nanoff --listtargets --platform esp32 lists them)";
    }

    private static (int Exit, string Output) Capture(string nanoff, string[] args)
    {
        var start = new ProcessStartInfo(nanoff) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, text);
    }

    /// <summary>Why a flash needs --fwversion today, how to choose one, and how to check it.</summary>
    public static string NoFirmwareMessage(NanoFrameworkPin pin, string target) =>
        $"the pin ({PinPath}) has no exact firmware version for {target} yet: pass --fwversion {pin.FirmwareLine}.N, the newest {pin.FirmwareLine}.N " +
        $"nanoFramework published for {target} from nf-interpreter commits {pin.CommitFrom} up to (not including) {pin.CommitBefore} " +
        $"(nanoff --listtargets --target {target}, or the Cloudsmith nanoframework-images repository); after flashing, " +
        $"nanoff --nanodevice --devicedetails must list {NativeList(pin)} (docs/boards.md: Moving the pin)";

    /// <summary>The native versions that tell a matching firmware from a too-new or too-old one.</summary>
    private static readonly string[] TellingAssemblies = { "System.Net", "mscorlib" };

    private static string NativeList(NanoFrameworkPin pin) => string.Join(", ", TellingAssemblies.Select(n => n + " " + pin.NativeVersions[n]));

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? "\"" + arg + "\"" : arg;

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
