// The serial side of the CLI (DESIGN.md): push, pull, edit, status, lists and console over --port, a board's
// USB-UART (/dev/ttyUSB0) or the emulator's pty; one file per verb, and what they share here.
using System.CommandLine;
using Gateway.Cli.Serial;

namespace Gateway.Cli.Commands;

internal static class SerialCommands
{
    /// <summary>The environment variable that names the serial device when --port is not given.</summary>
    public const string PortVariable = "GATEWAY_PORT";

    public static Option<string?> PortOption() => new("--port")
    {
        Description = $"serial device of the gateway console (/dev/ttyUSB0, or the emulator's /dev/pts/N); default: ${PortVariable}",
    };

    /// <summary>The --port given, else $GATEWAY_PORT.</summary>
    /// <exception cref="InvalidOperationException">Neither names a device (Guard reports it).</exception>
    public static string Port(ParseResult result, Option<string?> option)
    {
        string? port = result.GetValue(option);
        if (string.IsNullOrEmpty(port)) port = Environment.GetEnvironmentVariable(PortVariable);
        if (string.IsNullOrEmpty(port)) throw new InvalidOperationException($"no serial device: give --port DEVICE or set {PortVariable}");
        return port;
    }

    /// <summary>The serial verbs, in the order `gateway help` lists them.</summary>
    public static IEnumerable<Command> Create()
    {
        yield return PushCommand.Create();
        yield return PullCommand.Create();
        yield return EditCommand.Create();
        yield return StatusCommand.Create();
        yield return ListsCommand.Create();
        yield return ConsoleCommand.Create();
    }

    /// <summary>Runs a verb, turning the serial link's failures into one line and exit 1.</summary>
    public static int Guard(Func<int> action)
    {
        try { return action(); }
        catch (GatewayReplyException e) { Console.Error.WriteLine("gateway: the gateway refused: " + e.Message); return 1; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException or InvalidOperationException)
        {
            Console.Error.WriteLine("gateway: serial: " + e.Message);
            return 1;
        }
    }
}
