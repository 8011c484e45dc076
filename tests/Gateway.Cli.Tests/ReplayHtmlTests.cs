// gateway replay --html (issue 29, item 3): the report's analysis (knock sequences found in the rules, list
// memberships as spans, where each source's sequence broke) and the page itself, rendered by Debian's
// Chromium headless through Playwright: elements per source, bars, the marked failures, a list of the
// busiest sources when there are thousands, no request leaving the file; a screenshot is kept in artifacts/.
using System.Globalization;
using System.Text;
using Gateway.Cli.Commands;
using Gateway.Rules.Replay;
using Microsoft.Playwright;

namespace Gateway.Cli.Tests;

[Collection(ConsoleGroup.Name)]   // writes to Console.Error, which other classes capture
public sealed class ReplayHtmlTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string _dir = Directory.CreateTempSubdirectory("gateway-replay-html-").FullName;

    // A plain three-step recipe, as RouterOS users write it (no sweep-proofing): 1111, 2222, 3333 -> secure.
    private const string Rules =
        "/ip firewall filter\n" +
        "add chain=input protocol=tcp dst-port=1111 action=add-src-to-address-list address-list=s1 address-list-timeout=10s\n" +
        "add chain=input protocol=tcp dst-port=2222 src-address-list=s1 action=add-src-to-address-list address-list=s2 address-list-timeout=10s\n" +
        "add chain=input protocol=tcp dst-port=3333 src-address-list=s2 action=add-src-to-address-list address-list=secure address-list-timeout=1m\n" +
        "add chain=input protocol=tcp dst-port=22 src-address-list=secure action=accept\n" +
        "add chain=input action=drop\n";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Four sources the test knows, and `noise` sources that each send one packet to port 80.
    private (string Rules, string Trace) Write(int noise)
    {
        var packets = new List<(long T, string Src, int Port)>
        {
            (0, "203.0.113.1", 1111), (1_000, "203.0.113.1", 2222), (2_000, "203.0.113.1", 3333), (3_000, "203.0.113.1", 22),   // granted
            (0, "203.0.113.2", 1111), (1_000, "203.0.113.2", 3333), (1_500, "203.0.113.2", 22),                                  // wrong order
            (0, "203.0.113.3", 1111), (1_000, "203.0.113.3", 2222), (15_000, "203.0.113.3", 3333),                               // 2222's window ran out
            (19_000, "203.0.113.4", 1111),                                                                                        // unfinished
            (0, "203.0.113.5", 1111), (500, "203.0.113.5", 1111),                          // a repeated step is no wrong order: its window ran out
        };
        for (int i = 0; i < noise; i++) packets.Add((100 + i, $"198.51.{100 + i / 250}.{1 + i % 250}", 80));
        var trace = new StringBuilder();
        int sport = 40000;
        foreach (var (t, src, port) in packets.OrderBy(p => p.T))
            trace.Append(CultureInfo.InvariantCulture, $"{{\"t\":{t},\"src\":\"{src}\",\"dst\":\"192.0.2.1\",\"proto\":\"tcp\",\"sport\":{sport++},\"dport\":{port}}}\n");
        string rules = Path.Combine(_dir, "three-step.rsc"), tracePath = Path.Combine(_dir, "knocks.jsonl");
        File.WriteAllText(rules, Rules);
        File.WriteAllText(tracePath, trace.ToString());
        return (rules, tracePath);
    }

    private string Replay(int noise)
    {
        var (rules, trace) = Write(noise);
        string html = Path.Combine(_dir, "replay.html");
        Assert.Equal(0, ReplayCommand.Run(rules, trace, "table", null, TextWriter.Null, html));
        return html;
    }

    [Fact]
    public void The_report_finds_the_sequence_the_spans_and_where_each_source_broke()
    {
        var (rules, trace) = Write(0);
        var loaded = Gateway.Rules.RulesFile.Load(rules).Rules!;
        var recipe = Assert.Single(ReplayReport.FindRecipes(loaded.RuleSet));
        Assert.Equal("secure", recipe.Name);
        Assert.Equal(new[] { 1111, 2222, 3333 }, recipe.Steps.Select(s => s.Port));
        Assert.Null(recipe.BurnedList);

        string page = File.ReadAllText(Replay(0));
        Assert.Equal(2, Count(page, "</script>"));   // the data cannot close its element
        Assert.DoesNotContain("src=\"http", page);
        Assert.DoesNotContain("href=\"http", page);
        Assert.Contains("\"reason\":\"wrong-order\",\"detail\":\"port 3333 after step 1; the next step is port 2222\"", page);
        Assert.Contains("\"reason\":\"timeout\",\"detail\":\"step 2\\u0027s window ended before port 3333 came\"", page);
        Assert.Contains("\"reason\":\"unfinished\",\"detail\":\"stopped after step 1: no packet to port 2222\"", page);
        Assert.Contains("\"address\":\"203.0.113.5\",\"packets\":[{\"t\":0,", page);
        Assert.Contains("\"failures\":[{\"recipe\":\"secure\",\"afterStep\":1,\"t\":10500,\"reason\":\"timeout\"", page);   // refreshed at 0.5 s
        Assert.Equal(1, Count(page, "\"reason\":\"wrong-order\""));
        // 203.0.113.1's memberships: s1 and s2 for their 10 s windows, secure for a minute, each from its knock.
        Assert.Contains("\"memberships\":[{\"list\":\"s1\",\"from\":0,\"until\":10000},{\"list\":\"s2\",\"from\":1000,\"until\":11000},{\"list\":\"secure\",\"from\":2000,\"until\":62000}]", page);
    }

    [Fact]
    public void A_list_name_cannot_inject_markup_into_the_page()
    {
        string rules = Path.Combine(_dir, "hostile.rsc"), trace = Path.Combine(_dir, "one.jsonl"), html = Path.Combine(_dir, "hostile.html");
        File.WriteAllText(rules, "/ip firewall filter\nadd chain=input protocol=tcp dst-port=1 action=add-src-to-address-list address-list=\"</script><script>alert(1)</script>\" address-list-timeout=1m\nadd chain=input action=drop\n");
        File.WriteAllText(trace, "{\"t\":0,\"src\":\"203.0.113.9\",\"dst\":\"192.0.2.1\",\"proto\":\"tcp\",\"sport\":1000,\"dport\":1}\n");
        Assert.Equal(0, ReplayCommand.Run(rules, trace, "table", null, TextWriter.Null, html));
        string page = File.ReadAllText(html);
        Assert.Equal(2, Count(page, "</script>"));
        Assert.Contains("\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)", page);
    }

    [SkippableFact]
    public async Task Chromium_renders_each_source_its_bars_and_the_marked_failures()
    {
        RequireChromium();
        string html = Replay(noise: 3_000);   // 3,005 sources: the busiest 2,000 are listed
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1300, Height = 800 } });
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(html).AbsoluteUri);

        Assert.Equal(2_000, await page.Locator("#sources li.source").CountAsync());
        Assert.Equal("1005 more: filter to find them", await page.Locator("#more").TextContentAsync());
        Assert.Equal("203.0.113.1", await page.Locator("#sources li.source").First.GetAttributeAsync("data-address"));   // the busiest
        Assert.Equal(4, await page.Locator("#sources li.failed").CountAsync());

        // The granted source: four packets, bars for s1, s2 and the grant, its three steps; nothing broke.
        await page.Locator("li[data-address='203.0.113.1']").ClickAsync();
        Assert.Equal(4, await page.Locator("#timeline .packet").CountAsync());
        Assert.Equal(3, await page.Locator("#timeline .bar").CountAsync());
        Assert.Equal(1, await page.Locator("#timeline .bar.grant").CountAsync());
        Assert.Equal(3, await page.Locator("#timeline .step").CountAsync());
        Assert.Equal(0, await page.Locator("#timeline .failure").CountAsync());
        Assert.Equal(1, await page.Locator("#timeline .packet.accept").CountAsync());

        foreach (var (source, reason, packets) in new[] { ("203.0.113.2", "wrong-order", 3), ("203.0.113.3", "timeout", 3), ("203.0.113.4", "unfinished", 1) })
        {
            await page.Locator($"li[data-address='{source}']").ClickAsync();
            Assert.Equal(packets, await page.Locator("#timeline .packet").CountAsync());
            Assert.Equal(1, await page.Locator($"#timeline .failure[data-reason='{reason}']").CountAsync());
            Assert.Contains(reason, await page.Locator("#failures .failure-note").TextContentAsync());
        }
        await page.Locator("li[data-address='203.0.113.2']").ClickAsync();

        // A source beyond the listed 2,000 is found by the filter.
        await page.Locator("#filter").FillAsync("198.51.111.250");
        Assert.Equal(1, await page.Locator("#sources li.source").CountAsync());

        Directory.CreateDirectory(Repo.Path("artifacts"));
        await page.ScreenshotAsync(new() { Path = Repo.Path("artifacts", "replay-page.png"), FullPage = true });
        Assert.Empty(errors);
        Assert.Equal(new[] { new Uri(html).AbsoluteUri }, requests);   // nothing fetched but the page itself
    }

    [SkippableFact]
    public async Task Chromium_draws_the_seed_recipe_with_a_knock_that_opened_and_one_that_timed_out()
    {
        RequireChromium();
        // examples/seed.rsc, the built-in recipe: 9000, then 6000 within a minute, grants secure for a minute.
        string trace = Path.Combine(_dir, "seed.jsonl"), html = Path.Combine(_dir, "seed.html");
        File.WriteAllText(trace, string.Join("\n", new[]
        {
            "{\"t\":0,\"src\":\"203.0.113.7\",\"dst\":\"192.0.2.1\",\"proto\":\"tcp\",\"sport\":40001,\"dport\":9000}",
            "{\"t\":2000,\"src\":\"198.51.100.23\",\"dst\":\"192.0.2.1\",\"proto\":\"tcp\",\"sport\":51000,\"dport\":9000}",
            "{\"t\":4000,\"src\":\"203.0.113.7\",\"dst\":\"192.0.2.1\",\"proto\":\"tcp\",\"sport\":40002,\"dport\":6000}",
            "{\"t\":6000,\"src\":\"203.0.113.7\",\"dst\":\"192.0.2.1\",\"proto\":\"tcp\",\"sport\":40003,\"dport\":22}",
            "{\"t\":70000,\"src\":\"198.51.100.23\",\"dst\":\"192.0.2.1\",\"proto\":\"tcp\",\"sport\":51001,\"dport\":6000}",
            "{\"t\":71000,\"src\":\"198.51.100.23\",\"dst\":\"192.0.2.1\",\"proto\":\"tcp\",\"sport\":51002,\"dport\":22}",
        }) + "\n");
        Assert.Equal(0, ReplayCommand.Run(Repo.Path("examples", "seed.rsc"), trace, "table", null, TextWriter.Null, html));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1300, Height = 560 } });
        await page.GotoAsync(new Uri(html).AbsoluteUri);
        Assert.Equal(2, await page.Locator("#sources li.source").CountAsync());
        Assert.Equal(1, await page.Locator("#sources li.granted[data-address='203.0.113.7']").CountAsync());
        Assert.Equal(1, await page.Locator("#sources li.failed[data-address='198.51.100.23']").CountAsync());
        await page.Locator("li[data-address='203.0.113.7']").ClickAsync();
        Assert.Equal(2, await page.Locator("#timeline .bar").CountAsync());   // port:9000, then secure
        Assert.Equal(1, await page.Locator("#timeline .bar.grant").CountAsync());
        Assert.Equal(2, await page.Locator("#timeline .packet.accept").CountAsync());   // 6000 itself (added to secure, then accepted) and 22
        await page.Locator("li[data-address='198.51.100.23']").ClickAsync();
        Assert.Equal(1, await page.Locator("#timeline .failure[data-reason='timeout']").CountAsync());
        Assert.Contains("step 1's window ended before port 6000 came", await page.Locator("#failures").TextContentAsync());
        Directory.CreateDirectory(Repo.Path("artifacts"));
        await page.ScreenshotAsync(new() { Path = Repo.Path("artifacts", "replay-seed.png") });
    }

    private static void RequireChromium()
    {
        if (File.Exists(Chromium)) return;
        bool ci = Environment.GetEnvironmentVariable("CI") != null || Environment.GetEnvironmentVariable("ContinuousIntegrationBuild") == "true";
        Assert.False(ci, "chromium is missing: .ci/run must install Debian's chromium");
        Skip.If(true, "Debian's chromium is not installed (apt-get install chromium); the replay page is not rendered here");
    }

    private static Task<IBrowser> Launch(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    private static int Count(string text, string part)
    {
        int n = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
