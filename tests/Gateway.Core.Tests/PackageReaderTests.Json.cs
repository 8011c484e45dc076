// The JSON tokenizer under the package reader, at its edges: every escape and UTF-8 length decoded, every
// malformed form refused with its reason at the byte where it starts, numbers at their digit bound,
// strings at their length bound (a surrogate pair counts two), and a package at exactly its byte limit
// (regressions of surviving mutants).
using System.Text;

namespace Gateway.Core.Tests;

public partial class PackageReaderTests
{
    private static JsonReader Json(byte[] bytes, int maxBytes = Capacity.MaxPackageBytes, int initialChars = 16)
        => new(new ByteArraySource(bytes), maxBytes, initialChars);

    private static JsonReader Json(string text) => Json(Encoding.UTF8.GetBytes(text));

    // Reads to the end or the first error; the reader is left at the error for the caller to inspect.
    private static JsonReader ReadAll(JsonReader json)
    {
        JsonToken t;
        do t = json.Next(); while (t != JsonToken.End && t != JsonToken.Error);
        return json;
    }

    [Fact]
    public void A_package_of_exactly_the_byte_limit_is_read_and_one_byte_less_refuses_it()
    {
        byte[] bytes = Build.PackageOf(Build.SeedRecipe());
        Assert.True(bytes.Length > Capacity.ReaderChunkBytes);
        var exact = new PackageReader(new Gateway.Core.Tables.TableLimits()) { MaxBytes = bytes.Length }.Read(new ByteArraySource(bytes), out _);
        Assert.True(exact.IsOk, exact.ToString());
        var over = new PackageReader(new Gateway.Core.Tables.TableLimits()) { MaxBytes = bytes.Length - 1 }.Read(new ByteArraySource(bytes), out _);
        Assert.Equal(PackageError.TooLarge, over.Error);
        Assert.Equal(bytes.Length - 1, over.Offset);
        Assert.Equal($"package larger than {bytes.Length - 1} bytes", over.Message);
    }

    [Fact]
    public void Every_escape_is_decoded()
    {
        var json = Json("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u20AC\\uD83D\\uDE00.\"");
        Assert.Equal(JsonToken.String, json.Next());
        Assert.Equal("q\" b\\ s/ \b\f\n\r\t \u00e9\u20ac\U0001F600.", json.StringValue());
        Assert.Equal(JsonToken.End, json.Next());
    }

    [Fact]
    public void Utf8_of_every_length_is_decoded_and_counted_in_utf16_units()
    {
        string text = "a\u00e9\u20ac\U0001F600\U0010FFFF";
        var json = Json("\"" + text + "\"");
        Assert.Equal(JsonToken.String, json.Next());
        Assert.Equal(text, json.StringValue());
        Assert.Equal(text.Length, json.StringLength);   // 1 + 1 + 1 + 2 + 2
        Assert.True(json.StringEquals(text));
        Assert.False(json.StringEquals(text[..^1] + "x"));
        Assert.False(json.StringEquals(text + "x"));
    }

    // A long string with characters of every width, read through a character buffer that starts small.
    [Fact]
    public void A_string_longer_than_the_first_buffer_is_kept_whole()
    {
        var b = new StringBuilder();
        for (int i = 0; i < 300; i++) b.Append((i % 4) switch { 0 => "a", 1 => "\u00e9", 2 => "\U0001F600", _ => "\u20ac" });
        string text = b.ToString();
        var json = Json(Encoding.UTF8.GetBytes("[\"" + text + "\",\"\U0001F600\"]"), initialChars: 1);
        Assert.Equal(JsonToken.BeginArray, json.Next());
        Assert.Equal(JsonToken.String, json.Next());
        Assert.Equal(text, json.StringValue());
        Assert.Equal(JsonToken.String, json.Next());
        Assert.Equal("\U0001F600", json.StringValue());

        json = Json(Encoding.UTF8.GetBytes("\"a\U0001F600\""), initialChars: 1);   // one char, then a pair: the buffer must more than double
        Assert.Equal(JsonToken.String, json.Next());
        Assert.Equal("a\U0001F600", json.StringValue());
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]               // overlong NUL
    [InlineData(new byte[] { 0xC1, 0xBF })]               // overlong 0x7F
    [InlineData(new byte[] { 0xE0, 0x80, 0x80 })]         // overlong three bytes
    [InlineData(new byte[] { 0xF0, 0x80, 0x80, 0x80 })]   // overlong four bytes
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]         // a surrogate, U+D800
    [InlineData(new byte[] { 0xED, 0xBF, 0xBF })]         // a surrogate, U+DFFF
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]   // above U+10FFFF
    [InlineData(new byte[] { 0x80 })]                     // a lone continuation byte
    [InlineData(new byte[] { 0xF8, 0x80, 0x80, 0x80 })]   // no such lead byte
    [InlineData(new byte[] { 0xC3, 0x41 })]               // a lead byte without its continuation
    [InlineData(new byte[] { 0xE2, 0x82, 0x41 })]
    public void Invalid_utf8_is_refused_at_its_first_byte(byte[] sequence)
    {
        byte[] bytes = [.. "[\"ok\",\"ab"u8, .. sequence, .. "\"]"u8];
        var json = ReadAll(Json(bytes));
        Assert.Equal(PackageError.Syntax, json.Error);
        Assert.Equal("invalid UTF-8", json.ErrorMessage);
        Assert.Equal(9, json.ErrorOffset);
    }

    [Theory]
    [InlineData(new byte[] { 0xED, 0x9F, 0xBF }, "\uD7FF")]         // just below the surrogates
    [InlineData(new byte[] { 0xEE, 0x80, 0x80 }, "\uE000")]         // just above them
    [InlineData(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, "\U0010FFFF")]
    [InlineData(new byte[] { 0xC2, 0x80 }, "\u0080")]               // the smallest two-byte form
    [InlineData(new byte[] { 0xE0, 0xA0, 0x80 }, "\u0800")]
    [InlineData(new byte[] { 0xF0, 0x90, 0x80, 0x80 }, "\U00010000")]
    public void Utf8_at_the_edges_of_its_ranges_is_accepted(byte[] sequence, string expected)
    {
        byte[] bytes = [.. "\""u8, .. sequence, .. "\""u8];
        var json = Json(bytes);
        Assert.Equal(JsonToken.String, json.Next());
        Assert.Equal(expected, json.StringValue());
    }

    [Fact]
    public void A_truncated_utf8_sequence_is_refused_as_truncated()
    {
        var json = ReadAll(Json(new byte[] { (byte)'"', 0xE2, 0x82 }));
        Assert.Equal(PackageError.Truncated, json.Error);
        Assert.Equal(3, json.ErrorOffset);
    }

    [Fact]
    public void A_string_limit_counts_utf16_units_and_applies_to_the_next_string_only()
    {
        var json = Json("[\"abc\",\"abcd\"]");
        Assert.Equal(JsonToken.BeginArray, json.Next());
        json.StringLimit = 3;
        Assert.Equal(JsonToken.String, json.Next());   // exactly the limit
        Assert.Equal(JsonToken.String, json.Next());   // the limit is back to the default
        Assert.Equal(JsonToken.EndArray, json.Next());

        json = Json("[\"a\U0001F600\",\"\U0001F600\"]");
        Assert.Equal(JsonToken.BeginArray, json.Next());
        json.StringLimit = 2;
        Assert.Equal(JsonToken.Error, json.Next());    // 1 + 2 units
        Assert.Equal(PackageError.TooLarge, json.Error);
        Assert.Equal(1, json.ErrorOffset);             // where the string starts
        Assert.Equal("string longer than 2 characters", json.ErrorMessage);

        json = Json("[\"\U0001F600\"]");
        Assert.Equal(JsonToken.BeginArray, json.Next());
        json.StringLimit = 2;
        Assert.Equal(JsonToken.String, json.Next());
    }

    [Fact]
    public void Numbers_are_whole_and_bounded_to_eighteen_digits()
    {
        var json = Json("[0,-7,123456789012345678,-0, 42 ]");
        long[] expected = { 0, -7, 123456789012345678, 0, 42 };
        Assert.Equal(JsonToken.BeginArray, json.Next());
        foreach (long n in expected)
        {
            Assert.Equal(JsonToken.Number, json.Next());
            Assert.Equal(n, json.Number);
        }
        Assert.Equal(JsonToken.EndArray, json.Next());
        Assert.Equal(JsonToken.End, json.Next());
    }

    [Theory]
    [InlineData("[1,01]", PackageError.Syntax, 3, "a number must not start with 0")]
    [InlineData("[1,-01]", PackageError.Syntax, 3, "a number must not start with 0")]
    [InlineData("[1,1234567890123456789]", PackageError.BadValue, 3, "number too long")]
    [InlineData("[1,1.5]", PackageError.BadValue, 3, "only whole numbers are allowed")]
    [InlineData("[1,2e3]", PackageError.BadValue, 3, "only whole numbers are allowed")]
    [InlineData("[1,2E3]", PackageError.BadValue, 3, "only whole numbers are allowed")]
    [InlineData("[1,-x]", PackageError.Syntax, 3, "expected digits")]
    [InlineData("[1,-", PackageError.Truncated, 4, "the document ends early")]
    [InlineData("[1,tru", PackageError.Truncated, 6, "the document ends early")]
    [InlineData("[1,trux]", PackageError.Syntax, 3, "expected a value")]
    [InlineData("[1,nul]", PackageError.Syntax, 3, "expected a value")]
    [InlineData("[1,fals]", PackageError.Syntax, 3, "expected a value")]
    [InlineData("[1,x]", PackageError.Syntax, 3, "expected a value")]
    [InlineData("[1,]", PackageError.Syntax, 3, "expected a value")]
    [InlineData("[1 2]", PackageError.Syntax, 3, "expected ',' or the end of the array")]
    [InlineData("{\"a\":1 \"b\":2}", PackageError.Syntax, 7, "expected ',' or the end of the object")]
    [InlineData("{\"a\":1]", PackageError.Syntax, 6, "expected ',' or the end of the object")]
    [InlineData("[1}", PackageError.Syntax, 2, "expected ',' or the end of the array")]
    [InlineData("{\"a\" 1}", PackageError.Syntax, 5, "expected ':'")]
    [InlineData("{1:2}", PackageError.Syntax, 1, "expected a member name in quotes")]
    [InlineData("{\"a\":1,}", PackageError.Syntax, 7, "expected a member name in quotes")]
    [InlineData("[] []", PackageError.Syntax, 3, "text after the end of the document")]
    [InlineData("[[", PackageError.Truncated, 2, "the document ends early")]
    [InlineData("", PackageError.Truncated, 0, "the document ends early")]
    [InlineData("\"ab\\x\"", PackageError.Syntax, 4, "unknown escape in a string")]
    [InlineData("\"ab\\u12G4\"", PackageError.Syntax, 7, "bad \\u escape")]
    [InlineData("\"ab\\u12", PackageError.Truncated, 7, "the document ends inside a string")]
    [InlineData("\"ab\\", PackageError.Truncated, 4, "the document ends inside a string")]
    [InlineData("\"ab", PackageError.Truncated, 3, "the document ends inside a string")]
    [InlineData("\"ab\u0001\"", PackageError.Syntax, 3, "control character in a string")]
    [InlineData("\"ab\u001f\"", PackageError.Syntax, 3, "control character in a string")]
    public void Malformed_json_is_refused_with_its_reason_where_it_goes_wrong(string text, PackageError error, int offset, string message)
    {
        var json = ReadAll(Json(text));
        Assert.Equal(error, json.Error);
        Assert.Equal(offset, json.ErrorOffset);
        Assert.Equal(message, json.ErrorMessage);
        Assert.Equal(JsonToken.Error, json.Next());   // sticky
    }

    [Fact]
    public void Literals_whitespace_and_empty_containers_are_read()
    {
        var json = Json(" \t\r\n{ \"t\" : true ,\"f\":false,\"n\":null,\"o\":{},\"a\":[ ] }\r\n");
        var tokens = new List<JsonToken>();
        JsonToken t;
        while ((t = json.Next()) != JsonToken.End && t != JsonToken.Error) tokens.Add(t);
        Assert.Equal(JsonToken.End, t);
        Assert.Equal(new[]
        {
            JsonToken.BeginObject,
            JsonToken.PropertyName, JsonToken.True, JsonToken.PropertyName, JsonToken.False, JsonToken.PropertyName, JsonToken.Null,
            JsonToken.PropertyName, JsonToken.BeginObject, JsonToken.EndObject,
            JsonToken.PropertyName, JsonToken.BeginArray, JsonToken.EndArray,
            JsonToken.EndObject,
        }, tokens);
    }

    [Fact]
    public void The_first_error_is_the_one_reported()
    {
        var json = ReadAll(Json("[1 2]"));
        json.Fail(PackageError.BadValue, 0, "later");
        Assert.Equal(PackageError.Syntax, json.Error);
        Assert.Equal(3, json.ErrorOffset);
    }
}
