// Test helpers that build RuleSets from RouterOS "name=value" words, through the same property
// tables the package reader uses, so tests read like the commands users type.

namespace Gateway.Core.Tests.Support;

internal static class Build
{
    private delegate PropertyError Setter(string name, string value, out string error);

    // Sets each name=value word through a property table, failing the test on the first it refuses.
    private static void SetAll(string words, Setter set)
    {
        foreach (var (name, value) in Words(words))
        {
            var e = set(name, value, out string error);
            Assert.True(e == PropertyError.None, $"{name}={value}: {error}");
        }
    }

    /// <summary>Adds a filter rule given as space-separated name=value words (values without spaces).</summary>
    public static Rule Filter(this RuleSet rules, string words, Family family = Family.Ipv4)
    {
        var rule = new Rule();
        SetAll(words, (string n, string v, out string e) => RuleProperties.Set(rule, family, n, v, out e));
        rules.Of(family).AddRule(rule);
        return rule;
    }

    /// <summary>Adds an SPA door (/spa add) given as name=value words.</summary>
    public static SpaDoor Spa(this RuleSet rules, string words)
    {
        var door = new SpaDoor();
        SetAll(words, (string n, string v, out string e) => SpaDoorProperties.Set(door, n, v, out e));
        rules.Spa.Add(door);
        return door;
    }

    public static ListEntry Entry(this RuleSet rules, string words, Family family = Family.Ipv4)
    {
        var entry = new ListEntry();
        SetAll(words, (string n, string v, out string e) => EntryProperties.Set(entry, family, n, v, out e));
        rules.Of(family).AddEntry(entry);
        return entry;
    }

    public static Forward Nat(this RuleSet rules, string words, Family family = Family.Ipv4)
    {
        var forward = new Forward();
        SetAll(words, (string n, string v, out string e) => ForwardProperties.Set(forward, family, n, v, out e));
        rules.Of(family).AddForward(forward);
        return forward;
    }

    /// <summary>Compiles with the given limits (defaults when null), failing the test if refused.</summary>
    public static Table Compile(RuleSet rules, TableLimits? limits = null, long nowMs = 0)
    {
        var result = TableLoader.Compile(rules, limits ?? new TableLimits(), nowMs, out Table? table);
        Assert.True(result.IsOk, result.ToString());
        return table!;
    }

    public static FilterEngine Engine(RuleSet rules, TableLimits? limits = null) => new(Compile(rules, limits));

    /// <summary>The seed recipe of routeros-semantics.md, as a RuleSet.</summary>
    public static RuleSet SeedRecipe()
    {
        var rules = new RuleSet();
        rules.Filter("chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m");
        rules.Filter("chain=input protocol=tcp dst-port=6000 src-address-list=port:9000 action=add-src-to-address-list address-list=secure address-list-timeout=1m");
        rules.Filter("chain=input src-address-list=secure action=accept");
        rules.Filter("chain=input action=drop");
        return rules;
    }

    public static byte[] PackageOf(RuleSet rules, string file = "rules.rsc", string text = "# test rules\n")
        => PackageWriter.Write(rules, file, text);

    private static IEnumerable<(string Name, string Value)> Words(string words)
    {
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = word.IndexOf('=');
            Assert.True(eq > 0, $"not name=value: {word}");
            yield return (word[..eq], word[(eq + 1)..]);
        }
    }
}
