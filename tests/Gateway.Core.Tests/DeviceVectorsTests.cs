// The device tests (tests/Gateway.Device.Tests, nanoFramework.TestFramework) check the same cases as these
// desktop tests: the package vectors of tests/data and the seed trace, turned into a C# file the .nfproj
// compiles (the virtual device has no file system), packages as line numbers into one table of distinct lines
// to fit nanoFramework's 64 KB string table. This test keeps that file in step with tests/data; regenerate
// deliberately with GATEWAY_UPDATE_VECTORS=1.
using System.Text;
using System.Text.Json;

namespace Gateway.Core.Tests;

public class DeviceVectorsTests
{
    // nanoFramework's MetadataProcessor holds at most 64 KB of strings (literals and names) per assembly, and the
    // device tests compile the core in: base64 packages (37 KB) did not fit. The vectors are stored as their
    // distinct lines (bytes as chars 0-255, 6.6 KB) and each package as line numbers, joined with '\n' on the device.
    private static string Literal(byte[] bytes)
    {
        var b = new StringBuilder("\"");
        foreach (byte c in bytes)
        {
            if (c == '"') b.Append("\\\"");
            else if (c == '\\') b.Append("\\\\");
            else if (c >= 0x20 && c < 0x7F) b.Append((char)c);
            else b.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return b.Append('"').ToString();
    }

    private static string Generate()
    {
        var good = Directory.GetFiles(Repo.Data("packages", "good")).Order(StringComparer.Ordinal).ToList();
        var bad = Directory.GetFiles(Repo.Data("packages", "bad")).Order(StringComparer.Ordinal).ToList();
        var lines = new List<byte[]>();
        var lineIds = new Dictionary<string, int>(StringComparer.Ordinal);
        string Numbers(string file)
        {
            byte[] bytes = File.ReadAllBytes(file);
            var ids = new List<int>();
            int start = 0;
            for (int i = 0; i <= bytes.Length; i++)
            {
                if (i < bytes.Length && bytes[i] != (byte)'\n') continue;
                byte[] line = bytes[start..i];
                string key = Convert.ToBase64String(line);
                if (!lineIds.TryGetValue(key, out int id)) { id = lines.Count; lineIds.Add(key, id); lines.Add(line); }
                ids.Add(id);
                start = i + 1;
            }
            return "            new int[] { " + string.Join(", ", ids) + " }, // " + Path.GetFileName(file) + "\n";
        }
        string goodRows = string.Concat(good.Select(Numbers));
        string badRows = string.Concat(bad.Select(Numbers));

        var b = new StringBuilder();
        b.Append("// Generated from tests/data by DeviceVectorsTests (Gateway.Core.Tests). Do not edit; regenerate with\n");
        b.Append("// GATEWAY_UPDATE_VECTORS=1 dotnet test --filter DeviceVectors.\n");
        b.Append("namespace Gateway.Device.Tests\n{\n    public static class TestVectors\n    {\n");
        b.Append("        // Distinct lines of the package vectors, bytes as chars 0-255 (an assembly holds at most 64 KB of strings).\n");
        b.Append("        private static readonly string[] Lines =\n        {\n");
        foreach (var line in lines) b.Append("            ").Append(Literal(line)).Append(",\n");
        b.Append("        };\n\n        /// <summary>Good packages (tests/data/packages/good, name order) as line numbers.</summary>\n");
        b.Append("        private static readonly int[][] GoodLines =\n        {\n").Append(goodRows).Append("        };\n\n");
        b.Append("        /// <summary>Bad packages (tests/data/packages/bad, name order) as line numbers; BadTokens says why each must be refused.</summary>\n");
        b.Append("        private static readonly int[][] BadLines =\n        {\n").Append(badRows).Append("        };\n\n");
        b.Append("        public static readonly string[] BadTokens =\n        {\n");
        foreach (var f in bad) b.Append("            \"").Append(Path.GetFileName(f)[..Path.GetFileName(f).IndexOf("--", StringComparison.Ordinal)]).Append("\",\n");
        b.Append("        };\n\n");
        b.Append("        public static int GoodCount { get { return GoodLines.Length; } }\n\n");
        b.Append("        public static int BadCount { get { return BadLines.Length; } }\n\n");
        b.Append("        /// <summary>The bytes of good package <paramref name=\"i\"/>.</summary>\n");
        b.Append("        public static byte[] Good(int i) { return Join(GoodLines[i]); }\n\n");
        b.Append("        /// <summary>The bytes of bad package <paramref name=\"i\"/>.</summary>\n");
        b.Append("        public static byte[] Bad(int i) { return Join(BadLines[i]); }\n\n");
        b.Append("        private static byte[] Join(int[] numbers)\n        {\n");
        b.Append("            int length = numbers.Length - 1;\n");
        b.Append("            for (int i = 0; i < numbers.Length; i++) length += Lines[numbers[i]].Length;\n");
        b.Append("            byte[] bytes = new byte[length];\n");
        b.Append("            int at = 0;\n");
        b.Append("            for (int i = 0; i < numbers.Length; i++)\n            {\n");
        b.Append("                if (i > 0) bytes[at++] = (byte)'\\n';\n");
        b.Append("                string line = Lines[numbers[i]];\n");
        b.Append("                for (int k = 0; k < line.Length; k++) bytes[at++] = (byte)line[k];\n");
        b.Append("            }\n            return bytes;\n        }\n\n");
        b.Append("        /// <summary>The seed trace: time ms, source, destination port, and RouterOS's verdict and deciding rule (-1: none).</summary>\n");
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
