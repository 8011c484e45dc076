// Paths into the repository from the test's output folder.
namespace Gateway.EndToEnd.Tests;

internal static class Repo
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Gateway.sln"))) dir = dir.Parent;
        return System.IO.Path.Combine(new[] { dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found") }.Concat(parts).ToArray());
    }
}
