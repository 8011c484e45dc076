// Every structural refusal of the package reader names what is wrong: members missing, of the wrong JSON
// kind, in the wrong order or unknown, at each level; and table and source ids are checked for their form
// (16 lower-case hex digits) before they are compared (regressions of surviving mutants).
using System.Text.RegularExpressions;

namespace Gateway.Core.Tests;

public partial class PackageReaderTests
{
    // Each case edits the seed package once (a regular expression) and names the refusal it must cause.
    [Theory]
    [InlineData("\"format\":\"gateway-rule-package\",\\n", "", PackageError.UnsupportedVersion, "format or version missing: not a gateway rule package")]
    [InlineData("\"version\":2,\\n", "", PackageError.UnsupportedVersion, "format or version missing: not a gateway rule package")]
    [InlineData("\"version\":2", "\"version\":\"2\"", PackageError.BadValue, "version must be a number")]
    [InlineData("\"format\":\"gateway-rule-package\"", "\"format\":1", PackageError.BadValue, "expected a string")]
    [InlineData("\"table-id\":\"[0-9a-f]{16}\",\\n", "", PackageError.BadValue, "package needs table-id, source-id, source and ruleset")]
    [InlineData("\"source-id\":\"[0-9a-f]{16}\",\\n", "", PackageError.BadValue, "package needs table-id, source-id, source and ruleset")]
    [InlineData("\"source\":\\{[^\\n]*\\},\\n", "", PackageError.BadValue, "package needs table-id, source-id, source and ruleset")]
    [InlineData(",\\n\"ruleset\":[\\s\\S]*\\}\\}\\}", "}", PackageError.BadValue, "package needs table-id, source-id, source and ruleset")]
    [InlineData("\"source\":\\{", "\"source\":[", PackageError.BadValue, "source must be an object")]
    [InlineData("\"source\":\\{\"file\":(\"[^\"]*\"),", "\"source\":{\"file\":$1,\"file\":\"x\",", PackageError.BadValue, "source file must come once, before the text")]
    [InlineData("\"text\":(\"[^\"]*\")\\}", "\"text\":$1,\"text\":$1}", PackageError.BadValue, "source text must come once, after the file")]
    [InlineData(",\"text\":\"[^\"]*\"\\}", "}", PackageError.BadValue, "source needs file and text")]
    [InlineData("\"text\":\"[^\"]*\"\\}", "\"text\":null}", PackageError.BadValue, "source text must be a string")]
    [InlineData("\\{\"file\":", "{\"author\":\"x\",\"file\":", PackageError.UnknownField, "unknown source member author")]
    [InlineData("\"ruleset\":\\{", "\"ruleset\":[", PackageError.BadValue, "ruleset must be an object")]
    [InlineData("\"ruleset\":\\{\"ip\":", "\"ruleset\":{\"ipv4\":{},\"ip\":", PackageError.UnknownField, "unknown ruleset member ipv4 (ip, ipv6, interface-list, interface-list-member or spa, each once)")]
    [InlineData("\"ruleset\":\\{\"ip\":\\{", "\"ruleset\":{\"ip\":[],\"x\":{", PackageError.BadValue, "a family must be an object")]
    [InlineData("\\{\"ip\":\\{\"filter\":", "{\"ip\":{\"mangle\":[],\"filter\":", PackageError.UnknownField, "unknown menu mangle (filter, address-list, nat or raw)")]
    [InlineData("\"nat\":\\[\\]\\},\\n\"ipv6\"", "\"nat\":{}},\n\"ipv6\"", PackageError.BadValue, "a menu must be an array")]
    [InlineData("\"address-list\":\\[\\],\\n\"nat\":\\[\\]\\},\\n\"ipv6\"", "\"address-list\":[\"x\"],\n\"nat\":[]},\n\"ipv6\"", PackageError.BadValue, "menu items must be objects")]
    [InlineData("\"action\":\"drop\"\\}", "\"action\":\"drop\",\"comment\":true}", PackageError.BadValue, "comment must be a string")]
    public void A_malformed_package_is_refused_with_what_is_wrong(string pattern, string replacement, PackageError error, string message)
    {
        string json = SeedText();
        string edited = Regex.Replace(json, pattern, replacement, RegexOptions.None, TimeSpan.FromSeconds(5));
        Assert.NotEqual(json, edited);
        var result = ReadText(edited);
        Assert.Equal(error, result.Error);
        Assert.Equal(message, result.Message);
    }

    // The form is checked first: a well-formed id that does not match is a mismatch, anything else a bad value.
    [Theory]
    [InlineData("0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF", false)]
    [InlineData("012345678/abcdef", false)]   // just below '0'
    [InlineData("012345678:abcdef", false)]   // just above '9'
    [InlineData("0123456789`bcdef", false)]   // just below 'a'
    [InlineData("0123456789abcdeg", false)]   // just above 'f'
    public void A_table_or_source_id_must_be_sixteen_lower_case_hex_digits(string id, bool wellFormed)
    {
        string json = SeedText();
        var table = ReadText(Regex.Replace(json, "\"table-id\":\"[0-9a-f]{16}\"", "\"table-id\":\"" + id + "\""));
        Assert.Equal(wellFormed ? PackageError.TableIdMismatch : PackageError.BadValue, table.Error);
        var source = ReadText(Regex.Replace(json, "\"source-id\":\"[0-9a-f]{16}\"", "\"source-id\":\"" + id + "\""));
        Assert.Equal(wellFormed ? PackageError.SourceIdMismatch : PackageError.BadValue, source.Error);
        if (!wellFormed) Assert.Equal("source-id must be 16 hex digits", source.Message);
    }
}
