// Hostile scripts end in one diagnostic with a position, never a .NET stack trace or an overrun limit
// (issue 8): brackets nested 50,000 deep, and a catastrophic regular expression.
namespace Gateway.Rules.Tests;

public partial class ScriptHostTests
{
    [Fact]
    public void Fifty_thousand_nested_parentheses_are_refused_where_the_limit_is_crossed()
    {
        string script = "filter.add({chain:'input', action:'drop'});\nlet x = " + new string('(', 50_000) + "1" + new string(')', 50_000) + ";\n";
        Assert.Equal("rules.js:2:" + (8 + 257) + ": script nests brackets deeper than the nesting limit (256)", Error(script));
    }

    [Fact]
    public void Brackets_in_strings_and_comments_do_not_count_towards_the_nesting_limit()
    {
        string deep = new string('(', 300);
        var loaded = Load($"// {deep}\n/* {deep} */\nconst s = '{deep}' + \"{deep}\" + `{deep}`;\nfilter.add({{chain:'input', action:'drop', comment: s.slice(0, 3)}});");
        Assert.Equal(1, loaded.RuleSet.Ipv4.RuleCount);
    }

    [Fact]
    public void Nesting_within_the_limit_still_runs()
    {
        var loaded = Load("const n = " + new string('(', 200) + "1" + new string(')', 200) + ";\nfilter.add({chain:'input', action:'drop'});");
        Assert.Equal(1, loaded.RuleSet.Ipv4.RuleCount);
    }

    [Fact]
    public void A_catastrophic_regular_expression_ends_at_the_regex_time_limit()
    {
        string script = "const s = 'a'.repeat(40) + '!';\nconst m = /(a+)+$/.test(s);\nfilter.add({chain:'input', action:'drop'});";
        Assert.Equal("rules.js:2:25: a regular expression exceeded its time limit (100 ms)", Error(script, new Gateway.Rules.Script.ScriptLimits { RegexTimeoutMs = 100 }));
    }
}
