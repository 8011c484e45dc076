// gateway status [--port DEVICE]: what the gateway runs, from its machine status, in words.
using System.CommandLine;
using System.Text.Json;
using Gateway.Cli.Serial;

namespace Gateway.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var port = SerialCommands.PortOption();
        var status = new Command("status", "Show what the gateway runs") { port };
        status.SetAction(r => SerialCommands.Guard(() =>
        {
            using var link = new SerialLink(SerialCommands.Port(r, port));
            using var json = link.Status();
            foreach (var p in json.RootElement.EnumerateObject()) Console.WriteLine($"{p.Name}: {StatusValue(p.Value)}");
            return 0;
        }));
        return status;
    }

    // JSON true/false as people read them; strings without their quotes.
    private static string StatusValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.String => value.GetString() ?? "",
        _ => value.ToString(),
    };
}
