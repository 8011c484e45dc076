// gateway edit [--port DEVICE]: pull, $EDITOR, compile, test, push; nothing is pushed if anything fails.
using System.CommandLine;

namespace Gateway.Cli.Commands;

internal static class EditCommand
{
    public static Command Create()
    {
        var port = SerialCommands.PortOption();
        var edit = new Command("edit", "Pull the rules, edit them in $EDITOR, then compile, test and push (nothing is pushed if anything fails)") { port };
        edit.SetAction(r => SerialCommands.Guard(() => Edit(SerialCommands.Port(r, port))));
        return edit;
    }

    // The pulled source lives in a private temporary directory (it holds the knock sequence) that is gone when
    // the command ends, however it ends. A failed compile, test or push on a terminal offers to edit again;
    // an edit that is not pushed in the end is kept, privately, in a file the command names, never discarded.
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
            if (Console.IsInputRedirected || Console.IsErrorRedirected || !AskYes("edit again? [Y/n] "))
            {
                Console.Error.WriteLine($"gateway: nothing pushed; your edit is kept in {Keep(path)} (readable by you only: it holds the knock sequence)");
                return result;
            }
        }
    }

    /// <summary>The folder kept edits go to: $XDG_STATE_HOME/gateway/edits, else ~/.local/state/gateway/edits.</summary>
    public static string KeptEditsFolder()
    {
        string? state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state)) state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "gateway", "edits");
    }

    // A copy of the edited file in the kept-edits folder (mode 0700), created 0600 from the start; its name says
    // when and which file.
    private static string Keep(string path)
    {
        string folder = KeptEditsFolder();
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string kept = Path.Combine(folder, $"{DateTime.Now:yyyyMMdd-HHmmss-fff}-{Path.GetFileName(path)}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var target = new FileStream(kept, options)) target.Write(File.ReadAllBytes(path));
        return kept;
    }

    private static bool AskYes(string question)
    {
        Console.Error.Write(question);
        string? answer = Console.ReadLine();
        return answer == null ? false : answer.Trim().Length == 0 || answer.Trim().StartsWith('y') || answer.Trim().StartsWith('Y');
    }
}
