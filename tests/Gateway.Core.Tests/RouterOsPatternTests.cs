// The console's `~` against .NET's regular expressions on the subset it takes (literals, '.', classes, '*',
// '+', '?', anchors, escapes): thousands of random patterns and texts must agree; the rest is refused by name.
using System.Text;
using System.Text.RegularExpressions;
using Gateway.Host.RouterOs;

namespace Gateway.Core.Tests;

public sealed class RouterOsPatternTests
{
    private static readonly string[] Atoms = { "a", "b", "c", ".", "[ab]", "[^a]", "[a-c]", "\\.", "-" };
    private static readonly string[] Repeats = { "", "", "*", "+", "?" };

    [Fact]
    public void Random_patterns_match_as_dotnet_regular_expressions_do()
    {
        var random = new Random(29);
        for (int round = 0; round < 5_000; round++)
        {
            var pattern = new StringBuilder();
            if (random.Next(3) == 0) pattern.Append('^');
            int atoms = random.Next(0, 5);
            for (int i = 0; i < atoms; i++) pattern.Append(Atoms[random.Next(Atoms.Length)]).Append(Repeats[random.Next(Repeats.Length)]);
            if (random.Next(3) == 0) pattern.Append('$');
            string text = new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => "abc.-x"[random.Next(6)]).ToArray());
            RouterOsPattern? compiled = RouterOsPattern.Compile(pattern.ToString(), out string error, out _);
            Assert.True(compiled != null, pattern + ": " + error);
            Assert.True(Regex.IsMatch(text, pattern.ToString(), RegexOptions.CultureInvariant) == compiled!.IsMatch(text), "/" + pattern + "/ on \"" + text + "\"");
        }
    }

    [Fact]
    public void A_pattern_that_backtracking_would_take_years_over_is_answered_in_one_pass()
    {
        // 40 x ".*" then "x" against a 500-character text without an x: a backtracking matcher tries about
        // C(540, 40) splits; stepping the set of positions takes 500 x 81 steps.
        string pattern = string.Concat(Enumerable.Repeat(".*", 40)) + "x";
        RouterOsPattern compiled = RouterOsPattern.Compile(pattern, out _, out _)!;
        Assert.False(compiled.IsMatch(new string('a', 500)));
        Assert.True(compiled.IsMatch(new string('a', 499) + "x"));
    }

    [Theory]
    [InlineData("a|b", "regular expression | (alternatives, groups, counted repeats) is not supported here", 1)]
    [InlineData("(ab)", "regular expression ( (alternatives, groups, counted repeats) is not supported here", 0)]
    [InlineData("a{2}", "regular expression { (alternatives, groups, counted repeats) is not supported here", 1)]
    [InlineData("*a", "regular expression * repeats nothing", 0)]
    [InlineData("a**", "regular expression * repeats nothing", 2)]
    [InlineData("[ab", "regular expression [ not closed", 0)]
    [InlineData("ab\\", "regular expression ends in \\", 2)]
    [InlineData("[[:digit:]]", "regular expression [: classes are not supported here; write the characters, e.g. [0-9]", 1)]
    [InlineData("a\\d", "regular expression \\d is not supported here; write a class, e.g. [0-9]", 1)]
    [InlineData("a^b", "regular expression ^ is taken only at the start", 1)]
    [InlineData("a$b", "regular expression $ is taken only at the end", 1)]
    public void What_it_does_not_take_is_refused_at_its_place(string pattern, string message, int at)
    {
        Assert.Null(RouterOsPattern.Compile(pattern, out string error, out int errorAt));
        Assert.Equal(message, error);
        Assert.Equal(at, errorAt);
    }
}
