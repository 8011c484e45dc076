// The device's table engine against the reference interpreter: random rulesets and random traces
// (with connection tracking), compared on every verdict and deciding rule, every rule's counters and
// the whole address-list state. Deterministic in CI (fixed seeds); a failure prints the CsCheck seed
// that reproduces it. GATEWAY_DIFF_CASES sets how many cases run (default 3000).
using CsCheck;
using Gateway.Core.Model;
using Gateway.Rules.Packaging;
using Gateway.Rules.Reference;
using Gateway.Rules.Replay;
using Gateway.Core.Package;

namespace Gateway.Differential.Tests;

public class EngineMatchesReferenceTests
{
    private static int CaseCount => int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_DIFF_CASES"), out int n) ? n : 3000;

    private static void Check(Case c)
    {
        var valid = RuleSetValidator.Validate(c.Rules);
        Assert.True(valid.IsOk, "generator made an invalid ruleset: " + valid);
        var table = new TraceRunner(new TableFirewall(c.Rules));
        var reference = new TraceRunner(new ReferenceFirewall(c.Rules));
        foreach (var p in c.Trace)
        {
            var a = table.Step(p);
            var b = reference.Step(p);
            if (a != b) throw new InvalidOperationException($"packet {VerdictLine.Format(p, b)} (flags {p.Flags}, iface {p.Iface}, out {p.OutIface}, len {p.Len}): table {a}, reference {b}");
            var listsA = table.Firewall.ListEntries(p.T);
            var listsB = reference.Firewall.ListEntries(p.T);
            if (!listsA.SequenceEqual(listsB))
                throw new InvalidOperationException($"after t={p.T}: lists differ\ntable:     {string.Join(" | ", listsA)}\nreference: {string.Join(" | ", listsB)}");
        }
        foreach (var family in new[] { Family.Ipv4, Family.Ipv6 })
        {
            var f = c.Rules.Of(family);
            for (int i = 0; i < f.RuleCount; i++)
            {
                var rule = f.RuleAt(i);
                int index = f.IndexInChain(i);
                var ca = table.Firewall.Counters(family, rule.Chain, index);
                var cb = reference.Firewall.Counters(family, rule.Chain, index);
                if (ca != cb) throw new InvalidOperationException($"{family} {rule.Chain} rule {index}: table counters {ca}, reference {cb}");
            }
        }
    }

    private static string Print(Case c) => PackageBuilder.Explain(c.Rules) + "\ntrace:\n" + string.Join("\n", c.Trace.Select(p => $"{VerdictLine.Format(p, new Outcome("?", p.Chain, null))} flags={p.Flags} iface={p.Iface} out={p.OutIface} len={p.Len}"));

    [Fact]
    public void The_table_engine_agrees_with_the_reference_on_random_rules_and_traces()
    {
        // One CsCheck sample per fixed seed: every run checks the same cases, and a failure names its seed.
        for (int i = 0; i < CaseCount; i++)
        {
            string seed = new PCG((uint)i, 20261125UL).ToString();
            Generators.Cases.Sample(Check, seed: seed, iter: 1, threads: 1, print: Print);
        }
    }

    [Fact]
    public void The_generator_reaches_every_action_and_verdict()
    {
        var actions = new HashSet<RuleAction>();
        var verdicts = new HashSet<string>();
        ForEachCase(300, 7UL, c =>
        {
            for (int k = 0; k < c.Rules.Ipv4.RuleCount; k++) lock (actions) actions.Add(c.Rules.Ipv4.RuleAt(k).Action);
            for (int k = 0; k < c.Rules.Ipv4.Raw.RuleCount; k++) lock (actions) actions.Add(c.Rules.Ipv4.Raw.RuleAt(k).Action);
            var runner = new TraceRunner(new TableFirewall(c.Rules));
            foreach (var p in c.Trace)
            {
                var o = runner.Step(p);
                lock (verdicts) verdicts.Add(o.Verdict + (o.Rule == null ? "-none" : ""));
                if (o.Chain is "prerouting" && o.Verdict == "drop") lock (verdicts) verdicts.Add("drop-raw");
            }
        });
        Assert.Equal(Enum.GetValues<RuleAction>().Length, actions.Count);
        Assert.Superset(new HashSet<string> { "accept", "drop", "reject", "accept-none", "drop-raw" }, verdicts);
    }
    [Fact]
    public void The_generator_makes_every_rarer_matcher_appear_and_let_packets_through()
    {
        // A matcher that never lets a packet through would leave its engines' agreement untested.
        var matched = new HashSet<string>();
        var present = new HashSet<string>();
        ForEachCase(400, 13UL, c =>
        {
            var runner = Replayed(c);
            var f = c.Rules.Ipv4;
            for (int k = 0; k < f.RuleCount; k++)
            {
                var rule = f.RuleAt(k);
                if (rule.IsDisabled) continue;
                var words = new Words();
                RuleProperties.Write(rule, words);
                bool counted = Matched(runner, f, k);
                foreach (var name in words.Names.Where(Generators.RarerMatchers.Contains))
                {
                    lock (present) present.Add(name);
                    if (counted) lock (matched) matched.Add(name);
                }
            }
        });
        Assert.Equal(Generators.RarerMatchers.Order(), present.Order());
        // (src-mac-address lets packets through only as !MAC: no packet shows a MAC.)
        Assert.Equal(Generators.RarerMatchers.Order(), matched.Order());
    }

    // Runs check on count generated cases of one PCG stream, one at a time.
    private static void ForEachCase(int count, ulong stream, Action<Case> check)
    {
        for (int i = 0; i < count; i++) Generators.Cases.Sample(check, seed: new PCG((uint)i, stream).ToString(), iter: 1, threads: 1);
    }

    // The case's trace run through the table engine.
    private static TraceRunner Replayed(Case c)
    {
        var runner = new TraceRunner(new TableFirewall(c.Rules));
        foreach (var p in c.Trace) runner.Step(p);
        return runner;
    }

    private static bool Matched(TraceRunner runner, FamilyRules f, int k)
        => runner.Firewall.Counters(f.Family, f.RuleAt(k).Chain, f.IndexInChain(k)).Packets > 0;

    private sealed class Words : IPropertyWriter
    {
        public List<string> Names { get; } = new();
        public void Put(string name, string value) => Names.Add(name);
    }

    [Fact]
    public void The_generator_makes_psd_rules_match()
    {
        int cases = 0;
        ForEachCase(2000, 11UL, c =>
        {
            var runner = Replayed(c);
            var f = c.Rules.Ipv4;
            for (int k = 0; k < f.RuleCount; k++)
            {
                var rule = f.RuleAt(k);
                if (rule.PsdWeightThreshold != 0 && !rule.IsDisabled && Matched(runner, f, k)) { cases++; return; }
            }
        });
        // About 1 case in 150: the 3,000 differential cases hold some 20 where psd matches.
        Assert.True(cases >= 8, $"psd matched in only {cases} of 2000 cases");
    }

    // psd with more sources than a detector has records (oldest reused first), ports on both sides of 1024,
    // ACK and RST packets, gaps around the delay threshold: the engine's detector and the reference's agree
    // on every verdict and on the rule's counters.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Psd_agrees_with_the_reference_when_sources_outnumber_the_records(int seed)
    {
        var random = new Random(seed);
        var set = new RuleSet();
        foreach (var text in new[] { "psd=6,2s,3,1 action=add-src-to-address-list address-list=scanners address-list-timeout=1m", "src-address-list=scanners action=drop" })
        {
            var rule = new Rule { Chain = "input" };
            foreach (var word in text.Split(' '))
            {
                var (name, value) = (word[..word.IndexOf('=')], word[(word.IndexOf('=') + 1)..]);
                Assert.Equal(PropertyError.None, RuleProperties.Set(rule, Family.Ipv4, name, value, out string error));
            }
            set.Ipv4.AddRule(rule);
        }
        var table = new TraceRunner(new TableFirewall(set));
        var reference = new TraceRunner(new ReferenceFirewall(set));
        int sources = Gateway.Core.Capacity.PsdSources * 2;
        string[] flags = { "S", "S", "S", "A", "R", "SA", "" };
        long t = 0;
        int matched = 0;
        int source = 0, burst = 0;
        for (int i = 0; i < 20_000; i++)
        {
            // Bursts of up to 8 packets from one source, sources drawn from twice as many as there are records.
            if (burst-- == 0) { source = random.Next(sources); burst = random.Next(8); }
            t += random.Next(4) == 0 ? random.Next(1_500, 2_500) : random.Next(0, 60);
            var p = new TracePacket
            {
                T = t,
                Src = $"198.51.100.{source + 1}",
                Dst = "192.0.2.1",
                Proto = random.Next(5) == 0 ? "udp" : "tcp",
                Sport = 40000,
                Dport = random.Next(2) == 0 ? random.Next(1, 1100) : random.Next(1, 40),
                Flags = flags[random.Next(flags.Length)],
                Chain = "input",
                Iface = "ether1",
                Len = 60,
            };
            var a = table.Step(p);
            var b = reference.Step(p);
            Assert.True(a == b, $"packet {i} ({p.Src} {p.Proto} {p.Dport} {p.Flags} t={t}): table {a}, reference {b}");
            if (a.Verdict == "drop") matched++;
        }
        Assert.Equal(reference.Firewall.Counters(Family.Ipv4, "input", 0), table.Firewall.Counters(Family.Ipv4, "input", 0));
        Assert.True(matched > 100, $"the scanners list dropped only {matched} packets: psd hardly matched");
    }
}
