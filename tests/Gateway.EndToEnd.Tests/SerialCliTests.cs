// The serial verbs as a user reads them (issue 8): status in words (yes/no, not True/False), lists that say
// when they are empty, push progress on a non-terminal, and a pty where no gateway answers named as such.
using Gateway.Cli.Commands;
using Gateway.Emulator.Hardware;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class SerialCliTests
{
    private static (int Exit, string Out, string Err) Verb(string name, params string[] args)
    {
        var verb = SerialCommands.Create().Single(c => c.Name == name);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (savedOut, savedErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try { return (verb.Parse(args).Invoke(), stdout.ToString(), stderr.ToString()); }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedErr);
        }
    }

    [Fact]
    public void Status_lists_and_push_speak_plainly_over_the_pty()
    {
        using var emulator = new RunningEmulator();
        var (exit, status, _) = Verb("status", "--port", emulator.Pty);
        Assert.Equal(0, exit);
        Assert.Contains("default: yes", status, StringComparison.Ordinal);
        Assert.DoesNotContain("True", status, StringComparison.Ordinal);
        var (listsExit, lists, _) = Verb("lists", "--port", emulator.Pty);
        Assert.Equal(0, listsExit);
        Assert.Equal("no address-list entries", lists.Trim());
        var (pushExit, pushed, progress) = Verb("push", Repo.Path("examples", "ssh-forward.js"), "--port", emulator.Pty);
        Assert.Equal(0, pushExit);
        Assert.Matches(@"^tests: [1-9]\d* passed$", pushed.Split('\n')[0].Trim());   // the summary of the tests it ran
        Assert.Matches(@"upload \d+/\d+ bytes", progress);   // stderr is not a terminal here: lines, not a bar
        Assert.EndsWith("bytes", progress.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("upload", StringComparison.Ordinal)).Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pty_with_no_gateway_behind_it_is_named_as_such()
    {
        using var pty = new PseudoTerminal();   // a serial line nobody answers on
        var (exit, _, err) = Verb("status", "--port", pty.Path);
        Assert.Equal(1, exit);
        Assert.Equal($"gateway: serial: no gateway answered on {pty.Path} within 10 s: is the emulator or the board running, and is this its console port?", err.Trim());
    }

    [Fact]
    public void After_a_push_the_emulator_reports_the_listeners_it_really_has()
    {
        using var emulator = new RunningEmulator();
        var events = new StringWriter();
        var shared = TextWriter.Synchronized(events);   // the loop writes whole reports under the writer's lock
        string Reported() { lock (shared) return events.ToString(); }
        emulator.Host.Events = shared;
        Assert.Equal(0, PushCommand.Push(Repo.Path("examples", "ssh-forward.js"), emulator.Pty));
        Assert.True(RunningEmulator.WaitUntil(() => Reported().Contains("listening:", StringComparison.Ordinal)), "no report after the push");
        var ports = emulator.Host.Read(h => Enumerable.Range(0, h.App.Listeners.Count).Select(h.App.Listeners.PortAt).Order().ToArray());
        var reported = Reported().Split('\n').Where(l => l.StartsWith("listening:", StringComparison.Ordinal))
            .Select(l => int.Parse(l[(l.LastIndexOf(':') + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.Equal(ports, reported);
        Assert.Contains(2222, reported);   // the script's forward, not only the console
        // Knock ports need listeners only when the gateway cannot see packets.
        Assert.Equal(!emulator.SeesPackets, reported.Contains(7000));
        Assert.DoesNotContain(9000, reported);   // nor the built-in rules' knock ports
    }
}
