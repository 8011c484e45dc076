// The gateway command as a user runs it (a separate process): every user error is one line with a
// non-zero exit and no .NET stack trace; `help` is a command; empty rules are warned about (issue 8).
using System.Diagnostics;
using Gateway.Cli;

namespace Gateway.Cli.Tests;

public sealed class CliFailureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gateway-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Gateway(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gateway.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "gateway did not finish");
        return (p.ExitCode, stdout.Result, stderr);
    }

    private static void NoStackTrace(string text) => Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);

    [Fact]
    public void Help_is_a_command()
    {
        var (exit, output, _) = Gateway("help");
        Assert.Equal(0, exit);
        Assert.Contains("compile", output, StringComparison.Ordinal);
        (exit, output, _) = Gateway("help", "knock");
        Assert.Equal(0, exit);
        Assert.Contains("--delay", output, StringComparison.Ordinal);
        var (bad, _, err) = Gateway("help", "nosuch");
        Assert.Equal(1, bad);
        Assert.StartsWith("gateway: no command nosuch; commands: compile,", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_knock_delay_shows_its_default_once()
    {
        var (_, output, _) = Gateway("knock", "--help");
        string line = output.Split('\n').Single(l => l.Contains("--delay", StringComparison.Ordinal));
        Assert.Equal(1, line.Split("100").Length - 1);
    }

    [Fact]
    public void A_serial_device_that_does_not_exist_is_named_in_one_line()
    {
        var (exit, _, err) = Gateway("status", "--port", "/dev/nonexistent");
        Assert.Equal(1, exit);
        Assert.Equal("gateway: serial: no serial device /dev/nonexistent (a board is /dev/ttyUSB0 or /dev/ttyACM0; the emulator prints its pty as serial: /dev/pts/N)", err.TrimEnd());
    }

    [Fact]
    public void Empty_rules_compile_with_a_warning()
    {
        string path = Path.Combine(_dir, "empty.js");
        File.WriteAllText(path, "");
        var (exit, _, err) = Gateway("compile", path, "-o", Path.Combine(_dir, "empty.json"));
        Assert.Equal(0, exit);
        Assert.StartsWith("empty.js:1:1: warning: no filter rules: with none the gateway accepts every packet", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fifty_thousand_nested_parentheses_are_one_diagnostic_in_compile()
    {
        string path = Path.Combine(_dir, "deep.js");
        File.WriteAllText(path, "let x = " + new string('(', 50_000) + "1" + new string(')', 50_000) + ";\n");
        var (exit, _, err) = Gateway("compile", path);
        Assert.Equal(1, exit);
        Assert.Equal("deep.js:1:265: script nests brackets deeper than the nesting limit (256)", err.TrimEnd());
    }

    [Fact]
    public void An_unexpected_failure_is_one_line_of_its_messages()
    {
        var e = new InvalidOperationException("the outer problem", new IOException("the disk said no"));
        Assert.Equal("the outer problem: the disk said no", Failures.OneLine(e));
        NoStackTrace(Failures.OneLine(e));
    }
}
