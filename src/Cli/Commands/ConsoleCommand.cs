// gateway console [--port DEVICE]: the gateway's console interactively over serial (Ctrl-] quits).
using System.CommandLine;
using Gateway.Cli.Serial;

namespace Gateway.Cli.Commands;

internal static class ConsoleCommand
{
    public static Command Create()
    {
        var port = SerialCommands.PortOption();
        var console = new Command("console", "Talk to the gateway console interactively (Ctrl-] quits)") { port };
        console.SetAction(r => SerialCommands.Guard(() => Interactive(SerialCommands.Port(r, port))));
        return console;
    }

    private static int Interactive(string port)
    {
        using var link = new SerialLink(port);
        var serial = link.Port;
        serial.ReadTimeout = 50;
        serial.Write("\r");
        using var stop = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            var buffer = new byte[256];
            var stdout = Console.OpenStandardOutput();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    int n = serial.Read(buffer, 0, buffer.Length);
                    stdout.Write(buffer, 0, n);
                    stdout.Flush();
                }
                catch (TimeoutException) { }
                catch (Exception e) when (e is IOException or InvalidOperationException) { break; }
            }
        }) { IsBackground = true };
        reader.Start();
        var stdin = Console.OpenStandardInput();
        var input = new byte[256];
        int read;
        while ((read = stdin.Read(input, 0, input.Length)) > 0)
        {
            int quit = Array.IndexOf(input, (byte)0x1D, 0, read);
            serial.Write(input, 0, quit >= 0 ? quit : read);
            if (quit >= 0) break;
        }
        stop.Cancel();
        reader.Join(500);
        return 0;
    }
}
