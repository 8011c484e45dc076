// Every kind of bad package is refused with its reason and a position, and hostile bytes (every
// truncation, byte flips, garbage) never make the reader throw, hang or accept altered rules.

namespace Gateway.Core.Tests;

public partial class PackageReaderTests
{
    private static PackageResult Read(byte[] bytes, TableLimits? limits = null)
        => new PackageReader(limits ?? new TableLimits()).Read(new ByteArraySource(bytes), out _);

    public static TheoryData<string> BadVectors()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Repo.Data("packages", "bad")).Order()) data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(BadVectors))]
    public void Bad_package_is_refused_with_the_reason_its_name_gives(string file)
    {
        byte[] bytes = File.ReadAllBytes(Repo.Data("packages", "bad", file));
        var result = Read(bytes);
        string expected = file[..file.IndexOf("--", StringComparison.Ordinal)];
        Assert.False(result.IsOk, file);
        Assert.Equal(expected, PackageErrors.Token(result.Error));
        Assert.NotEmpty(result.Message);
        Assert.InRange(result.Offset, PackageResult.NoOffset, bytes.Length);
    }

    [Theory]
    [InlineData("seed.json")]
    [InlineData("everything.json")]
    public void Good_vectors_load_and_compile(string file)
    {
        byte[] bytes = File.ReadAllBytes(Repo.Data("packages", "good", file));
        var result = TableLoader.Load(new ByteArraySource(bytes), new TableLimits(), 0, true, out var table, out _);
        Assert.True(result.IsOk, result.ToString());
        Assert.NotNull(table);
    }

    [Fact]
    public void A_semantic_error_points_at_the_rule_that_has_it()
    {
        var rules = Build.SeedRecipe();
        rules.Filter("chain=input action=jump jump-target=nowhere");
        byte[] bytes = Build.PackageOf(rules);
        var result = Read(bytes);
        Assert.Equal(PackageError.UnknownChain, result.Error);
        Assert.Equal((byte)'{', bytes[result.Offset]);
        Assert.StartsWith("{\"chain\":\"input\",\"action\":\"jump\"", System.Text.Encoding.UTF8.GetString(bytes, result.Offset, bytes.Length - result.Offset));
        Assert.Equal($"unknown-chain at byte {result.Offset}: jump-target nowhere names a chain with no rules", result.ToString());
    }

    [Fact]
    public void A_bad_value_points_at_the_value()
    {
        byte[] bytes = File.ReadAllBytes(Repo.Data("packages", "bad", "bad-value--port-out-of-range.json"));
        var result = Read(bytes);
        Assert.Equal("\"70000\"", System.Text.Encoding.UTF8.GetString(bytes, result.Offset, 7));
        Assert.Contains("dst-port: port must be a number 0-65535", result.Message);
    }

    [Fact]
    public void Too_many_rules_are_refused_while_reading_with_the_numbers()
    {
        var result = Read(File.ReadAllBytes(Repo.Data("packages", "bad", "over-capacity--too-many-rules.json")));
        Assert.Equal(PackageError.OverCapacity, result.Error);
        Assert.Equal(Capacity.DefaultMaxRules, result.Limit);
        Assert.Equal(Capacity.DefaultMaxRules + 1, result.Actual);
        Assert.Equal("rules", result.What);
    }

    [Fact]
    public void A_package_over_the_byte_limit_is_refused_before_it_is_interpreted()
    {
        byte[] bytes = Build.PackageOf(Build.SeedRecipe());
        var reader = new PackageReader(new TableLimits()) { MaxBytes = bytes.Length - 1 };
        var result = reader.Read(new ByteArraySource(bytes), out var package);
        Assert.Equal(PackageError.TooLarge, result.Error);
        Assert.Null(package);
    }

    [Fact]
    public void Every_truncation_is_refused_as_truncated()
    {
        byte[] bytes = Build.PackageOf(PackageRoundTripTests.Everything());
        int end = Array.LastIndexOf(bytes, (byte)'}') + 1;   // the trailing newline is optional
        for (int length = 0; length < end; length++)
        {
            var result = Read(bytes[..length]);
            Assert.True(result.Error == PackageError.Truncated, $"cut at {length}: {result}");
        }
        Assert.True(Read(bytes[..end]).IsOk);
    }

    [Fact]
    public void Single_byte_flips_never_throw_and_never_pass_altered_rules()
    {
        byte[] good = Build.PackageOf(PackageRoundTripTests.Everything());
        int ruleSetStart = System.Text.Encoding.UTF8.GetString(good).IndexOf("\"ruleset\"", StringComparison.Ordinal);
        byte[] masks = { 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF };
        int accepted = 0;
        var acceptedInRuleSet = new HashSet<int>();
        for (int at = 0; at < good.Length; at++)
        {
            foreach (byte mask in masks)
            {
                byte[] bad = (byte[])good.Clone();
                bad[at] ^= mask;
                var result = new PackageReader(new TableLimits()).Read(new ByteArraySource(bad), out var package);
                if (!result.IsOk) continue;
                accepted++;
                // Accepted damage may touch the source text, whitespace, or a value that reads back to the same
                // canonical rule (10.0.0.1/8 is 10.0.0.0/8); the rules themselves must be exactly the original.
                Assert.Equal(PackageWriter.TableIdOf(PackageRoundTripTests.Everything()), PackageWriter.TableIdOf(package!.RuleSet));
                if (at >= ruleSetStart) acceptedInRuleSet.Add(at);
            }
        }
        Assert.True(accepted > 0);   // flips in the source text are accepted: storage CRCs guard those bytes
        Assert.True(acceptedInRuleSet.Count < 20, "accepted flips in the ruleset at " + string.Join(",", acceptedInRuleSet));
    }

    [Fact]
    public void Random_multi_byte_damage_and_garbage_never_throw()
    {
        var random = new Random(20261125);
        byte[] good = Build.PackageOf(PackageRoundTripTests.Everything());
        for (int i = 0; i < 3000; i++)
        {
            byte[] bad = i % 3 == 0 ? new byte[random.Next(0, 400)] : (byte[])good.Clone();
            if (i % 3 == 0) random.NextBytes(bad);
            else for (int k = random.Next(1, 8); k > 0; k--) bad[random.Next(bad.Length)] = (byte)random.Next(256);
            if (i % 3 == 2) bad = bad[..random.Next(bad.Length)];
            var result = new PackageReader(new TableLimits()).Read(new ByteArraySource(bad), out var package);
            if (result.IsOk) Assert.Equal(PackageWriter.TableIdOf(PackageRoundTripTests.Everything()), package!.TableId);
            else Assert.NotEqual(PackageError.None, result.Error);
        }
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_refused_at_its_first_byte()
    {
        var result = Read(System.Text.Encoding.ASCII.GetBytes(new string('[', 100_000)));
        Assert.Equal(PackageError.BadValue, result.Error);
        Assert.Equal(0, result.Offset);
    }

    [Fact]
    public void The_json_reader_refuses_nesting_deeper_than_its_bound()
    {
        var json = new JsonReader(new ByteArraySource(System.Text.Encoding.ASCII.GetBytes(new string('[', 100_000))), Capacity.MaxPackageBytes, 16);
        JsonToken t;
        int opened = 0;
        while ((t = json.Next()) == JsonToken.BeginArray) opened++;
        Assert.Equal(JsonToken.Error, t);
        Assert.Equal(Capacity.MaxJsonDepth, opened);
        Assert.Equal(PackageError.Syntax, json.Error);
        Assert.Equal(Capacity.MaxJsonDepth, json.ErrorOffset);
    }
}
