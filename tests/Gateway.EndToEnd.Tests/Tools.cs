// Real clients from Debian (knock from knockd, nmap, socat). A missing one fails the test in CI, where
// .ci/run installs them, and skips it with the reason elsewhere: never a silent pass.
using System.Diagnostics;

namespace Gateway.EndToEnd.Tests;

internal static class Tools
{
    public static bool InCi => Environment.GetEnvironmentVariable("CI") != null || Environment.GetEnvironmentVariable("ContinuousIntegrationBuild") == "true";

    public static string Require(string tool, string package, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        string? path = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        if (path != null) return path;
        Assert.False(InCi, $"{tool} is missing: .ci/run must install Debian's {package}");
        SkipReport.If(true, test, $"{tool} is not installed (apt-get install {package}); this end-to-end test needs it");
        return "";
    }

    /// <summary>Runs a tool to completion; returns exit code and output.</summary>
    public static (int Exit, string Output) Run(string path, params string[] args) => Run(path, null, 30_000, args);

    public static (int Exit, string Output) Run(string path, string? stdin, int timeoutMs, params string[] args)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin != null };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        if (stdin != null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();   // EOF: socat then waits -t seconds for the replies and exits
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs)) { p.Kill(true); throw new TimeoutException($"{path} did not finish in {timeoutMs} ms"); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
