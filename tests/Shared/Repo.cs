// Paths into the repository from a test's output folder: the folder above it that holds Gateway.sln. Every
// test project compiles this one file (their .csproj link it).
namespace Gateway.Testing;

internal static class Repo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Gateway.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray());

    /// <summary>A file of the tests' data (tests/data).</summary>
    public static string Data(params string[] parts) => Path(new[] { "tests", "data" }.Concat(parts).ToArray());
}
