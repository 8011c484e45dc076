// The serial side of the CLI (DESIGN.md): push, pull, edit, status, lists and console over --port,
// a board's USB-UART (/dev/ttyUSB0) or the emulator's pty.
using System.CommandLine;
using System.Text.Json;
using Gateway.Cli.Serial;
using Gateway.Cli.Support;
using Gateway.Rules;
using Gateway.Rules.Packaging;
using Gateway.Rules.Testing;

namespace Gateway.Cli.Commands;

internal static class SerialCommands
{
    private static Option<string> PortOption() => new("--port") { Description = "serial device of the gateway console (/dev/ttyUSB0, or the emulator's /dev/pts/N)", Required = true };

    public static IEnumerable<Command> Create()
    {
        var port = PortOption();
        var rules = Common.RulesArgument();
        var force = new Option<bool>("--force") { Description = "push even rules that leave the console open to sources that never knocked" };
        var push = new Command("push", "Compile rules, run their tests, upload them to the gateway and commit") { rules, port, force };
        push.SetAction(r => Guard(() => Push(r.GetValue(rules)!, r.GetValue(port)!, r.GetValue(force))));
        yield return push;

        var pullPort = PortOption();
        var output = new Option<string?>("--output", "-o") { Description = "write the source here instead of standard output" };
        var pull = new Command("pull", "Print the source of the rules stored on the gateway") { pullPort, output };
        pull.SetAction(r => Guard(() => Pull(r.GetValue(pullPort)!, r.GetValue(output))));
        yield return pull;

        var editPort = PortOption();
        var edit = new Command("edit", "Pull the rules, edit them in $EDITOR, then compile, test and push (nothing is pushed if anything fails)") { editPort };
        edit.SetAction(r => Guard(() => Edit(r.GetValue(editPort)!)));
        yield return edit;

        var statusPort = PortOption();
        var status = new Command("status", "Show what the gateway runs") { statusPort };
        status.SetAction(r => Guard(() =>
        {
            using var link = new SerialLink(r.GetValue(statusPort)!);
            using var json = JsonDocument.Parse(link.Request("!status"));
            foreach (var p in json.RootElement.EnumerateObject()) Console.WriteLine($"{p.Name}: {StatusValue(p.Value)}");
            return 0;
        }));
        yield return status;

        var listsPort = PortOption();
        var lists = new Command("lists", "Show the live address-list entries") { listsPort };
        lists.SetAction(r => Guard(() =>
        {
            using var link = new SerialLink(r.GetValue(listsPort)!);
            var entries = link.Lists();
            foreach (var line in entries) Console.WriteLine(line);
            if (entries.Count == 0) Console.WriteLine("no address-list entries");
            return 0;
        }));
        yield return lists;

        var consolePort = PortOption();
        var console = new Command("console", "Talk to the gateway console interactively (Ctrl-] quits)") { consolePort };
        console.SetAction(r => Guard(() => Interactive(r.GetValue(consolePort)!)));
        yield return console;
    }

    // JSON true/false as people read them; strings without their quotes.
    private static string StatusValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.String => value.GetString() ?? "",
        _ => value.ToString(),
    };

    private static int Guard(Func<int> action)
    {
        try { return action(); }
        catch (GatewayReplyException e) { Console.Error.WriteLine("gateway: the gateway refused: " + e.Message); return 1; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException or InvalidOperationException)
        {
            Console.Error.WriteLine("gateway: serial: " + e.Message);
            return 1;
        }
    }

    /// <summary>Compiles, tests and uploads; null on success, else what stopped it (nothing pushed).</summary>
    public static int Push(string path, string port, bool force = false)
    {
        var loaded = Common.Load(path);
        if (loaded == null) return 1;
        using var link = new SerialLink(port);
        // The console check asks the target which port its console is on (a board's 23, an emulator's
        // --console-port); a gateway too old to say is checked on both defaults.
        int[] consolePorts = TargetConsolePort(link) is int targetPort ? new[] { targetPort } : new[] { PackageBuilder.BoardConsolePort, PackageBuilder.DefaultConsolePort };
        foreach (int consolePort in consolePorts)
        {
            var warnings = Common.Lint(loaded, consolePort);
            if (Common.LeavesConsoleOpen(warnings) && !force)
            {
                Console.Error.WriteLine($"gateway: these rules open the gateway's console (tcp {consolePort}) to everyone, without a knock; nothing pushed (--force pushes them anyway)");
                return 1;
            }
        }
        var failed = TestRunner.Run(loaded).Where(t => !t.Passed).ToList();
        foreach (var f in failed) Console.Error.WriteLine(f.Failure);
        if (failed.Count > 0) { Console.Error.WriteLine($"gateway: {failed.Count} test(s) failed; nothing pushed"); return 1; }
        var (output, error) = PackageBuilder.Build(loaded, null);
        if (error != null) { Common.Report(new[] { error }); return 1; }
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
        using var json = JsonDocument.Parse(link.Request("!status"));
        return json.RootElement.TryGetProperty("consolePort", out var p) && p.TryGetInt32(out int port) && port is > 0 and < 65536 ? port : null;
    }

    private static void Progress(int sent, int total)
    {
        const int Width = 30;
        int filled = sent * Width / total;
        Console.Error.Write($"\rupload [{new string('#', filled)}{new string(' ', Width - filled)}] {sent * 100 / total,3}% {sent}/{total} bytes");
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

    private static (string File, string Source) Fetch(string port)
    {
        using var link = new SerialLink(port);
        byte[] package = link.Download();
        var loaded = RulesFile.LoadPackage("download.json", package);
        if (!loaded.IsOk) throw new GatewayReplyException(string.Join("; ", loaded.Diagnostics));
        return (loaded.Rules!.File, loaded.Rules.Source);
    }

    // The pulled source lives only in a private temporary directory (it holds the knock sequence) that is
    // gone when the command ends, however it ends. A failed compile, test or push on a terminal offers to
    // edit again, so the edit is not lost; elsewhere nothing is pushed and nothing is left behind.
    private static int Edit(string port)
    {
        var (file, source) = Fetch(port);
        Console.Error.WriteLine("editing " + Describe(file));
        using var temp = new PrivateTempDirectory("gateway-edit-");
        string path = temp.WriteFile(file.Length > 0 ? file : "rules.rsc", source);
        string editor = Environment.GetEnvironmentVariable("VISUAL") ?? Environment.GetEnvironmentVariable("EDITOR") ?? "vi";
        while (true)
        {
            using (var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", editor + " \"$1\"", "editor", path } })!)
            {
                process.WaitForExit();
                if (process.ExitCode != 0) { Console.Error.WriteLine($"gateway: the editor exited with {process.ExitCode}; nothing pushed"); return 1; }
            }
            if (File.ReadAllText(path) == source) { Console.WriteLine("no changes; nothing pushed"); return 0; }
            int result = Push(path, port);
            if (result == 0) return 0;
            if (Console.IsInputRedirected || Console.IsErrorRedirected || !AskYes("edit again? [Y/n] ")) { Console.Error.WriteLine("gateway: nothing pushed; the edit is discarded"); return result; }
        }
    }

    private static bool AskYes(string question)
    {
        Console.Error.Write(question);
        string? answer = Console.ReadLine();
        return answer == null ? false : answer.Trim().Length == 0 || answer.Trim().StartsWith('y') || answer.Trim().StartsWith('Y');
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
