// Members given twice at every level, versions below the one this firmware reads, numeric values and
// malformed table ids: each refused (or read) for the stated reason (regressions of mutants, issue 15).
using System.Text;

namespace Gateway.Core.Tests;

public partial class PackageReaderTests
{
    private static string SeedText() => Encoding.UTF8.GetString(Build.PackageOf(Build.SeedRecipe()));

    private static PackageResult ReadText(string json) => Read(Encoding.UTF8.GetBytes(json));

    // Inserts a copy of a top-level member right after the opening brace.
    private static string WithTopLevelCopy(string json, string member)
    {
        int at = json.IndexOf("\"" + member + "\":", StringComparison.Ordinal);
        Assert.True(at > 0, member);
        int end = MemberEnd(json, at);
        return "{" + json[at..end] + "," + json[1..];
    }

    // The index just past a member's value (a string, a number or a balanced object/array).
    private static int MemberEnd(string json, int at)
    {
        int i = json.IndexOf(':', at) + 1;
        int depth = 0;
        bool inString = false;
        for (; i < json.Length; i++)
        {
            char c = json[i];
            if (inString) { if (c == '\\') i++; else if (c == '"') inString = false; continue; }
            if (c == '"') inString = true;
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']') { if (depth == 0) return i; depth--; if (depth == 0) return i + 1; }
            else if (c == ',' && depth == 0) return i;
        }
        return i;
    }

    [Theory]
    [InlineData("format")]
    [InlineData("version")]
    [InlineData("table-id")]
    [InlineData("source")]
    [InlineData("ruleset")]
    [InlineData("source-id")]
    public void A_top_level_member_given_twice_is_refused(string member)
    {
        var result = ReadText(WithTopLevelCopy(SeedText(), member));
        Assert.Equal(PackageError.BadValue, result.Error);
        Assert.Contains("member " + member + " given twice", result.Message, StringComparison.Ordinal);
    }

    // The seed package with one piece of its text replaced is refused as a bad value that says so.
    private static void AssertSeedRefused(string from, string to, string says)
    {
        var result = ReadText(SeedText().Replace(from, to, StringComparison.Ordinal));
        Assert.Equal(PackageError.BadValue, result.Error);
        Assert.Contains(says, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_family_given_twice_is_refused()
    {
        AssertSeedRefused("\"ruleset\":{\"ip\":", "\"ruleset\":{\"ip\":{},\"ip\":", "family given twice");
        AssertSeedRefused("\"ruleset\":{\"ip\":", "\"ruleset\":{\"ipv6\":{},\"ipv6\":{},\"ip\":", "family given twice");
    }

    [Fact]
    public void A_menu_given_twice_is_refused()
    {
        AssertSeedRefused("{\"ip\":{\"filter\":", "{\"ip\":{\"filter\":[],\"filter\":", "menu given twice");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_version_other_than_the_firmware_s_is_refused(int version)
    {
        var result = ReadText(SeedText().Replace("\"version\":" + PackageFormat.Version, "\"version\":" + version, StringComparison.Ordinal));
        Assert.Equal(PackageError.UnsupportedVersion, result.Error);
        Assert.Contains($"package version {version}, this firmware reads version {PackageFormat.Version}", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_source_is_bound_to_the_package_even_when_the_reader_does_not_keep_it()
    {
        string json = SeedText();
        var edited = Encoding.UTF8.GetBytes(json.Replace("# test rules", "# test rulez", StringComparison.Ordinal));
        foreach (bool keep in new[] { true, false })
        {
            var result = new PackageReader(new Gateway.Core.Tables.TableLimits()) { KeepSource = keep }.Read(new ByteArraySource(edited), out var package);
            Assert.Equal(PackageError.SourceIdMismatch, result.Error);
            Assert.Null(package);
            Assert.StartsWith("source-id ", result.Message, StringComparison.Ordinal);
            Assert.EndsWith("the source text is not the one these rules were compiled from", result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_source_with_characters_beyond_the_bmp_hashes_the_same_on_both_sides()
    {
        var rules = Build.SeedRecipe();
        byte[] bytes = Build.PackageOf(rules, "emoji.js", "// knock knock \U0001F600 \u00e9\n");
        var result = new PackageReader(new Gateway.Core.Tables.TableLimits()) { KeepSource = false }.Read(new ByteArraySource(bytes), out _);
        Assert.True(result.IsOk, result.ToString());
    }

    [Fact]
    public void A_table_id_of_the_wrong_length_is_refused_for_its_form()
    {
        string json = SeedText();
        int at = json.IndexOf("\"table-id\":\"", StringComparison.Ordinal) + "\"table-id\":\"".Length;
        foreach (string id in new[] { json[at..(at + 15)], json[at..(at + 16)] + "0" })
        {
            var result = ReadText(json[..at] + id + json[(at + 16)..]);
            Assert.Equal(PackageError.BadValue, result.Error);
            Assert.Equal("table-id must be 16 hex digits", result.Message);
        }
    }

    [Fact]
    public void A_numeric_value_is_read_as_its_decimal_text_zero_included()
    {
        var rules = Build.SeedRecipe();
        rules.Filter("chain=forward protocol=tcp dst-port=0-1 packet-size=0 action=drop");
        string json = Encoding.UTF8.GetString(Build.PackageOf(rules));
        Assert.Contains("\"packet-size\":\"0\"", json, StringComparison.Ordinal);
        var result = ReadText(json.Replace("\"packet-size\":\"0\"", "\"packet-size\":0", StringComparison.Ordinal));
        Assert.True(result.IsOk, result.ToString());
        result = ReadText(json.Replace("\"packet-size\":\"0\"", "\"packet-size\":-1", StringComparison.Ordinal));
        Assert.Equal(PackageError.BadValue, result.Error);
        Assert.Equal("packet-size must be a string", result.Message);
    }
}
