// The serial verbs take their device from --port, else from $GATEWAY_PORT, so a user sets it once per shell;
// with neither they say how to give one.
using System.CommandLine;
using Gateway.Cli.Commands;

namespace Gateway.Cli.Tests;

[Collection(ConsoleGroup.Name)]   // reads a process-wide environment variable
public class SerialPortOptionTests
{
    private static string PortFrom(string? variable, params string[] args)
    {
        string? saved = Environment.GetEnvironmentVariable(SerialCommands.PortVariable);
        Environment.SetEnvironmentVariable(SerialCommands.PortVariable, variable);
        try
        {
            var port = SerialCommands.PortOption();
            var command = new Command("status") { port };
            return SerialCommands.Port(command.Parse(args), port);
        }
        finally { Environment.SetEnvironmentVariable(SerialCommands.PortVariable, saved); }
    }

    [Fact]
    public void The_option_wins_over_the_environment() => Assert.Equal("/dev/ttyUSB0", PortFrom("/dev/pts/3", "--port", "/dev/ttyUSB0"));

    [Fact]
    public void Without_the_option_the_environment_names_the_device() => Assert.Equal("/dev/pts/3", PortFrom("/dev/pts/3"));

    [Fact]
    public void With_neither_the_verb_says_how_to_give_one()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PortFrom(null));
        Assert.Equal("no serial device: give --port DEVICE or set GATEWAY_PORT", e.Message);
        Assert.Equal(1, SerialCommands.Guard(() => { PortFrom(""); return 0; }));
    }
}
