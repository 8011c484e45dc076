// gateway flash: clear messages when nanoff, the port or the built app is missing, and the right nanoff
// calls (firmware for the board's target, the app image, the board profile to I:\board.json) when not.
using Gateway.Cli.Commands;

namespace Gateway.Rules.Tests;

public sealed class FlashCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gateway-flash-test-" + Guid.NewGuid().ToString("N"));
    private readonly string _nanoff, _log, _image, _port;

    public FlashCommandTests()
    {
        Directory.CreateDirectory(_dir);
        _log = Path.Combine(_dir, "calls.txt");
        _nanoff = Path.Combine(_dir, "nanoff");
        // A stand-in for nanoff that records its arguments (and the deploy file it is given).
        File.WriteAllText(_nanoff, $"#!/bin/sh\necho \"$@\" >> '{_log}'\nfor a in \"$@\"; do case \"$a\" in *deploy.json) cat \"$a\" >> '{_log}'; echo >> '{_log}';; esac; done\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_nanoff, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _image = Path.Combine(_dir, "Gateway.Device.bin");
        File.WriteAllBytes(_image, new byte[] { 1, 2, 3 });
        _port = Path.Combine(_dir, "ttyUSB0");
        File.WriteAllText(_port, "");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Error) Run(Func<int> action)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try { return (action(), error.ToString().Trim()); }
        finally { Console.SetError(saved); }
    }

    [Fact]
    public void Flashing_runs_nanoff_for_firmware_app_and_board_profile()
    {
        var output = new StringWriter();
        Assert.Equal(0, FlashCommand.Run("wt32-eth01", _port, _image, null, false, _nanoff, output));
        string[] calls = File.ReadAllLines(_log);
        Assert.Equal($"--update --target ESP32_WT32_ETH01 --serialport {_port}", calls[0]);
        Assert.Equal($"--target ESP32_WT32_ETH01 --serialport {_port} --deploy --image {_image}", calls[1]);
        Assert.StartsWith($"--target ESP32_WT32_ETH01 --serialport {_port} --filedeployment ", calls[2]);
        Assert.Contains("\"DestinationFilePath\":\"I:\\\\board.json\"", calls[3]);
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
    public void A_failing_nanoff_step_stops_the_flash()
    {
        File.WriteAllText(_nanoff, "#!/bin/sh\nexit 3\n");
        var (exit, error) = Run(() => FlashCommand.Run("olimex-esp32-poe", _port, _image, null, true, _nanoff, TextWriter.Null));
        Assert.Equal(1, exit);
        Assert.Equal("gateway: nanoff failed flashing the app (exit 3); the board keeps what it had before this step", error);
    }
}
