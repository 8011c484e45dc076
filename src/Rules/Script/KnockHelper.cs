// knock({...}): a port-knock sequence expanded into ordinary filter rules, shown by
// `gateway compile --explain`. Each step lists the source for the next step's window; the last step
// lists it in the grant list. Rules are emitted last step first, so one packet advances at most one
// step even when a port repeats, and a duplicate of the step just taken only refreshes its window.
// RouterOS rules cannot remove list entries, so a wrong port does not reset a sequence.
using Gateway.Core.Model;
using Jint;
using Jint.Native;

namespace Gateway.Rules.Script;

internal sealed class KnockHelper(Engine engine, string file, RuleSet rules, ScriptSourceMap map)
{
    private sealed record Step(int Port, string Protocol, string Window);

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "sequence", "protocol", "window", "grant", "grantTimeout", "accept", "chain", "name", "inInterface", "dstAddress", "family",
    };

    public void Expand(JsValue options)
    {
        var o = options.AsObject();
        foreach (var (key, _) in ScriptValues.Properties(o))
            if (!Known.Contains(key)) throw ErrorAt(key, $"unknown knock option {key} (sequence, protocol, window, grant, grantTimeout, accept, chain, name, inInterface, dstAddress, family)");
        string protocol = Text(o, "protocol") ?? "tcp";
        string window = Text(o, "window") ?? "10s";
        string grant = Text(o, "grant") ?? throw Error("knock needs grant: the address list a finished sequence fills");
        string grantTimeout = Text(o, "grantTimeout") ?? "1h";
        string chain = Text(o, "chain") ?? "input";
        string name = Text(o, "name") ?? grant;
        string? inInterface = Text(o, "inInterface");
        string? dstAddress = Text(o, "dstAddress");
        var family = (Text(o, "family") ?? "ip") switch
        {
            "ip" => Family.Ipv4,
            "ipv6" => Family.Ipv6,
            var f => throw Error($"knock family must be ip or ipv6, not {f}"),
        };
        bool accept = o.Get("accept") is var a && (a.IsUndefined() || a.IsBoolean() && a.AsBoolean());
        var steps = Steps(o.Get("sequence"), protocol, window);

        var (line, column) = ScriptLocation.Current(engine, file);
        var added = new List<Rule>();
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            var s = steps[i];
            bool last = i == steps.Count - 1;
            var words = new List<(string, string)>
            {
                ("chain", chain), ("protocol", s.Protocol), ("dst-port", s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            if (inInterface != null) words.Add(("in-interface", inInterface));
            if (dstAddress != null) words.Add(("dst-address", dstAddress));
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
        foreach (var rule in added) rules.Of(family).AddRule(rule);
    }

    private Rule Make(Family family, List<(string Name, string Value)> words, int line, int column)
    {
        var rule = new Rule { SourceLine = line, SourceColumn = column };
        foreach (var (n, v) in words)
        {
            if (RuleProperties.Set(rule, family, n, v, out string error) != PropertyError.None)
                throw Error("knock: " + error.Replace("address-list-timeout", "window or grantTimeout", StringComparison.Ordinal));
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

    private Diagnostics.RulesException Error(string message) => ScriptHost.Fail(engine, file, message);

    private Diagnostics.RulesException ErrorAt(string key, string message) => ScriptHost.FailAt(engine, file, map, key, false, message);
}
