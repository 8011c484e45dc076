// gateway edit over the pty: pull, $EDITOR, compile, test, push; a broken edit pushes nothing.
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

        Assert.Equal(1, EditWith("sed -i s/dstPort/dstProt/", emulator.Pty));      // a typo: compile fails
        Assert.Equal(1, EditWith("sed -i \"s/'accept');/'drop');/\"", emulator.Pty)); // a test fails
        Assert.Equal(edited, emulator.TableId);
        Assert.Equal(0, EditWith("true", emulator.Pty));                            // no change, nothing pushed
        Assert.Equal(edited, emulator.TableId);
    }
}
