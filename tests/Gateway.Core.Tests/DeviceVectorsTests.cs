// The device tests (tests/Gateway.Device.Tests, nanoFramework.TestFramework) check the same cases as these
// desktop tests: the package vectors of tests/data and the seed trace, turned into a C# file the .nfproj
// compiles (the virtual device has no file system). This test keeps that file in step with tests/data;
// regenerate deliberately with GATEWAY_UPDATE_VECTORS=1.
using System.Text;
using System.Text.Json;
using Gateway.Core.Tests.Support;

namespace Gateway.Core.Tests;

public class DeviceVectorsTests
{
    private static string Generate()
    {
        var b = new StringBuilder();
        b.Append("// Generated from tests/data by DeviceVectorsTests (Gateway.Core.Tests). Do not edit; regenerate with\n");
        b.Append("// GATEWAY_UPDATE_VECTORS=1 dotnet test --filter DeviceVectors.\n");
        b.Append("namespace Gateway.Device.Tests\n{\n    public static class TestVectors\n    {\n");
        b.Append("        /// <summary>Good packages, base64.</summary>\n        public static readonly string[] GoodPackages =\n        {\n");
        foreach (var f in Directory.GetFiles(Repo.Data("packages", "good")).Order(StringComparer.Ordinal))
            b.Append("            \"").Append(Convert.ToBase64String(File.ReadAllBytes(f))).Append("\", // ").Append(Path.GetFileName(f)).Append('\n');
        b.Append("        };\n\n        /// <summary>Bad packages, base64, with the error token each must be refused with.</summary>\n        public static readonly string[] BadPackages =\n        {\n");
        var bad = Directory.GetFiles(Repo.Data("packages", "bad")).Order(StringComparer.Ordinal).ToList();
        foreach (var f in bad)
            b.Append("            \"").Append(Convert.ToBase64String(File.ReadAllBytes(f))).Append("\", // ").Append(Path.GetFileName(f)).Append('\n');
        b.Append("        };\n\n        public static readonly string[] BadTokens =\n        {\n");
        foreach (var f in bad) b.Append("            \"").Append(Path.GetFileName(f)[..Path.GetFileName(f).IndexOf("--", StringComparison.Ordinal)]).Append("\",\n");
        b.Append("        };\n\n        /// <summary>The seed trace: time ms, source, destination port, and RouterOS's verdict and deciding rule (-1: none).</summary>\n");
        var trace = File.ReadAllLines(Repo.Data("traces", "seed.jsonl"));
        var expected = File.ReadAllLines(Repo.Data("expected", "seed.jsonl"));
        var rows = new List<string>();
        for (int i = 0; i < trace.Length; i++)
        {
            using var p = JsonDocument.Parse(trace[i]);
            using var e = JsonDocument.Parse(expected[i]);
            var r = p.RootElement;
            var x = e.RootElement;
            string chain = r.TryGetProperty("chain", out var c) ? c.GetString()! : "input";
            string flags = r.TryGetProperty("flags", out var fl) ? fl.GetString()! : "S";
            int rule = x.GetProperty("rule").ValueKind == JsonValueKind.Null ? -1 : x.GetProperty("rule").GetInt32();
            rows.Add($"            \"{r.GetProperty("t").GetInt64()} {r.GetProperty("src").GetString()} {r.GetProperty("sport").GetInt32()} {r.GetProperty("dst").GetString()} {r.GetProperty("dport").GetInt32()} {flags} {chain} {x.GetProperty("verdict").GetString()} {rule}\",");
        }
        b.Append("        public static readonly string[] SeedTrace =\n        {\n").Append(string.Join("\n", rows)).Append("\n        };\n    }\n}\n");
        return b.ToString();
    }

    [Fact]
    public void The_device_test_vectors_match_tests_data()
    {
        string path = Path.Combine(Repo.Root, "tests", "Gateway.Device.Tests", "TestVectors.cs");
        string generated = Generate();
        if (Environment.GetEnvironmentVariable("GATEWAY_UPDATE_VECTORS") == "1") File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), "regenerate with GATEWAY_UPDATE_VECTORS=1");
        Assert.True(generated == File.ReadAllText(path), "tests/Gateway.Device.Tests/TestVectors.cs is stale: regenerate with GATEWAY_UPDATE_VECTORS=1");
    }
}
