// gateway edit over the pty: pull, $EDITOR, compile, test, push; a broken edit pushes nothing and is kept.
using Gateway.Cli.Commands;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class EditTests
{
    private static int EditWith(string editor, string pty)
    {
        string? visual = Environment.GetEnvironmentVariable("VISUAL"), old = Environment.GetEnvironmentVariable("EDITOR");
        Environment.SetEnvironmentVariable("VISUAL", editor);
        try
        {
            var edit = SerialCommands.Create().Single(c => c.Name == "edit");
            return edit.Parse(new[] { "--port", pty }).Invoke();
        }
        finally
        {
            Environment.SetEnvironmentVariable("VISUAL", visual);
            Environment.SetEnvironmentVariable("EDITOR", old);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]   // the emulator's pty, and file modes
    public void Edit_pushes_a_good_change_and_nothing_when_the_change_is_broken()
    {
        using var emulator = new RunningEmulator();
        Assert.Equal(0, PushCommand.Push(Repo.Path("examples", "seed.js"), emulator.Pty));
        string seed = emulator.TableId;

        // The editor also notes where the pulled rules (with their knock sequence) were put, and how private.
        string log = Path.Combine(Path.GetTempPath(), "gateway-e2e-editor-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(0, EditWith($"f() {{ stat -c '%a %n' \"$(dirname \"$1\")\" \"$1\" >> '{log}'; sed -i s/secure/trusted/g \"$1\"; }}; f", emulator.Pty));
        string[] seen = File.ReadAllLines(log);
        File.Delete(log);
        Assert.StartsWith("700 " + Path.Combine(Path.GetTempPath(), "gateway-edit-"), seen[0], StringComparison.Ordinal);
        Assert.StartsWith("600 ", seen[1], StringComparison.Ordinal);
        Assert.False(Directory.Exists(seen[0][4..]), "the edit directory outlived the command");
        Assert.NotEqual(seed, emulator.TableId);
        string edited = emulator.TableId;
        Assert.True(emulator.Host.Read(h => h.Rules.Engine!.Table.Ipv4.ListId("trusted")) >= 0);

        // A broken edit is not pushed and not lost: it is kept, readable by the user only, in a file named on stderr.
        string state = Path.Combine(Path.GetTempPath(), "gateway-e2e-state-" + Guid.NewGuid().ToString("N"));
        string? savedState = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", state);
        try
        {
            Assert.Equal(1, EditWith("sed -i s/dstPort/dstProt/", emulator.Pty));      // a typo: compile fails
            Assert.Equal(1, EditWith("sed -i \"s/'accept');/'drop');/\"", emulator.Pty)); // a test fails
            string folder = EditCommand.KeptEditsFolder();
            Assert.StartsWith(state, folder, StringComparison.Ordinal);
            string[] kept = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(2, kept.Length);
            Assert.Contains("dstProt", File.ReadAllText(kept[0]), StringComparison.Ordinal);
            Assert.Contains("'drop');", File.ReadAllText(kept[1]), StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept[0]));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_STATE_HOME", savedState);
            if (Directory.Exists(state)) Directory.Delete(state, recursive: true);
        }
        Assert.Equal(edited, emulator.TableId);
        Assert.Equal(0, EditWith("true", emulator.Pty));                            // no change, nothing pushed
        Assert.Equal(edited, emulator.TableId);
    }
}
