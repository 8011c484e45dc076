// knock({...}): a port-knock sequence expanded into ordinary filter rules, shown by
// (in both families unless family: 'ip' or 'ipv6' or a dstAddress names one; each family keeps its own lists)
// `gateway compile --explain`. Each step lists the source for the next step's window; the last step
// lists it in the grant list. Rules are emitted last step first, so one packet advances at most one
// step even when a port repeats, and a duplicate of the step just taken only refreshes its window.
// Sweep-proof (the default): RouterOS rules cannot remove list entries, so a source part-way through
// the sequence that touches any other TCP or UDP port (or a step out of order) is put on
// knock:NAME:burned for the step's window, and a burned source makes no progress. A port scan, which
// touches thousands of ports, burns itself at its first wrong port after a step. The checks run in a
// chain of their own (knock:NAME), deepest progress first, each level returning once handled so that
// the stale lists of earlier steps are not judged again; the steps sit in knock:NAME:steps.
// sweepProof: false gives the plain RouterOS recipe (a wrong port does not reset a sequence).
// psd: '21,3s,3,1' (or true for that value) puts RouterOS's port-scan detection in front: a source it flags
// goes on knock:NAME:scanners for psdTimeout (10m: a few spoofed SYNs can put anyone there, so not for a day),
// and its new connections are dropped before the knock.
using Gateway.Core.Model;
using Jint;
using Jint.Native;

namespace Gateway.Rules.Script;

internal sealed class KnockHelper(Engine engine, string file, RuleSet rules, ScriptSourceMap map)
{
    private sealed record Step(int Port, string Protocol, string Window);

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "sequence", "protocol", "window", "grant", "grantTimeout", "accept", "chain", "name", "inInterface", "dstAddress", "family", "sweepProof", "psd", "psdTimeout",
    };

    /// <summary>The psd value <c>psd: true</c> stands for: MikroTik's own example (21 weight within 3 s gaps,
    /// ports below 1024 weigh 3, others 1).</summary>
    public const string DefaultPsd = "21,3s,3,1";

    public void Expand(JsValue options)
    {
        var o = options.AsObject();
        foreach (var (key, _) in ScriptValues.Properties(o))
            if (!Known.Contains(key)) throw ErrorAt(key, $"unknown knock option {key} (sequence, protocol, window, grant, grantTimeout, accept, chain, name, inInterface, dstAddress, family, sweepProof, psd, psdTimeout)");
        string protocol = Text(o, "protocol") ?? "tcp";
        string window = Text(o, "window") ?? "10s";
        string grant = Text(o, "grant") ?? throw Error("knock needs grant: the address list a finished sequence fills");
        string grantTimeout = Text(o, "grantTimeout") ?? "1h";
        string chain = Text(o, "chain") ?? "input";
        string name = Text(o, "name") ?? grant;
        string? inInterface = Text(o, "inInterface");
        string? dstAddress = Text(o, "dstAddress");
        // Both families by default: a knock that guards a service over IPv4 guards it over IPv6 as well (each
        // family has its own lists, so a knock opens the family it was sent in). A dstAddress names one.
        Family[] families = (Text(o, "family") ?? (dstAddress == null ? "both" : dstAddress.Contains(':', StringComparison.Ordinal) ? "ipv6" : "ip")) switch
        {
            "both" => new[] { Family.Ipv4, Family.Ipv6 },
            "ip" => new[] { Family.Ipv4 },
            "ipv6" => new[] { Family.Ipv6 },
            var f => throw Error($"knock family must be both, ip or ipv6, not {f}"),
        };
        bool accept = o.Get("accept") is var a && (a.IsUndefined() || a.IsBoolean() && a.AsBoolean());
        var steps = Steps(o.Get("sequence"), protocol, window);

        bool sweepProof = o.Get("sweepProof") is var sp && (sp.IsUndefined() || sp.IsBoolean() && sp.AsBoolean());

        var psdOption = o.Get("psd");
        string? psd = psdOption.IsBoolean() ? (psdOption.AsBoolean() ? DefaultPsd : null) : Text(o, "psd");
        string psdTimeout = Text(o, "psdTimeout") ?? "10m";

        var (line, column) = ScriptLocation.Current(engine, file);
        foreach (var family in families) Emit(family);

        void Emit(Family family)
        {
            var added = new List<Rule>();
            if (psd != null)
            {
                string scanners = ListName(name, "scanners");
                var detect = new List<(string, string)> { ("chain", chain) };
                if (inInterface != null) detect.Add(("in-interface", inInterface));
                if (dstAddress != null) detect.Add(("dst-address", dstAddress));
                detect.Add(("connection-state", "new"));
                detect.Add(("psd", psd));
                detect.Add(("action", "add-src-to-address-list"));
                detect.Add(("address-list", scanners));
                detect.Add(("address-list-timeout", psdTimeout));
                detect.Add(("comment", $"knock {name}: psd flags port scanners"));
                added.Add(Make(family, detect, line, column, "address-list-timeout", "psdTimeout"));
                var shut = new List<(string, string)> { ("chain", chain) };
                if (inInterface != null) shut.Add(("in-interface", inInterface));
                shut.Add(("src-address-list", scanners));
                shut.Add(("connection-state", "new"));
                shut.Add(("action", "drop"));
                shut.Add(("comment", $"knock {name}: a flagged scanner is shut out"));
                added.Add(Make(family, shut, line, column));
            }
            string stepsChain = chain;
            if (sweepProof && steps.Count > 1)   // one step has no progress to lose
            {
                string knockChain = $"knock:{name}";
                stepsChain = knockChain + ":steps";
                string burned = ListName(name, "burned");
                var jump = new List<(string, string)> { ("chain", chain) };
                if (inInterface != null) jump.Add(("in-interface", inInterface));
                if (dstAddress != null) jump.Add(("dst-address", dstAddress));
                // Only new connections take part: an open session's later packets (RouterOS judges every packet)
                // must not burn a host that knocks again.
                jump.Add(("connection-state", "new"));
                jump.Add(("action", "jump"));
                jump.Add(("jump-target", knockChain));
                jump.Add(("comment", $"knock {name}: sweep-proof steps"));
                added.Add(Make(family, jump, line, column));
                added.Add(Make(family, new() { ("chain", knockChain), ("src-address-list", burned), ("action", "return"), ("comment", $"knock {name}: a burned source makes no progress") }, line, column));
                for (int level = steps.Count - 1; level >= 1; level--)
                {
                    // A source that took step `level` may repeat it or take the next one; anything else burns it.
                    string list = ListName(name, level);
                    foreach (string protocol2 in new[] { "tcp", "udp" })
                    {
                        var allowed = new[] { steps[level - 1], steps[level] }.Where(s => s.Protocol == protocol2).Select(s => s.Port).Distinct().ToList();
                        var burn = new List<(string, string)> { ("chain", knockChain), ("protocol", protocol2) };
                        if (allowed.Count > 0) burn.Add(("dst-port", "!" + string.Join(",", allowed)));
                        burn.Add(("src-address-list", list));
                        burn.Add(("action", "add-src-to-address-list"));
                        burn.Add(("address-list", burned));
                        burn.Add(("address-list-timeout", steps[level - 1].Window));   // as long as the progress it spoils
                        burn.Add(("comment", $"knock {name}: a wrong port after step {level} burns the source"));
                        added.Add(Make(family, burn, line, column));
                    }
                    added.Add(Make(family, new() { ("chain", knockChain), ("src-address-list", list), ("action", "jump"), ("jump-target", stepsChain), ("comment", $"knock {name}: after step {level}") }, line, column));
                    added.Add(Make(family, new() { ("chain", knockChain), ("src-address-list", list), ("action", "return"), ("comment", $"knock {name}: after step {level}, done") }, line, column));
                }
                added.Add(Make(family, new() { ("chain", knockChain), ("action", "jump"), ("jump-target", stepsChain), ("comment", $"knock {name}: no progress yet") }, line, column));
            }
            for (int i = steps.Count - 1; i >= 0; i--)
            {
                var s = steps[i];
                bool last = i == steps.Count - 1;
                var words = new List<(string, string)>
                {
                    ("chain", stepsChain), ("protocol", s.Protocol), ("dst-port", s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                };
                if (stepsChain == chain && inInterface != null) words.Add(("in-interface", inInterface));   // else the jump checked them
                if (stepsChain == chain && dstAddress != null) words.Add(("dst-address", dstAddress));
                if (i > 0) words.Add(("src-address-list", ListName(name, i)));
                words.Add(("action", "add-src-to-address-list"));
                words.Add(("address-list", last ? grant : ListName(name, i + 1)));
                words.Add(("address-list-timeout", last ? grantTimeout : s.Window));
                words.Add(("comment", $"knock {name}: step {i + 1} of {steps.Count}"));
                added.Add(Make(family, words, line, column));
            }
            if (accept)
            {
                var words = new List<(string, string)> { ("chain", chain) };
                if (inInterface != null) words.Add(("in-interface", inInterface));
                words.Add(("src-address-list", grant));
                words.Add(("action", "accept"));
                words.Add(("comment", $"knock {name}: granted"));
                added.Add(Make(family, words, line, column));
            }
            // The calling chain's rules first (the jump, then the grant's accept), then the knock's own chains.
            foreach (var rule in added.Where(r => r.Chain == chain).Concat(added.Where(r => r.Chain != chain))) rules.Of(family).AddRule(rule);
        }
    }

    private Rule Make(Family family, List<(string Name, string Value)> words, int line, int column,
        string timeoutProperty = "address-list-timeout", string timeoutOption = "window or grantTimeout")
    {
        var rule = new Rule { SourceLine = line, SourceColumn = column };
        foreach (var (n, v) in words)
        {
            if (RuleProperties.Set(rule, family, n, v, out string error) != PropertyError.None)
                throw Error("knock: " + error.Replace(timeoutProperty, timeoutOption, StringComparison.Ordinal));
        }
        return rule;
    }

    private List<Step> Steps(JsValue sequence, string protocol, string window)
    {
        if (!sequence.IsArray() || sequence.AsArray().Length == 0)
            throw Error("knock needs sequence: a list of ports such as [9000, 6000] or ['tcp:9000', 'udp:6000']");
        var steps = new List<Step>();
        var array = sequence.AsArray();
        for (uint i = 0; i < array.Length; i++)
        {
            var item = array.Get(i);
            string stepProtocol = protocol, stepWindow = window;
            string? portText;
            if (item.IsObject() && !item.IsArray())
            {
                var step = item.AsObject();
                portText = Text(step, "port");
                stepProtocol = Text(step, "protocol") ?? protocol;
                stepWindow = Text(step, "window") ?? window;
            }
            else
            {
                portText = ScriptValues.Text("sequence", item, out string why) ?? throw Error(why);
                int colon = portText.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) { stepProtocol = portText[..colon]; portText = portText[(colon + 1)..]; }
            }
            if (!int.TryParse(portText, out int port) || port is < 1 or > 65535)
                throw Error($"knock step {i + 1}: port must be 1-65535, not {portText ?? "missing"}");
            if (stepProtocol != "tcp" && stepProtocol != "udp")
                throw Error($"knock step {i + 1}: protocol must be tcp or udp, not {stepProtocol}");
            steps.Add(new Step(port, stepProtocol, stepWindow));
        }
        return steps;
    }

    private string? Text(Jint.Native.Object.ObjectInstance o, string key)
    {
        var value = o.Get(key);
        if (value.IsUndefined()) return null;
        return ScriptValues.Text(key, value, out string why) ?? throw Error(why);
    }

    private static string ListName(string name, int step) => $"knock:{name}:{step}";

    private static string ListName(string name, string what) => $"knock:{name}:{what}";

    private Diagnostics.RulesException Error(string message) => ScriptHost.Fail(engine, file, message);

    private Diagnostics.RulesException ErrorAt(string key, string message) => ScriptHost.FailAt(engine, file, map, key, false, message);
}
