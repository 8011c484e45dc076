// Paths into the repository from a test's output folder.
namespace Gateway.Rules.Tests;

internal static class Repo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Gateway.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found");
        }
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray());
}
