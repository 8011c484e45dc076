// Finds files of the repository (tests/data) from the test's output folder.
namespace Gateway.Core.Tests.Support;

internal static class Repo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Data(params string[] parts) => Path.Combine(new[] { Root, "tests", "data" }.Concat(parts).ToArray());
}
