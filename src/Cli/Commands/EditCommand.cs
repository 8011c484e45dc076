// gateway edit --port DEVICE: pull, $EDITOR, compile, test, push; nothing is pushed if anything fails.
using System.CommandLine;

namespace Gateway.Cli.Commands;

internal static class EditCommand
{
    public static Command Create()
    {
        var port = SerialCommands.PortOption();
        var edit = new Command("edit", "Pull the rules, edit them in $EDITOR, then compile, test and push (nothing is pushed if anything fails)") { port };
        edit.SetAction(r => SerialCommands.Guard(() => Edit(r.GetValue(port)!)));
        return edit;
    }

    // The pulled source lives only in a private temporary directory (it holds the knock sequence) that is
    // gone when the command ends, however it ends. A failed compile, test or push on a terminal offers to
    // edit again, so the edit is not lost; elsewhere nothing is pushed and nothing is left behind.
    private static int Edit(string port)
    {
        var (file, source) = PullCommand.Fetch(port);
        Console.Error.WriteLine("editing " + PullCommand.Describe(file));
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
            int result = PushCommand.Push(path, port);
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
}
