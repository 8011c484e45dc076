// gateway lint: weaknesses of a rule set that compile fine but leave the door weaker than its author
// thinks. Two checks run packets through the device's table engine (is the console reachable without a
// knock? is an unused port open?), the rest read the rules: knock sequences (rules that add the source to
// a list on a dst-port, chained by src-address-list), the lists that accept rules grant, and whether
// established connections are accepted. Each warning names the rule's line and column and says why.
using Gateway.Core.Model;
using Gateway.Rules.Diagnostics;
using Gateway.Rules.Replay;
using Gateway.Rules.Testing;

namespace Gateway.Rules.Lint;

public static class RulesLinter
{
    /// <summary>A grant longer than this is flagged: a knock is a door for a session, not a key for good.</summary>
    public const long LongestGrantMs = 24 * 3600 * 1000L;

    /// <summary>The words of the warning that the console is open to anyone (push asks for --force).</summary>
    public const string OpenDoor = "the door is open";

    private const string Stranger = "198.51.100.99";
    private const string Gateway = "192.0.2.1";
    private const string Stranger6 = "2001:db8:99::99";
    private const string Gateway6 = "2001:db8::1";

    private static List<Rule> AllRules(FamilyRules table) => Enumerable.Range(0, table.RuleCount).Select(table.RuleAt).ToList();

    /// <summary>The warnings, each "FILE:LINE:COL: warning: ...", in rule order.</summary>
    public static IReadOnlyList<Diagnostic> Lint(LoadedRules loaded, int consolePort, IReadOnlyList<string>? boardPorts = null)
    {
        var warnings = new List<Diagnostic>(loaded.Warnings);
        string file = loaded.File;
        Diagnostic At(Rule? r, string message) => new(file, Math.Max(r?.SourceLine ?? 1, 1), Math.Max(r?.SourceColumn ?? 1, 1), "warning: " + message);
        warnings.AddRange(RouterOsFidelity.Warnings(loaded.RuleSet, boardPorts ?? new[] { Core.Model.InterfaceNames.Gateway }, At, (line, column, message) => new Diagnostic(file, Math.Max(line, 1), Math.Max(column, 1), "warning: " + message)));

        var firewall = TestRunner.MakeFirewall(loaded.RuleSet, EngineKind.Table);
        Rule? DeciderOf(Family family, Outcome o) => o.Rule is int i ? AllRules(loaded.RuleSet.Of(family)).Where(r => r.Chain == o.Chain).ElementAtOrDefault(i) : null;   // chain indexes count disabled rules
        // The console is judged in both families: a rule set that guards it over IPv4 must not leave it open
        // over IPv6. What no rule decides stays closed (TracePacket.Service), as on the gateway.
        foreach (var (family, stranger, gateway) in new[] { (Family.Ipv4, Stranger, Gateway), (Family.Ipv6, Stranger6, Gateway6) })
        {
            var console = firewall.Decide(new TracePacket { Src = stranger, Dst = gateway, Sport = 40000, Dport = consolePort, Service = true }, ConnectionStates.New, 0);
            if (console.Verdict == "accept")
                warnings.Add(At(DeciderOf(family, console), $"the console (tcp {consolePort}) accepts a new {(family == Family.Ipv4 ? "IPv4" : "IPv6")} connection from an address that never knocked: " + OpenDoor));
        }
        var rules = loaded.RuleSet.Ipv4;
        var unused = firewall.Decide(new TracePacket { Src = Stranger, Dst = Gateway, Sport = 40001, Dport = 1 }, ConnectionStates.New, 0);
        if (unused.Verdict == "accept")
        {
            warnings.Add(At(DeciderOf(Family.Ipv4, unused) ?? AllRules(rules).LastOrDefault(r => !r.IsDisabled && r.Chain == "input"), "input accepts a new connection to an unused port (tcp 1) from anyone: end input with action=drop (RouterOS has no chain policy)"));
        }

        // Knock sequences and grants, in each family (knock() writes both: the same warning is said once).
        foreach (var family in new[] { Family.Ipv4, Family.Ipv6 })
        {
            var enabled = AllRules(loaded.RuleSet.Of(family)).Where(r => !r.IsDisabled).ToList();
            // Knock steps: add-src-to-address-list on one dst-port, in input or a custom chain.
            var steps = enabled.Where(r => r.Action == RuleAction.AddSrcToAddressList && r.AddressList != null && r.Chain != "forward" && r.Chain != "output"
                && r.DstPort is { IsNegated: false, Count: 1 } && r.DstPort.LowAt(0) == r.DstPort.HighAt(0) && !r.IsSrcAddressListNegated).ToList();
            var granted = enabled.Where(r => r.Action == RuleAction.Accept && r.SrcAddressList != null && !r.IsSrcAddressListNegated).Select(r => r.SrcAddressList!).ToHashSet(StringComparer.Ordinal);
            foreach (var last in steps.Where(s => granted.Contains(s.AddressList!)))
            {
                var sequence = new List<Rule> { last };
                for (var step = last; step.SrcAddressList != null && sequence.Count <= 16;)
                {
                    var before = steps.FirstOrDefault(s => s.AddressList == step.SrcAddressList);
                    if (before == null) break;
                    sequence.Insert(0, before);
                    step = before;
                }
                int[] ports = sequence.Select(s => s.DstPort!.LowAt(0)).ToArray();
                string list = string.Join(",", ports);
                bool sweepProof = sequence.All(s => s.Chain.EndsWith(":steps", StringComparison.Ordinal));
                if (ports.Length <= 2)
                    warnings.Add(At(sequence[0], $"the knock {list} has {ports.Length} step{(ports.Length == 1 ? "" : "s")}: a port scan in random order walks {(ports.Length == 1 ? "it every time" : "it in half of its sweeps")}; use three or more"));
                bool ascending = ports.Zip(ports.Skip(1)).All(p => p.First < p.Second), descending = ports.Zip(ports.Skip(1)).All(p => p.First > p.Second);
                if (!sweepProof && ports.Length > 1 && (ascending || descending))
                    warnings.Add(At(sequence[0], $"the knock {list} is in {(ascending ? "ascending" : "descending")} order and a wrong port does not reset it: a sequential sweep walks it; use knock() (sweep-proof) or an order no sweep follows"));
                foreach (int port in ports)
                {
                    var service = enabled.FirstOrDefault(r => r.Chain == "input" && r.Action == RuleAction.Accept && r.DstPort is { IsNegated: false } d && Contains(d, port));
                    if (service != null) warnings.Add(At(service, $"knock port {port} is also accepted as a service here: anyone who uses the service takes a knock step"));
                }
                if (last.AddressListTimeoutKind != ListTimeoutKind.Timed || last.AddressListTimeoutMs > LongestGrantMs)
                    warnings.Add(At(last, $"the grant {last.AddressList} lasts {(last.AddressListTimeoutKind == ListTimeoutKind.Timed ? RouterOsTime.ToText(last.AddressListTimeoutMs) : "until a reboot or for good")}: longer than a day, a knock becomes a key; grant minutes or hours"));
            }
            // Per chain that grants (input for the console, forward for a forwarded service).
            foreach (string chain in enabled.Where(r => r.Action == RuleAction.Accept && r.SrcAddressList != null && !r.IsSrcAddressListNegated).Select(r => r.Chain).Distinct())
            {
                if (enabled.Any(r => r.Chain == chain && r.Action == RuleAction.Accept && (r.ConnectionStateMask & ConnectionStates.Established) != 0)) continue;
                warnings.Add(At(enabled.First(r => r.Chain == chain), $"no {chain} rule accepts connection-state=established: open sessions end when their grant does (as on RouterOS); add connection-state=established,related action=accept first to keep them"));
            }
        }
        return warnings.Distinct().ToList();
    }

    private static bool Contains(PortSet ports, int port)
    {
        for (int i = 0; i < ports.Count; i++) if (port >= ports.LowAt(i) && port <= ports.HighAt(i)) return true;
        return false;
    }
}
