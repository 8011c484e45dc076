// gateway push RULES [--port DEVICE] [--force]: compile, judge the console on the target's own port, run the
// rules' tests, upload and commit; nothing is pushed when any step fails.
using System.CommandLine;
using Gateway.Cli.Serial;
using Gateway.Rules.Packaging;

namespace Gateway.Cli.Commands;

internal static class PushCommand
{
    public static Command Create()
    {
        var port = SerialCommands.PortOption();
        var rules = SharedOptions.RulesArgument();
        var force = new Option<bool>("--force") { Description = "push even rules that leave the console open to sources that never knocked" };
        var push = new Command("push", "Compile rules, run their tests, upload them to the gateway and commit") { rules, port, force };
        push.SetAction(r => SerialCommands.Guard(() => Push(r.GetValue(rules)!, SerialCommands.Port(r, port), r.GetValue(force))));
        return push;
    }

    /// <summary>Compiles, tests and uploads: 0 when the rules are in force and stored, 1 when any step stopped it (nothing pushed).</summary>
    public static int Push(string path, string port, bool force = false)
    {
        var loaded = RulesDiagnostics.Load(path);
        if (loaded == null) return 1;
        using var link = new SerialLink(port);
        // The console check asks the target which port its console is on (a board's 23, an emulator's
        // --console-port); a gateway too old to say is checked on both defaults.
        int[] consolePorts = TargetConsolePort(link) is int targetPort ? new[] { targetPort } : new[] { PackageBuilder.BoardConsolePort, PackageBuilder.DefaultConsolePort };
        RulesDiagnostics.WarnIfNoFilterRules(loaded);
        var check = PushCheck.Run(loaded, consolePorts, force);
        RulesDiagnostics.Report(check.Warnings);
        if (check.OpenConsolePort is int open)
        {
            Console.Error.WriteLine($"gateway: these rules open the gateway's console (tcp {open}) to everyone, without a knock; nothing pushed (--force pushes them anyway)");
            return 1;
        }
        foreach (var f in check.FailedTests) Console.Error.WriteLine(f.Failure);
        if (check.FailedTests.Count > 0) { Console.Error.WriteLine($"gateway: {check.FailedTests.Count} test(s) failed, {check.TestsPassed} passed; nothing pushed"); return 1; }
        Console.WriteLine(check.TestsPassed == 0 ? $"tests: none in {loaded.File}" : $"tests: {check.TestsPassed} passed");
        if (check.BuildError != null) { RulesDiagnostics.Report(new[] { check.BuildError }); return 1; }
        var output = check.Output!;
        int quarters = 0;
        string id = link.Upload(output!.Package, Console.IsErrorRedirected
            ? sent => { if (sent * 4 / output.Package.Length > quarters) { quarters = sent * 4 / output.Package.Length; Console.Error.WriteLine($"upload {sent}/{output.Package.Length} bytes"); } }
            : sent => Progress(sent, output.Package.Length));
        if (!Console.IsErrorRedirected) Console.Error.WriteLine();
        if (id != output.TableId) { Console.Error.WriteLine($"gateway: the gateway runs table {id}, expected {output.TableId}"); return 1; }
        Console.WriteLine($"pushed {loaded.File}: table {id} in force and stored");
        return 0;
    }

    /// <summary>The target's network console port from its machine status, or null when it does not say.</summary>
    private static int? TargetConsolePort(SerialLink link)
    {
        using var json = link.Status();
        return json.RootElement.TryGetProperty("consolePort", out var p) && p.TryGetInt32(out int port) && port is > 0 and < 65536 ? port : null;
    }

    private static void Progress(int sent, int total)
    {
        const int Width = 30;
        int filled = sent * Width / total;
        Console.Error.Write($"\rupload [{new string('#', filled)}{new string(' ', Width - filled)}] {sent * 100 / total,3}% {sent}/{total} bytes");
    }
}
