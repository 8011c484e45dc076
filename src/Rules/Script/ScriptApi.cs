// The globals a rules script sees (DESIGN.md "Rule scripts"): filter, addressList and nat for /ip
// firewall, the same under ipv6 for /ipv6 firewall, knock() for sequences, spa() for fwknop's single packet
// authorization, test() for inline tests,
// console.log for the author. Properties are RouterOS's, in camelCase, applied through the core's
// property tables, so a script and an .rsc line mean exactly the same rule.
using Gateway.Core.Model;
using Gateway.Rules.Testing;
using Jint;
using Jint.Native;
using Jint.Runtime.Interop;

namespace Gateway.Rules.Script;

internal sealed class ScriptApi(Engine engine, string file, RuleSet rules, List<ScriptTest> tests, TextWriter log, ScriptSourceMap map)
{
    public void Install()
    {
        engine.SetValue("filter", Menu(Family.Ipv4));
        engine.SetValue("addressList", ListMenu(Family.Ipv4));
        engine.SetValue("nat", NatMenu(Family.Ipv4));
        var ipv6 = new JsObject(engine);
        ipv6.Set("filter", Menu(Family.Ipv6));
        ipv6.Set("addressList", ListMenu(Family.Ipv6));
        ipv6.Set("nat", NatMenu(Family.Ipv6));
        engine.SetValue("ipv6", ipv6);
        engine.SetValue("knock", Function("knock", args =>
        {
            new KnockHelper(engine, file, rules, map).Expand(args.Length == 1 && args[0].IsObject() ? args[0] : throw Error("knock takes one object: knock({sequence: [9000, 6000], grant: 'secure'})"));
            return JsValue.Undefined;
        }));
        engine.SetValue("spa", Function("spa", args =>
        {
            new SpaHelper(engine, file, rules, map).Expand(args.Length == 1 && args[0].IsObject() && !args[0].IsArray() ? args[0] : throw Error("spa takes one object: spa({name: 'ssh', open: ['tcp/22']})"));
            return JsValue.Undefined;
        }));
        engine.SetValue("test", Function("test", args =>
        {
            if (args.Length != 2 || !args[0].IsString() || args[1] is not Jint.Native.Function.Function)
                throw Error("test takes a name and a function: test('knock opens ssh', t => { ... })");
            var (line, column) = ScriptLocation.Current(engine, file);
            tests.Add(new ScriptTest(args[0].AsString(), args[1], line, column));
            return JsValue.Undefined;
        }));
        var console = new JsObject(engine);
        console.Set("log", Function("log", args =>
        {
            log.WriteLine(string.Join(" ", args.Select(a => a.IsString() ? a.AsString() : a.ToString())));
            return JsValue.Undefined;
        }));
        engine.SetValue("console", console);
    }

    private JsObject Menu(Family family) => MenuWith("add", args =>
    {
        var rule = new Rule();
        (rule.SourceLine, rule.SourceColumn) = ScriptLocation.Current(engine, file);
        Apply("filter", args, (name, value) => { var r = RuleProperties.Set(rule, family, name, value, out string e); return (r, e); });
        if (rule.Chain.Length == 0) throw Error("filter.add needs chain");
        rules.Of(family).AddRule(rule);
    });

    private JsObject ListMenu(Family family) => MenuWith("add", args =>
    {
        var entry = new ListEntry();
        (entry.SourceLine, entry.SourceColumn) = ScriptLocation.Current(engine, file);
        Apply("addressList", args, (name, value) => { var r = EntryProperties.Set(entry, family, name, value, out string e); return (r, e); });
        if (entry.List.Length == 0 || entry.Address == null) throw Error("addressList.add needs list and address");
        rules.Of(family).AddEntry(entry);
    });

    private JsObject NatMenu(Family family) => MenuWith("add", args =>
    {
        var forward = new Forward();
        (forward.SourceLine, forward.SourceColumn) = ScriptLocation.Current(engine, file);
        Apply("nat", args, (name, value) => { var r = ForwardProperties.Set(forward, family, name, value, out string e); return (r, e); });
        rules.Of(family).AddForward(forward);
    });

    private JsObject MenuWith(string verb, Action<JsValue[]> action)
    {
        var menu = new JsObject(engine);
        menu.Set(verb, Function(verb, args => { action(args); return JsValue.Undefined; }));
        return menu;
    }

    // Applies {name: value, ...} through a property table, naming the script's own spelling in errors.
    private void Apply(string menu, JsValue[] args, Func<string, string, (PropertyError, string)> set)
    {
        if (args.Length != 1 || !args[0].IsObject() || args[0].IsArray())
            throw Error($"{menu}.add takes one object of RouterOS properties: {menu}.add({{chain: 'input', action: 'drop'}})");
        foreach (var (key, value) in ScriptValues.Properties(args[0].AsObject()))
        {
            string? text = ScriptValues.Text(key, value, out string why);
            if (text == null) throw ErrorAt(key, true, why);
            string name = ScriptValues.Kebab(key);
            var (result, error) = set(name, text);
            if (result == PropertyError.None) continue;
            if (result == PropertyError.UnknownProperty) throw ErrorAt(key, false, $"unknown {menu} property {key}");
            if (result == PropertyError.NotSupported) throw ErrorAt(key, false, error.Replace(name, key, StringComparison.Ordinal));
            throw ErrorAt(key, true, key == name ? error : error.Replace(name, key, StringComparison.Ordinal));
        }
    }

    private ClrFunction Function(string name, Func<JsValue[], JsValue> body) => new(engine, name, (_, args) => body(args));

    private Diagnostics.RulesException Error(string message) => ScriptHost.Fail(engine, file, message);

    // An error about one property: at its key (unknown name) or its value (bad value).
    private Diagnostics.RulesException ErrorAt(string key, bool atValue, string message) => ScriptHost.FailAt(engine, file, map, key, atValue, message);
}
