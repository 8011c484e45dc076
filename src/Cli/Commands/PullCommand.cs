// gateway pull [--port DEVICE] [-o FILE]: the source of the rules on the gateway, and what it is in words.
using System.CommandLine;
using Gateway.Cli.Serial;
using Gateway.Rules;

namespace Gateway.Cli.Commands;

internal static class PullCommand
{
    public static Command Create()
    {
        var port = SerialCommands.PortOption();
        var output = new Option<string?>("--output", "-o") { Description = "write the source here instead of standard output" };
        var pull = new Command("pull", "Print the source of the rules stored on the gateway") { port, output };
        pull.SetAction(r => SerialCommands.Guard(() => Pull(SerialCommands.Port(r, port), r.GetValue(output))));
        return pull;
    }

    private static int Pull(string port, string? output)
    {
        var (file, source) = Fetch(port);
        if (output == null) Console.Write(source);
        else File.WriteAllText(output, source);
        Console.Error.WriteLine($"{(output == null ? "pulled" : "wrote " + output + " from")} {Describe(file)}");
        return 0;
    }

    /// <summary>What a pulled source is, in words: the script as pushed, or RouterOS commands the console wrote.</summary>
    public static string Describe(string file) => file switch
    {
        "" or Gateway.Core.Defaults.DefaultRules.FileName => $"{Gateway.Core.Defaults.DefaultRules.FileName}: the built-in rules (nothing was pushed)",
        "console.rsc" => "console.rsc: RouterOS commands the gateway's console wrote after an edit there (a script pushed before is not on the gateway any more: edit your copy of it and push that to go back)",
        _ when file.EndsWith(".rsc", StringComparison.OrdinalIgnoreCase) => $"{file}: the RouterOS commands pushed last, as pushed",
        _ => $"{file}: the script pushed last, as pushed (its tests and helpers included)",
    };

    /// <summary>The source file name and text of the package in force on the gateway.</summary>
    public static (string File, string Source) Fetch(string port)
    {
        using var link = new SerialLink(port);
        byte[] package = link.Download();
        var loaded = RulesFile.LoadPackage("download.json", package);
        if (!loaded.IsOk) throw new GatewayReplyException(string.Join("; ", loaded.Diagnostics));
        return (loaded.Rules!.File, loaded.Rules.Source);
    }
}
