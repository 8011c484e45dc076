// Everything `gateway bench` measures, in one process and one run: the engines on the rules file's own
// knock traffic, the table engine's scaling with rule count and with list size, and the bytes a list entry
// costs. Figures go into one JSON document (BenchReport prints it as a table too).
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Gateway.Core.AddressLists;
using Gateway.Core.Model;
using Gateway.Core.Tables;
using Gateway.Host.RouterOs;

namespace Gateway.Cli.Bench;

/// <param name="WarmupMs">Least warm-up time per engine (see Interleaved).</param>
internal sealed record BenchOptions(int Decisions, int Sources, int Warmups, int Repetitions, int WarmupMs = Interleaved.DefaultWarmupMs);

internal static class BenchSuite
{
    /// <summary>Rule counts the scaling runs use: the recipe's rules after non-matching fillers.</summary>
    public static readonly int[] RuleCounts = { 4, 16, 64, 128, 256 };
    /// <summary>Live list entries the list-size runs use: up to the largest board's IPv4 capacity (4,096).</summary>
    public static readonly int[] EntryCounts = { 100, 1000, 4096 };

    // Room for the largest scaling run (256 rules and the recipe's own).
    private static TableLimits Roomy(int ipv4Entries = Gateway.Core.Capacity.DefaultIpv4ListEntries)
        => new() { MaxRules = 512, MaxPortRanges = 1024, MaxAddressMatchers = 512, Ipv4ListEntries = ipv4Entries };

    /// <param name="progress">Where each phase is announced as it starts (a bench takes minutes), or null.</param>
    public static JsonObject Run(string file, Func<RuleSet> load, KnockRecipe recipe, BenchOptions o, TextWriter? progress = null)
    {
        void Phase(int n, string what)
        {
            progress?.WriteLine($"bench: {n}/5 {what} ({o.Warmups}+ warm-up runs of at least {o.WarmupMs} ms, then {o.Repetitions} timed runs of {o.Decisions:N0} decisions, interleaved)");
            progress?.Flush();
        }
        Phase(1, "the five engines on the recipe's traffic");
        RuleSet rules = load();
        var workload = Workload.Generate(recipe, o.Decisions, o.Sources);
        var table = new TableEngine(rules, Roomy());
        using var jint = new JintEngine();
        var engines = new IBenchEngine[] { table, new DictionaryEngine(), jint, new ReferenceEngine(rules), new StoreEngine(recipe, Roomy().Ipv4ListEntries) };
        var samples = Interleaved.Measure(engines, workload, o);
        var lists = table.Engine.Table.Ipv4Lists;
        double steps = table.Engine.Steps / (double)workload.Count;

        var engineJson = new JsonObject();
        foreach (var s in samples)
        {
            var e = new JsonObject { ["nsPerDecision"] = Round(s.NsPerDecision), ["bytesPerDecision"] = Round(s.BytesPerDecision), ["accepted"] = s.Accepted };
            if (s.Name == "table") e["stepsPerDecision"] = Round(steps);
            engineJson[s.Name] = e;
        }
        double tableNs = samples[0].NsPerDecision;

        Phase(2, "rule count, fillers on other ports");
        var byRules = ScaleRules(load, recipe, o, Filler.OtherPort);
        Phase(3, "rule count, fillers for other sources");
        var byRulesNoPorts = ScaleRules(load, recipe, o, Filler.OtherSource);
        Phase(4, "rule count, fillers on source ports (not indexed)");
        var byRulesUnindexed = ScaleRules(load, recipe, o, Filler.SourcePort);
        Phase(5, "list size");
        var byEntries = ScaleEntries(load, recipe, o);
        return new JsonObject
        {
            ["workload"] = new JsonObject
            {
                ["build"] = BuildKind.Of(typeof(Gateway.Core.Engine.FilterEngine).Assembly),
                ["rules"] = file,
                ["ipv4Rules"] = rules.Ipv4.RuleCount,
                ["decisions"] = workload.Count,
                ["distinctSources"] = workload.DistinctSources,
                ["knockingSources"] = workload.Knockers,
                ["knockPorts"] = new JsonArray(recipe.Ports.Select(p => (JsonNode)p).ToArray()),
                ["servicePort"] = recipe.ServicePort is int port ? port : "any",
                ["listInserts"] = lists.Inserts,
                ["listRefreshes"] = lists.Refreshes,
                ["listEvictions"] = lists.Evictions,
                ["listCapacity"] = lists.Capacity,
                ["warmupRuns"] = o.Warmups,
                ["repetitions"] = o.Repetitions,
            },
            ["engines"] = engineJson,
            ["ratios"] = new JsonObject
            {
                ["dictionaryOverTable"] = Round(samples[1].NsPerDecision / tableNs),
                ["jintOverTable"] = Round(samples[2].NsPerDecision / tableNs),
                ["referenceOverTable"] = Round(samples[3].NsPerDecision / tableNs),
                ["storeOverTable"] = Round(samples[4].NsPerDecision / tableNs),
                ["rules256OverRules4"] = Round(Ns(byRules, 256) / Ns(byRules, 4)),
                ["rulesWithoutPorts256OverRules4"] = Round(Ns(byRulesNoPorts, 256) / Ns(byRulesNoPorts, 4)),
                ["rulesNotIndexed256OverRules4"] = Round(Ns(byRulesUnindexed, 256) / Ns(byRulesUnindexed, 4)),
            },
            ["scaling"] = new JsonObject
            {
                ["rules"] = byRules,
                ["rulesWithoutPorts"] = byRulesNoPorts,
                ["rulesNotIndexed"] = byRulesUnindexed,
                ["entries"] = byEntries,
            },
            ["memory"] = new JsonObject
            {
                ["bytesPerIpv4Entry"] = Round(MeasuredEntryBytes(Family.Ipv4)),
                ["bytesPerIpv6Entry"] = Round(MeasuredEntryBytes(Family.Ipv6)),
                ["tableBytes"] = table.Engine.Table.TableBytes,
                ["indexBytes"] = table.Engine.Table.Ipv4.Index.Bytes + table.Engine.Table.Ipv6.Index.Bytes,
            },
            ["machine"] = new JsonObject
            {
                ["runtime"] = RuntimeInformation.FrameworkDescription,
                ["os"] = RuntimeInformation.OSDescription,
                ["processors"] = Environment.ProcessorCount,
            },
        };
    }

    private enum Filler { OtherPort, OtherSource, SourcePort }

    // The table engine with non-matching rules before the recipe's: tcp rules for other ports (the port index
    // skips them), rules on another source address alone (the source gate skips them), or tcp rules on a
    // source port the traffic never uses (nothing indexes source ports: every packet visits them).
    private static JsonArray ScaleRules(Func<RuleSet> load, KnockRecipe recipe, BenchOptions o, Filler kind)
    {
        var workload = Workload.Generate(recipe, o.Decisions, o.Sources, seed: 2);
        var engines = new List<TableEngine>();
        foreach (int count in RuleCounts)
        {
            RuleSet rules = load();
            int fillers = Math.Max(0, count - rules.Ipv4.RuleCount);
            var text = new System.Text.StringBuilder("/ip firewall filter\n");
            for (int i = 0; i < fillers; i++)
                text.Append(kind switch
                {
                    Filler.OtherPort => $"add chain=input protocol=tcp dst-port={20000 + i} action=accept\n",   // no source address: the gate would skip it
                    Filler.OtherSource => $"add chain=input src-address=198.51.100.{i % 250 + 1} action=accept\n",
                    _ => $"add chain=input protocol=tcp src-port={1000 + i} action=accept\n",   // the workload's source ports are 32768 and up
                });
            var filler = new RuleSet();
            var error = new RouterOsImporter(filler).Import(text.ToString());
            if (error != null) throw new InvalidOperationException("filler rules: " + error);
            for (int i = fillers - 1; i >= 0; i--) rules.Ipv4.InsertRule(0, filler.Ipv4.RuleAt(i));
            engines.Add(new TableEngine(rules, Roomy()));
        }
        var samples = Interleaved.Measure(engines, workload, o);
        var result = new JsonArray();
        for (int i = 0; i < RuleCounts.Length; i++)
            result.Add(new JsonObject
            {
                ["rules"] = RuleCounts[i],
                ["nsPerDecision"] = Round(samples[i].NsPerDecision),
                ["stepsPerDecision"] = Round(engines[i].Engine.Steps / (double)workload.Count),
            });
        return result;
    }

    // The table engine with the first knock step's list holding this many live entries (sources the traffic
    // never uses, timeouts of a day), so every lookup probes a table of that size.
    private static JsonArray ScaleEntries(Func<RuleSet> load, KnockRecipe recipe, BenchOptions o)
    {
        var workload = Workload.Generate(recipe, o.Decisions, o.Sources, seed: 3);
        var engines = new List<IBenchEngine>();
        foreach (int count in EntryCounts)
        {
            RuleSet rules = load();
            var table = new TableEngine(rules, Roomy(count + 2 * o.Sources));
            engines.Add(new PrefilledTable(table, count));
        }
        var samples = Interleaved.Measure(engines, workload, o);
        var result = new JsonArray();
        for (int i = 0; i < EntryCounts.Length; i++)
            result.Add(new JsonObject { ["entries"] = EntryCounts[i], ["nsPerDecision"] = Round(samples[i].NsPerDecision) });
        return result;
    }

    private sealed class PrefilledTable(TableEngine table, int entries) : IBenchEngine
    {
        public string Name => entries.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void Reset()
        {
            table.Reset();
            var lists = table.Engine.Table.Ipv4Lists;
            int list = 0;
            var address = new uint[1];
            for (int i = 0; i < entries; i++)
            {
                address[0] = 0xAC100000u + (uint)i;   // 172.16.0.0/12: never a workload source
                lists.AddFromRule(list, address, 0, ListTimeoutKind.Timed, 86_400_000, 0);
            }
        }

        public int Run(Workload w) => table.Run(w);
    }

    // What one more entry costs on the heap: two stores' allocations, differenced. Each the least of three tries:
    // a collection another thread triggers meanwhile can shift this thread's count (see Interleaved).
    private static double MeasuredEntryBytes(Family family)
    {
        static long Allocated(Family f, int capacity)
        {
            long least = long.MaxValue;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                GC.KeepAlive(new AddressListStore(f, capacity, 0, 4));
                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return least;
        }
        Allocated(family, 8);
        return (Allocated(family, 4096) - Allocated(family, 1024)) / 3072.0;
    }

    private static double Ns(JsonArray scaling, int rules)
        => scaling.First(n => (int)n!["rules"]! == rules)!["nsPerDecision"]!.GetValue<double>();

    private static double Round(double value) => Math.Round(value, 3);
}
