// pull and edit say plainly what they return: the script as pushed, RouterOS commands pushed, the console's
// own commands after an edit there, or the built-in rules.
using Gateway.Cli.Commands;

namespace Gateway.Cli.Tests;

public class PullTests
{
    [Theory]
    [InlineData("rules.js", "rules.js: the script pushed last, as pushed")]
    [InlineData("seed.rsc", "seed.rsc: the RouterOS commands pushed last, as pushed")]
    [InlineData("console.rsc", "console.rsc: RouterOS commands the gateway's console wrote after an edit there")]
    [InlineData("", "default.rsc: the built-in rules")]
    public void A_pulled_source_says_what_it_is(string file, string said) => Assert.StartsWith(said, PullCommand.Describe(file));
}
