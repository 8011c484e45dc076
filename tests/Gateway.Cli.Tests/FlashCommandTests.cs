// gateway flash: clear messages when nanoff, the port, the built app or the exact firmware is missing, and
// the right nanoff calls (the pinned firmware for the board's target, the app image at the profile's
// deployment address, the board profile to I:\board.json) when not; --dry-run prints them.
using Gateway.Cli.Commands;
using Gateway.Cli.Flashing;

namespace Gateway.Cli.Tests;

[Collection(ConsoleGroup.Name)]
public sealed class FlashCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gateway-flash-test-" + Guid.NewGuid().ToString("N"));
    private readonly string _nanoff, _log, _image, _port;

    public FlashCommandTests()
    {
        Directory.CreateDirectory(_dir);
        _log = Path.Combine(_dir, "calls.txt");
        _nanoff = Path.Combine(_dir, "nanoff");
        // A stand-in for nanoff that records its arguments (and the deploy file it is given) and answers
        // --listtargets and --devicedetails as nanoff prints them (listing.txt, details.txt).
        File.WriteAllText(_nanoff, $"#!/bin/sh\necho \"$@\" >> '{_log}'\nfor a in \"$@\"; do case \"$a\" in *deploy.json) cat \"$a\" >> '{_log}'; echo >> '{_log}';; esac; done\n"
            + $"case \"$*\" in *--listtargets*) cat '{_dir}/listing.txt';; *--devicedetails*) cat '{_dir}/details.txt';; esac\n");
        File.WriteAllText(Path.Combine(_dir, "listing.txt"), Listing("1.17.0.105", "1.17.1.3", "1.17.0.99"));
        File.WriteAllText(Path.Combine(_dir, "details.txt"), Details());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_nanoff, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _image = Path.Combine(_dir, "Gateway.Device.bin");
        File.WriteAllBytes(_image, new byte[] { 1, 2, 3 });
        _port = Path.Combine(_dir, "ttyUSB0");
        File.WriteAllText(_port, "");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // What nanoff --listtargets prints (nanoFirmwareFlasher Program.cs: header, "Available targets:", a target
    // indented two spaces, its versions four).
    private static string Listing(params string[] wt32Versions) =>
        ".NET nanoFramework Firmware Flasher v2.5.96+1a2b3c\nCopyright (C) 2019 .NET Foundation and nanoFramework project contributors\n\nAvailable targets:\n" +
        "  ESP32_OLIMEX\n    1.17.0.200\n" +
        "  ESP32_WT32_ETH01\n" + string.Concat(wt32Versions.Select(v => "    " + v + "\n")) +
        "  ESP32_WESP32\n    1.17.0.150\n";

    // What nanoff --nanodevice --devicedetails prints (nf-debugger NanoFrameworkDeviceInfo), with the pin's natives
    // unless one is named otherwise.
    private static string Details(string? systemNet = null)
    {
        var pin = NanoFrameworkPin.Embedded();
        var natives = pin.NativeVersions.Select(n => $"  {n.Key} v{(n.Key == "System.Net" && systemNet != null ? systemNet : n.Value)}, checksum 0x1A2B3C4D\n");
        return "\nHAL build info: nanoCLR running @ ESP32 built with ESP-IDF\n  Target:   ESP32_WT32_ETH01\n  Platform: ESP32\n\nFirmware build Info:\n" +
            "  Date:        Jun 30 2026\n  Type:        full featured\n  CLR Version: 1.17.0.105\n\nAssemblies:\n\nNative Assemblies:\n" + string.Concat(natives) + "\n";
    }

    private static (int Exit, string Error) Run(Func<int> action)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try { return (action(), error.ToString().Trim()); }
        finally { Console.SetError(saved); }
    }

    [Fact]
    public void The_deployed_files_live_in_a_private_directory_that_is_gone_afterwards()
    {
        // The stand-in also records the mode of the directory holding deploy.json, while nanoff runs.
        File.AppendAllText(_nanoff, $"for a in \"$@\"; do case \"$a\" in *deploy.json) stat -c 'mode %a %n' \"$(dirname \"$a\")\" >> '{_log}';; esac; done\n");
        Assert.Equal(0, FlashCommand.Run("wt32-eth01", _port, _image, null, false, _nanoff, new StringWriter(), fwVersion: "1.17.0.77"));
        string line = File.ReadAllLines(_log).Single(l => l.StartsWith("mode ", StringComparison.Ordinal));
        string dir = line.Split(' ', 3)[2];
        Assert.Equal("mode 700 " + dir, line);
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "gateway-flash-"), dir, StringComparison.Ordinal);
        Assert.NotEqual(Path.Combine(Path.GetTempPath(), "gateway-flash-" + Environment.ProcessId), dir);   // not predictable
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Flashing_runs_nanoff_for_firmware_app_and_board_profile()
    {
        var output = new StringWriter();
        Assert.Equal(0, FlashCommand.Run("wt32-eth01", _port, _image, null, false, _nanoff, output, fwVersion: "1.17.0.77"));
        string[] calls = File.ReadAllLines(_log);
        Assert.Equal($"--update --target ESP32_WT32_ETH01 --serialport {_port} --fwversion 1.17.0.77", calls[0]);
        Assert.Equal($"--nanodevice --serialport {_port} --devicedetails", calls[1]);   // the firmware read back before the app
        Assert.Equal($"--target ESP32_WT32_ETH01 --serialport {_port} --deploy --image {_image} --address 0x1E0000", calls[2]);
        Assert.StartsWith($"--target ESP32_WT32_ETH01 --serialport {_port} --filedeployment ", calls[3]);
        Assert.Contains("\"DestinationFilePath\":\"I:\\\\board.json\"", calls[4]);
        Assert.Contains("board RX GPIO5, TX GPIO17", output.ToString());
    }

    [Fact]
    public void Missing_parts_are_named()
    {
        Assert.Equal((1, "gateway: unknown board moon; known: esp32-ethernet-kit, lilygo-t-internet-poe, olimex-esp32-poe, olimex-esp32-poe-wrover, wesp32, wt32-eth01"),
            Run(() => FlashCommand.Run("moon", _port, _image, null, false, _nanoff, TextWriter.Null)));
        Assert.Equal((1, "gateway: no serial port /dev/ttyNOPE; is the board plugged in? (ls /dev/ttyUSB* /dev/ttyACM*)"),
            Run(() => FlashCommand.Run("wt32-eth01", "/dev/ttyNOPE", _image, null, false, _nanoff, TextWriter.Null)));
        var (exit, error) = Run(() => FlashCommand.Run("wt32-eth01", _port, "/nowhere/Gateway.Device.bin", null, false, _nanoff, TextWriter.Null));
        Assert.Equal(1, exit);
        Assert.StartsWith("gateway: no device app at /nowhere/Gateway.Device.bin; build src/Firmware/Device/Gateway.Device.nfproj", error);
        Assert.False(File.Exists(_log));   // nothing was flashed
    }

    [Fact]
    public void The_pins_firmware_is_flashed_when_it_names_one()
    {
        var pin = PinWith(firmware: "1.17.0.12");
        Assert.Equal(0, FlashCommand.Run("esp32-ethernet-kit", _port, _image, null, false, _nanoff, TextWriter.Null, pin: pin));
        string[] calls = File.ReadAllLines(_log);
        Assert.Equal($"--update --target ESP32_ETHERNET_KIT_1.2 --serialport {_port} --fwversion 1.17.0.12", calls[0]);
        Assert.EndsWith("--address 0x1E0000", calls[2]);
    }

    [Fact]
    public void Without_an_exact_firmware_the_newest_published_build_on_the_pinned_line_is_flashed()
    {
        var output = new StringWriter();
        Assert.Equal(0, FlashCommand.Run("wt32-eth01", _port, _image, null, false, _nanoff, output));
        string[] calls = File.ReadAllLines(_log);
        Assert.Equal("--listtargets --platform esp32", calls[0]);
        Assert.Equal($"--update --target ESP32_WT32_ETH01 --serialport {_port} --fwversion 1.17.0.105", calls[1]);   // not 1.17.1.3, not 1.17.0.99
        Assert.Equal($"--nanodevice --serialport {_port} --devicedetails", calls[2]);
        Assert.EndsWith("--address 0x1E0000", calls[3]);
        Assert.Contains("firmware: 1.17.0.105, the newest 1.17.0.N nanoff lists for ESP32_WT32_ETH01", output.ToString());
    }

    [Fact]
    public void With_no_build_on_the_pinned_line_the_flash_names_how_to_choose_one_and_flashes_nothing()
    {
        File.WriteAllText(Path.Combine(_dir, "listing.txt"), Listing("1.17.1.3", "1.16.0.90"));
        var (exit, error) = Run(() => FlashCommand.Run("wt32-eth01", _port, _image, null, false, _nanoff, TextWriter.Null));
        Assert.Equal(1, exit);
        Assert.StartsWith("gateway: nanoff --listtargets lists no 1.17.0.N build for ESP32_WT32_ETH01; the pin (src/Firmware/Device/nanoframework.json) has no exact firmware version for ESP32_WT32_ETH01 yet: pass --fwversion 1.17.0.N", error);
        Assert.Contains("from nf-interpreter commits 2123eafba up to (not including) 47ef80bdf", error);
        Assert.Contains("nanoff --nanodevice --devicedetails must list System.Net 100.2.0.12, mscorlib 100.5.0.24", error);
        Assert.DoesNotContain(File.ReadAllLines(_log), c => c.StartsWith("--update", StringComparison.Ordinal) || c.Contains("--deploy", StringComparison.Ordinal));
        (exit, error) = Run(() => FlashCommand.Run("wt32-eth01", _port, _image, null, false, _nanoff, TextWriter.Null, fwVersion: "1.16.0.40"));
        Assert.Equal((1, "gateway: firmware 1.16.0.40 is not on the pinned line 1.17.0; the packages in src/Firmware/Device/nanoframework.json need 1.17.0.N (native System.Net 100.2.0.12)"), (exit, error));
        Assert.Equal(0, FlashCommand.Run("wt32-eth01", _port, _image, null, true, _nanoff, TextWriter.Null));   // app only: no firmware needed
    }

    [Fact]
    public void A_board_whose_firmware_reports_other_native_versions_gets_no_app()
    {
        File.WriteAllText(Path.Combine(_dir, "details.txt"), Details(systemNet: "100.2.0.14"));   // a build newer than the packages
        var (exit, error) = Run(() => FlashCommand.Run("wt32-eth01", _port, _image, null, false, _nanoff, TextWriter.Null));
        Assert.Equal(1, exit);
        Assert.Equal("gateway: firmware 1.17.0.105 does not match the pin (src/Firmware/Device/nanoframework.json): the board reports System.Net 100.2.0.14 (the pin needs 100.2.0.12); " +
            "the app is not deployed. Flash an older or newer 1.17.0.N with --fwversion (nanoff --listtargets --platform esp32 lists them)", error);
        Assert.DoesNotContain(File.ReadAllLines(_log), c => c.Contains("--deploy", StringComparison.Ordinal) || c.Contains("--filedeployment", StringComparison.Ordinal));
        // Kept firmware (--skip-firmware) is read back too.
        (exit, error) = Run(() => FlashCommand.Run("wt32-eth01", _port, _image, null, true, _nanoff, TextWriter.Null));
        Assert.Equal(1, exit);
        Assert.StartsWith("gateway: the board's firmware does not match the pin", error);
    }

    [Fact]
    public void Nanoffs_output_is_read_as_its_sources_print_it()
    {
        Assert.Equal(new[] { "1.17.0.105", "1.17.1.3", "1.17.0.99" }, Gateway.Cli.Flashing.NanoffOutput.PublishedVersions(Listing("1.17.0.105", "1.17.1.3", "1.17.0.99"), "ESP32_WT32_ETH01"));
        Assert.Empty(Gateway.Cli.Flashing.NanoffOutput.PublishedVersions(Listing("1.17.0.105"), "ESP32_LILYGO"));
        Assert.Equal("1.17.0.1000", Gateway.Cli.Flashing.NanoffOutput.NewestOnLine(new[] { "1.17.0.999", "1.17.0.1000", "1.17.10.1" }, "1.17.0"));
        var natives = Gateway.Cli.Flashing.NanoffOutput.NativeAssemblies(Details(systemNet: "100.2.0.14"));
        Assert.Equal("100.2.0.14", natives["System.Net"]);
        Assert.Equal("100.5.0.24", natives["mscorlib"]);
    }

    [Fact]
    public void A_dry_run_prints_the_nanoff_commands_and_runs_nothing()
    {
        var output = new StringWriter();
        Assert.Equal(0, FlashCommand.Run("wt32-eth01", null, "/nowhere/Gateway.Device.bin", null, false, "/no/nanoff", output, fwVersion: "1.17.0.77", dryRun: true));
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("nanoff --update --target ESP32_WT32_ETH01 --serialport <port> --fwversion 1.17.0.77    # firmware", lines[0].TrimEnd());
        Assert.Equal("nanoff --target ESP32_WT32_ETH01 --serialport <port> --deploy --image /nowhere/Gateway.Device.bin --address 0x1E0000    # app", lines[1].TrimEnd());
        Assert.StartsWith("nanoff --target ESP32_WT32_ETH01 --serialport <port> --filedeployment ", lines[2]);
        Assert.StartsWith("# then check the firmware: nanoff --nanodevice --devicedetails --serialport <port>", lines[3]);
        Assert.False(File.Exists(_log));

        output = new StringWriter();   // no version anywhere: the commands with a placeholder, and how to choose one
        Assert.Equal(0, FlashCommand.Run("olimex-esp32-poe-wrover", "/dev/ttyUSB1", _image, null, false, _nanoff, output, dryRun: true));
        Assert.Contains("--update --target ESP32_OLIMEX_WROVER --serialport /dev/ttyUSB1 --fwversion 1.17.0.N    # firmware", output.ToString());
        Assert.Contains("# the pin (src/Firmware/Device/nanoframework.json) has no exact firmware version for ESP32_OLIMEX_WROVER yet", output.ToString());
        Assert.False(File.Exists(_log));
    }

    [Fact]
    public void Every_board_deploys_at_0x1E0000_and_has_a_pinned_target()
    {
        var pin = NanoFrameworkPin.Embedded();
        foreach (var name in Gateway.Rules.Boards.BoardProfiles.Names)
        {
            var board = Gateway.Rules.Boards.BoardProfiles.Find(name)!;
            Assert.Equal(0x1E0000, board.DeployAddress);
            Assert.True(pin.Knows(board.Target), board.Target);
            Assert.Equal(board.Target is "ESP32_ETHERNET_KIT_1.2" or "ESP32_OLIMEX_WROVER" ? 10 : 16, board.MaxActiveTcp);
        }
    }

    private static NanoFrameworkPin PinWith(string firmware)
    {
        var pin = NanoFrameworkPin.Embedded();
        return new NanoFrameworkPin
        {
            FirmwareLine = pin.FirmwareLine, FirmwareVersion = firmware, CommitFrom = pin.CommitFrom, CommitBefore = pin.CommitBefore,
            Targets = pin.Targets, NativeVersions = pin.NativeVersions, Packages = pin.Packages,
        };
    }

    [Fact]
    public void A_failing_nanoff_step_stops_the_flash()
    {
        File.WriteAllText(_nanoff, "#!/bin/sh\nexit 3\n");
        var (exit, error) = Run(() => FlashCommand.Run("olimex-esp32-poe", _port, _image, null, true, _nanoff, TextWriter.Null));
        Assert.Equal(1, exit);
        Assert.Equal("gateway: nanoff could not read the board's details (exit 3); the app is not deployed", error);
        File.WriteAllText(_nanoff, $"#!/bin/sh\ncase \"$*\" in *--devicedetails*) cat '{_dir}/details.txt'; exit 0;; esac\nexit 3\n");
        (exit, error) = Run(() => FlashCommand.Run("olimex-esp32-poe", _port, _image, null, true, _nanoff, TextWriter.Null));
        Assert.Equal(1, exit);
        Assert.Equal("gateway: nanoff failed flashing the app (exit 3); the board keeps what it had before this step", error);
    }

    [Fact]
    public void The_default_image_is_found_in_the_repository_whatever_the_working_directory()
    {
        // The program (here: the test assembly, built in the repository) finds the repository above its own folder.
        Assert.Equal(Path.Combine(Repo.Root, "src", "Firmware", "Device", "bin", "Release", "Gateway.Device.bin"), FlashCommand.DefaultImage);
        Assert.True(Path.IsPathRooted(FlashCommand.DefaultImage));
        Assert.Equal(Repo.Root, FlashCommand.RepositoryRoot(Path.Combine(Repo.Root, "src", "Cli")));
        Assert.Null(FlashCommand.RepositoryRoot(Path.GetTempPath()));
    }
}
