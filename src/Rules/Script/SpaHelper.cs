// spa({...}): a door of single packet authorization (fwknop's client) expanded into what the gateway runs and
// `gateway compile --explain` shows: the /spa door itself (fwknopd's stanza, without keys: those are set on the
// device's serial console and never travel in a package), an accept for the door's UDP port (the datagrams must
// pass the filter to reach the verifier; nothing answers them, so the port still looks closed), and for each
// port the door may open an accept from its grant list, spa:NAME:tcp/22, which a granted request fills for the
// grant's length. IPv4 only, as fwknop's access requests are.
using Gateway.Core.Model;
using Jint;
using Jint.Native;

namespace Gateway.Rules.Script;

internal sealed class SpaHelper(Engine engine, string file, RuleSet rules, ScriptSourceMap map)
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "name", "port", "open", "timeout", "maxTimeout", "sources", "maxAge", "requireSourceAddress", "chain", "comment",
    };

    public void Expand(JsValue options)
    {
        var o = options.AsObject();
        foreach (var (key, _) in ScriptValues.Properties(o))
            if (!Known.Contains(key)) throw ErrorAt(key, $"unknown spa option {key} ({string.Join(", ", Known)})", atValue: false);
        var (line, column) = ScriptLocation.Current(engine, file);
        var door = new SpaDoor { SourceLine = line, SourceColumn = column };
        string name = Text(o, "name") ?? throw Error("spa needs name: the door's name, which its keys are set under (/spa key set name=...)");
        Set(door, "name", name, "name");
        if (Text(o, "port") is { } port) Set(door, "port", port, "port");
        Set(door, "open", List(o, "open") ?? throw Error("spa needs open: what a request may open, e.g. open: ['tcp/22']"), "open");
        if (List(o, "sources") is { } sources) Set(door, "sources", sources, "sources");
        if (Text(o, "timeout") is { } timeout) Set(door, "timeout", timeout, "timeout");
        if (Text(o, "maxTimeout") is { } maxTimeout) Set(door, "max-timeout", maxTimeout, "maxTimeout");
        if (Text(o, "maxAge") is { } maxAge) Set(door, "max-age", maxAge, "maxAge");
        if (Text(o, "requireSourceAddress") is { } require) Set(door, "require-source-address", require == "true" ? "yes" : require == "false" ? "no" : require, "requireSourceAddress");
        if (Text(o, "comment") is { } comment) door.Comment = comment;
        if (rules.Spa.Find(door.Name) != null) throw Error($"spa door {door.Name} is defined twice");
        if (rules.Spa.Count == Gateway.Core.Capacity.MaxSpaDoors) throw Error($"at most {Gateway.Core.Capacity.MaxSpaDoors} spa doors");
        string chain = Text(o, "chain") ?? "input";
        // The first door on a port added its accept; later doors on that port share it.
        bool portAccepted = Enumerable.Range(0, rules.Spa.Count).Any(i => rules.Spa.At(i).Port == door.Port);
        rules.Spa.Add(door);

        var ip = rules.Of(Family.Ipv4);
        if (!portAccepted)
            ip.AddRule(Make([("chain", "input"), ("protocol", "udp"), ("dst-port", door.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("action", "accept"),
                ("comment", $"spa {door.Name}: datagrams to udp/{door.Port}")], line, column));
        for (int i = 0; i < door.OpenCount; i++)
        {
            string protocol = Protocols.NameOf(door.OpenProtocols[i])!;
            string dstPort = door.OpenPorts[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            ip.AddRule(Make([("chain", chain), ("protocol", protocol), ("dst-port", dstPort),
                ("src-address-list", SpaDoor.GrantList(door.Name, door.OpenProtocols[i], door.OpenPorts[i])), ("action", "accept"),
                ("comment", $"spa {door.Name}: granted {protocol}/{dstPort}")], line, column));
        }
    }

    private void Set(SpaDoor door, string property, string value, string option)
    {
        if (SpaDoorProperties.Set(door, property, value, out string error) != PropertyError.None)
            throw ErrorAt(option, "spa: " + error.Replace(property, option, StringComparison.Ordinal));
    }

    private Rule Make(List<(string Name, string Value)> words, int line, int column)
    {
        var rule = new Rule { SourceLine = line, SourceColumn = column };
        foreach (var (n, v) in words)
            if (RuleProperties.Set(rule, Family.Ipv4, n, v, out string error) != PropertyError.None) throw Error("spa: " + error);
        return rule;
    }

    // A string, or an array of strings joined with commas: open: ['tcp/22', 'udp/53'] or open: 'tcp/22'.
    private string? List(Jint.Native.Object.ObjectInstance o, string key)
    {
        var value = o.Get(key);
        if (value.IsUndefined()) return null;
        if (!value.IsArray()) return Text(o, key);
        var items = new List<string>();
        var array = value.AsArray();
        for (uint i = 0; i < array.Length; i++) items.Add(ScriptValues.Text(key, array.Get(i), out string why) ?? throw ErrorAt(key, why));
        if (items.Count == 0) throw ErrorAt(key, $"spa {key} must not be empty");
        return string.Join(",", items);
    }

    private string? Text(Jint.Native.Object.ObjectInstance o, string key)
    {
        var value = o.Get(key);
        if (value.IsUndefined()) return null;
        return ScriptValues.Text(key, value, out string why) ?? throw ErrorAt(key, why);
    }

    private Diagnostics.RulesException Error(string message) => ScriptHost.Fail(engine, file, message);

    private Diagnostics.RulesException ErrorAt(string key, string message, bool atValue = true) => ScriptHost.FailAt(engine, file, map, key, atValue, message);
}
