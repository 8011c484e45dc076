// The nanoFramework check really guards the core: a copy of Core's sources with one forbidden construct
// added fails Gateway.Core.NanoCheck's build with the expected error, and the unchanged copy passes.
using System.Diagnostics;

namespace Gateway.Core.Tests;

public class NanoFrameworkCheckTests
{
    private static (int ExitCode, string Output) BuildCopy(string? extraFile) =>
        BuildCopy(extraFile, "Core", Path.Combine("NanoCheck", "Gateway.Core.NanoCheck.csproj"), "CoreSourceDir", "Model");

    private static (int ExitCode, string Output) BuildCopy(string? extraFile, string folder, string project, string property, string into)
    {
        string root = Repo.Root;
        string work = Path.Combine(Path.GetTempPath(), "gateway-nanocheck-" + Guid.NewGuid().ToString("N"));
        string core = Path.Combine(work, folder);
        try
        {
            string source = Path.Combine(root, "src", "Firmware", folder);
            foreach (string file in Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(source, file);
                if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(core, relative))!);
                File.Copy(file, Path.Combine(core, relative));
            }
            if (extraFile != null) File.WriteAllText(Path.Combine(core, into, "Forbidden.cs"), extraFile);
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = work,
            };
            foreach (string arg in new[]
            {
                "build", Path.Combine(root, "src", "Firmware", project),
                "--no-restore", "-nologo", $"-p:{property}=" + core,
                "-p:IntermediateOutputPath=" + Path.Combine(work, "obj") + Path.DirectorySeparatorChar,
                "-p:OutputPath=" + Path.Combine(work, "bin") + Path.DirectorySeparatorChar,
            })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd() + stderr.Result;
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void The_unchanged_core_passes_the_check()
    {
        var (exit, output) = BuildCopy(null);
        Assert.True(exit == 0, output);
    }

    [Theory]
    [InlineData("namespace Gateway.Core.Model { public sealed class Forbidden { public System.Collections.Generic.List<int> Items = new System.Collections.Generic.List<int>(); } }", "CS0234")]
    [InlineData("namespace Gateway.Core.Model { public sealed class Forbidden<T> { public T? Value; } }", "GW0001")]
    [InlineData("namespace Gateway.Core.Model { public static class Forbidden { public static int Twice(int x) { var f = (x, x); return f.Item1 + f.Item2; } } }", "GW0003")]
    [InlineData("namespace Gateway.Core.Model { public static class Forbidden { public static System.Span<byte> Bytes() { return default; } } }", "CS0234")]
    [InlineData("namespace Gateway.Core.Model { public static class Forbidden { public static async void Later() { } } }", "GW0002")]
    [InlineData("namespace Gateway.Core.Model {\n#if DEBUG\n#endif\n public static class Forbidden { } }", "GW0007")]
    [InlineData("namespace Gateway.Core.Model { public static class Forbidden { public static int[,] Grid = new int[2, 2]; } }", "GW0006")]
    [InlineData("namespace Gateway.Core.Model { public static class Forbidden { public static string[] Names(int n) { return new string[n]; } } }", "GW0008")]
    [InlineData("namespace Gateway.Core.Model { public static class Forbidden { public static string?[] Names = new string?[4]; } }", "GW0008")]
    [InlineData("namespace Gateway.Core.Model { public static class Forbidden { public static string?[] Names = { \"a\", null }; } }", "GW0008")]
    [InlineData("namespace Gateway.Core.Model { public static class Forbidden { public static void Wipe(string[] names) { System.Array.Clear(names, 0, names.Length); } } }", "GW0008")]
    public void A_forbidden_construct_in_a_core_file_fails_the_build(string file, string expectedError)
    {
        var (exit, output) = BuildCopy(file);
        Assert.NotEqual(0, exit);
        Assert.Contains("error " + expectedError, output);
        Assert.Contains("Forbidden.cs", output);
    }

    [Fact]
    public void The_unchanged_device_layer_passes_its_check()
    {
        var (exit, output) = BuildCopy(null, "Device", Path.Combine("Device.Check", "Gateway.Device.Check.csproj"), "DeviceSourceDir", "Hardware");
        Assert.True(exit == 0, output);
    }

    [Theory]
    [InlineData("namespace Gateway.Device.Hardware { static class Forbidden { static void F(System.Net.Sockets.Socket s) { s.Blocking = false; } } }", "CS1061")]
    [InlineData("namespace Gateway.Device.Hardware { static class Forbidden { static void F(System.Net.Sockets.Socket s) { s.Shutdown(System.Net.Sockets.SocketShutdown.Both); } } }", "CS1061")]
    [InlineData("namespace Gateway.Device.Hardware { static class Forbidden { static void F(System.Net.Sockets.Socket s) { s.LingerState = null; } } }", "CS1061")]
    [InlineData("namespace Gateway.Device.Hardware { static class Forbidden { static bool F() { return System.Net.IPAddress.TryParse(\"1.2.3.4\", out _); } } }", "CS0117")]
    // The core is its own assemblies on the board, and no InternalsVisibleTo names the app.
    [InlineData("namespace Gateway.Device.Hardware { static class Forbidden { static int F() { return Gateway.Core.Tables.MatchBits.Protocol; } } }", "CS0122")]
    public void A_member_the_device_cannot_reach_fails_the_device_build(string file, string expectedError)
    {
        var (exit, output) = BuildCopy(file, "Device", Path.Combine("Device.Check", "Gateway.Device.Check.csproj"), "DeviceSourceDir", "Hardware");
        Assert.NotEqual(0, exit);
        Assert.Contains("error " + expectedError, output);
        Assert.Contains("Forbidden.cs", output);
    }
}
