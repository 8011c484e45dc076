// A replay seen per source address, for `gateway replay --html`: each source's packets with their verdicts,
// its address-list memberships as spans from add to expiry (refreshes extend them), the knock recipes found
// in the rules (a chain of add-src-to-address-list steps, each needing the list the step before filled, as
// knock() and RouterOS's own recipes write them) with the steps each source took, and, for a source that
// began a sequence but never reached its grant, where it broke: burned (sweep-proof knocks), a wrong port
// (out of order), the step's window running out, or a sequence left unfinished.
using Gateway.Core.Model;

namespace Gateway.Rules.Replay;

/// <summary>What <see cref="Builder"/> gathers for the HTML page.</summary>
public sealed class ReplayReport
{
    public sealed record PacketView(long T, string Dst, string Proto, int Dport, string Verdict, string Chain, int? Rule);

    /// <summary>Membership of one list from <paramref name="From"/> to <paramref name="Until"/> (null: no timeout).</summary>
    public sealed record Membership(string List, long From, long? Until);

    public sealed record KnockStep(int Port, string Protocol, string List);

    /// <summary>A knock sequence found in the rules: its steps, the last one filling the grant list; and the
    /// list a wrong port puts a source on (sweep-proof knocks), if any.</summary>
    public sealed record Recipe(string Name, IReadOnlyList<KnockStep> Steps, string? BurnedList);

    public sealed record StepTaken(string Recipe, int Step, long T);

    /// <summary>Where a source's sequence broke: burned, wrong-order, timeout or unfinished.</summary>
    public sealed record Failure(string Recipe, int AfterStep, long T, string Reason, string Detail);

    public sealed class Source(string address)
    {
        public string Address { get; } = address;
        public List<PacketView> Packets { get; } = new();
        public List<Membership> Memberships { get; } = new();
        public List<StepTaken> Steps { get; } = new();
        public List<Failure> Failures { get; } = new();
    }

    public required IReadOnlyList<Recipe> Recipes { get; init; }
    /// <summary>Busiest first (most packets); among as busy, those whose sequence broke; then by address.</summary>
    public required IReadOnlyList<Source> Sources { get; init; }
    public long Start { get; init; }
    public long End { get; init; }

    /// <summary>Collects a replay as it runs: call <see cref="Add"/> after each packet's outcome.</summary>
    public sealed class Builder(RuleSet rules)
    {
        private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);
        // Open spans by address, then list: the membership last seen live.
        private readonly Dictionary<string, Dictionary<string, Membership>> _open = new(StringComparer.Ordinal);
        private long _start = long.MaxValue, _end = long.MinValue;

        /// <summary>Records packet <paramref name="p"/>, its outcome, and the lists right after it.</summary>
        public void Add(TracePacket p, Outcome o, IReadOnlyList<string> listEntries)
        {
            _start = Math.Min(_start, p.T);
            _end = Math.Max(_end, p.T);
            // The protocol by name ("6" and "tcp" alike), as the knock steps name theirs.
            string proto = PacketFields.TryProtocol(p.Proto, out int number) ? Protocols.NameOf(number) ?? p.Proto : p.Proto;
            Of(p.Src).Packets.Add(new PacketView(p.T, p.Dst, proto, p.Dport, o.Verdict, o.Chain, o.Rule));
            // A rule adds the packet's source or destination: only their memberships can have changed.
            Observe(p.Src, p.T, listEntries);
            if (_sources.ContainsKey(p.Dst)) Observe(p.Dst, p.T, listEntries);
        }

        public ReplayReport Build()
        {
            foreach (var (address, open) in _open)
                foreach (var m in open.Values) Of(address).Memberships.Add(m);
            var recipes = FindRecipes(rules);
            foreach (var source in _sources.Values)
            {
                source.Memberships.Sort((a, b) => a.From.CompareTo(b.From));
                foreach (var recipe in recipes) Analyse(source, recipe, _end);
            }
            return new ReplayReport
            {
                Recipes = recipes,
                Sources = _sources.Values.OrderByDescending(s => s.Packets.Count).ThenByDescending(s => s.Failures.Count > 0)
                    .ThenBy(s => s.Address, StringComparer.Ordinal).ToList(),
                Start = _start == long.MaxValue ? 0 : _start,
                End = _end == long.MinValue ? 0 : _end,
            };
        }

        private Source Of(string address)
        {
            if (!_sources.TryGetValue(address, out var s)) _sources[address] = s = new Source(address);
            return s;
        }

        // Entries are "family list address life" (TableFirewall.ListLine); a list name may hold blanks.
        private void Observe(string address, long now, IReadOnlyList<string> entries)
        {
            if (!_open.TryGetValue(address, out var open)) _open[address] = open = new(StringComparer.Ordinal);
            var live = new HashSet<string>(StringComparer.Ordinal);
            foreach (string line in entries)
            {
                string[] words = line.Split(' ');
                if (words.Length < 4 || words[^2] != address) continue;
                string list = string.Join(' ', words[1..^2]);
                long? until = words[^1].StartsWith("until=", StringComparison.Ordinal) ? long.Parse(words[^1][6..], System.Globalization.CultureInfo.InvariantCulture) : null;
                live.Add(list);
                if (open.TryGetValue(list, out var span) && (span.Until == null || span.Until > now || span.Until == until))
                    open[list] = span with { Until = until };   // still the same membership, maybe refreshed
                else
                {
                    if (span != null) Of(address).Memberships.Add(span);
                    open[list] = new Membership(list, now, until);
                }
            }
            foreach (string list in open.Keys.Where(l => !live.Contains(l)).ToList())
            {
                var span = open[list];
                Of(address).Memberships.Add(span.Until is long u && u <= now ? span : span with { Until = now });
                open.Remove(list);
            }
        }
    }

    /// <summary>The knock sequences of the rules: chains of add-src-to-address-list rules on one port, each
    /// needing the list the one before it fills; the first needs none of them.</summary>
    public static IReadOnlyList<Recipe> FindRecipes(RuleSet rules)
    {
        var recipes = new List<Recipe>();
        foreach (var family in new[] { Family.Ipv4, Family.Ipv6 })
        {
            var f = rules.Of(family);
            var steps = new List<Rule>();
            for (int i = 0; i < f.RuleCount; i++)
            {
                var r = f.RuleAt(i);
                if (r.Action == RuleAction.AddSrcToAddressList && r.AddressList != null && r.DstPort is { Count: 1, IsNegated: false } ports
                    && ports.LowAt(0) == ports.HighAt(0) && !r.IsSrcAddressListNegated && !r.IsDisabled) steps.Add(r);
            }
            var filled = steps.Select(s => s.AddressList!).ToHashSet(StringComparer.Ordinal);
            foreach (var first in steps.Where(s => s.SrcAddressList == null || !filled.Contains(s.SrcAddressList)))
            {
                var chain = new List<KnockStep>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (Rule? step = first; step != null && seen.Add(step.AddressList!); step = steps.FirstOrDefault(s => s.SrcAddressList == step.AddressList))
                    chain.Add(new KnockStep(step.DstPort!.LowAt(0), Protocols.NameOf(step.Protocol) ?? "any", step.AddressList!));
                if (chain.Count < 2 || recipes.Any(r => r.Steps.SequenceEqual(chain))) continue;
                var stepLists = chain.Take(chain.Count - 1).Select(s => s.List).ToHashSet(StringComparer.Ordinal);
                string? burned = null;
                for (int i = 0; i < f.RuleCount && burned == null; i++)
                {
                    var r = f.RuleAt(i);
                    if (r.Action == RuleAction.AddSrcToAddressList && r.SrcAddressList != null && stepLists.Contains(r.SrcAddressList) && !steps.Contains(r))
                        burned = r.AddressList;
                }
                // Named after the grant list; two sequences granting the same list get #2, #3 to tell them apart.
                string name = chain[^1].List;
                for (int k = 2; recipes.Any(r => r.Name == name); k++) name = chain[^1].List + " #" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                recipes.Add(new Recipe(name, chain, burned));
            }
        }
        return recipes;
    }

    // The steps a source took (a step list's membership began) and, when it never reached the grant, where its
    // last attempt broke.
    private static void Analyse(Source source, Recipe recipe, long end)
    {
        int n = recipe.Steps.Count;
        int last = 0;   // steps done in the current attempt
        long lastAt = 0;
        for (int k = 0; k < n; k++)
            foreach (var m in source.Memberships.Where(m => m.List == recipe.Steps[k].List))
                source.Steps.Add(new StepTaken(recipe.Name, k + 1, m.From));
        source.Steps.Sort((a, b) => a.T.CompareTo(b.T));
        foreach (var s in source.Steps.Where(s => s.Recipe == recipe.Name))
        {
            last = s.Step;
            lastAt = s.T;
        }
        if (last == 0 || last == n) return;
        var burned = recipe.BurnedList == null ? null : source.Memberships.FirstOrDefault(m => m.List == recipe.BurnedList && m.From >= lastAt);
        if (burned != null)
        {
            var culprit = source.Packets.FirstOrDefault(p => p.T == burned.From);
            source.Failures.Add(new Failure(recipe.Name, last, burned.From, "burned",
                $"port {culprit?.Dport} after step {last} burned the source (expected {recipe.Steps[last].Port})"));
            return;
        }
        int expected = recipe.Steps[last].Port;
        var done = recipe.Steps[last - 1];
        // Another step's port; the step just taken again (a repeat, a resent SYN) is not out of order.
        var wrong = source.Packets.FirstOrDefault(p => p.T > lastAt && recipe.Steps.Any(s => s.Port == p.Dport && s.Protocol == p.Proto)
            && !(p.Dport == expected && p.Proto == recipe.Steps[last].Protocol) && !(p.Dport == done.Port && p.Proto == done.Protocol));
        var window = source.Memberships.LastOrDefault(m => m.List == recipe.Steps[last - 1].List && m.From == lastAt);
        long? expired = window?.Until is long u && u <= end ? u : null;
        if (wrong != null && (expired == null || wrong.T < expired))
            source.Failures.Add(new Failure(recipe.Name, last, wrong.T, "wrong-order", $"port {wrong.Dport} after step {last}; the next step is port {expected}"));
        else if (expired != null)
            source.Failures.Add(new Failure(recipe.Name, last, expired.Value, "timeout", $"step {last}'s window ended before port {expected} came"));
        else
            source.Failures.Add(new Failure(recipe.Name, last, lastAt, "unfinished", $"stopped after step {last}: no packet to port {expected}"));
    }
}
