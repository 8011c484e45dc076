// The `t` of test('name', t => {...}): send packets, move the clock, and assert verdicts and list
// membership. A failed assertion stops the test with a diagnostic at the assertion's line.
using System.Globalization;
using Gateway.Core.Model;
using Gateway.Rules.Replay;
using Gateway.Rules.Script;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Interop;

namespace Gateway.Rules.Testing;

internal sealed class TestContext(Engine engine, string file, string testName, TraceRunner runner)
{
    /// <summary>Where test packets go unless they say otherwise (TEST-NET addresses).</summary>
    public const string DefaultDst = "192.0.2.1";
    public const string DefaultSrc = "203.0.113.7";
    public const int DefaultSport = 40000;

    private long _nowMs;

    public JsObject Build()
    {
        var t = new JsObject(engine);
        t.Set("send", Function("send", args => ToJs(Send(Arg(args, 0, "send takes a packet: t.send({dport: 9000})")))));
        t.Set("expect", Function("expect", args =>
        {
            if (args.Length < 2 || !args[1].IsString()) throw Fail("expect takes a packet and a verdict: t.expect({dport: 22}, 'accept')");
            string expected = args[1].AsString();
            if (expected is not ("accept" or "drop" or "reject")) throw Fail($"verdict must be accept, drop or reject, not {expected}");
            var outcome = Send(args[0]);
            if (outcome.Verdict != expected)
                throw Fail($"expected {expected}, got {outcome.Verdict} ({Describe(outcome)}) at t={_nowMs} ms");
            return ToJs(outcome);
        }));
        t.Set("wait", Function("wait", args =>
        {
            var a = Arg(args, 0, "wait takes milliseconds or a RouterOS time: t.wait('1m')");
            long ms;
            if (a.IsNumber() && a.AsNumber() >= 0) ms = (long)a.AsNumber();
            else if (!a.IsString() || !RouterOsTime.TryParse(a.AsString(), long.MaxValue / 4, out ms)) throw Fail("wait takes milliseconds or a RouterOS time such as 30s or 1m");
            _nowMs += ms;
            return JsValue.Undefined;
        }));
        t.Set("now", Function("now", _ => _nowMs));
        t.Set("listed", Function("listed", args => Listed(args)));
        t.Set("expectListed", Function("expectListed", args => Listed(args) ? JsValue.Undefined : throw Fail($"expected {args[1]} in list {args[0]} at t={_nowMs} ms")));
        t.Set("expectNotListed", Function("expectNotListed", args => !Listed(args) ? JsValue.Undefined : throw Fail($"expected {args[1]} not in list {args[0]} at t={_nowMs} ms")));
        return t;
    }

    private Outcome Send(JsValue spec)
    {
        var packet = Packet(spec);
        string? problem = PacketFields.Check(packet);
        if (problem != null) throw Fail(problem);
        return runner.Step(packet);
    }

    private bool Listed(JsValue[] args)
    {
        if (args.Length != 2 || !args[0].IsString() || !args[1].IsString()) throw Fail("listed takes a list name and an address: t.listed('secure', '203.0.113.7')");
        return runner.Firewall.IsListed(args[0].AsString(), args[1].AsString(), _nowMs);
    }

    // {src, dst, proto|protocol, sport|srcPort, dport|dstPort, flags, chain, iface|inInterface, outIface|outInterface, len, state}
    private TracePacket Packet(JsValue spec)
    {
        if (!spec.IsObject() || spec.IsArray()) throw Fail("a packet is an object such as {src: '203.0.113.7', dport: 9000}");
        var o = spec.AsObject();
        foreach (var (key, _) in ScriptValues.Properties(o))
        {
            if (key is not ("src" or "dst" or "proto" or "protocol" or "sport" or "srcPort" or "dport" or "dstPort" or "flags" or "chain" or "iface" or "inInterface" or "outIface" or "outInterface" or "len" or "state"))
                throw Fail($"unknown packet field {key} (src, dst, proto, sport, dport, flags, chain, iface, outIface, len, state)");
        }
        int? dport = Int(o, "dport") ?? Int(o, "dstPort");
        string proto = Str(o, "proto") ?? Str(o, "protocol") ?? "tcp";
        if (dport == null && proto is "tcp" or "udp") throw Fail("a tcp or udp packet needs dport");
        return new TracePacket
        {
            T = _nowMs,
            Src = Str(o, "src") ?? DefaultSrc,
            Dst = Str(o, "dst") ?? DefaultDst,
            Proto = proto,
            Sport = Int(o, "sport") ?? Int(o, "srcPort") ?? DefaultSport,
            Dport = dport ?? 0,
            Flags = Str(o, "flags") ?? "S",
            Chain = Str(o, "chain") ?? "input",
            Iface = Str(o, "iface") ?? Str(o, "inInterface") ?? Gateway.Core.Model.InterfaceNames.Gateway,
            OutIface = Str(o, "outIface") ?? Str(o, "outInterface"),
            Len = Int(o, "len") ?? 60,
            State = Str(o, "state"),
        };
    }

    private string? Str(ObjectInstance o, string key)
    {
        var v = o.Get(key);
        if (v.IsUndefined()) return null;
        return ScriptValues.Text(key, v, out string why) ?? throw Fail(why);
    }

    private int? Int(ObjectInstance o, string key)
    {
        string? s = Str(o, key);
        if (s == null) return null;
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : throw Fail($"{key} must be a number");
    }

    private JsObject ToJs(Outcome outcome)
    {
        var o = new JsObject(engine);
        o.Set("verdict", outcome.Verdict);
        o.Set("chain", outcome.Chain);
        o.Set("rule", outcome.Rule is int r ? r : JsValue.Null);
        return o;
    }

    private static string Describe(Outcome o) => o.Rule is int r ? $"{o.Chain} rule {r}" : $"no rule in {o.Chain} decided";

    private JsValue Arg(JsValue[] args, int index, string usage) => args.Length > index ? args[index] : throw Fail(usage);

    private ClrFunction Function(string name, Func<JsValue[], JsValue> body) => new(engine, name, (_, args) => body(args));

    private Diagnostics.RulesException Fail(string message) => ScriptHost.Fail(engine, file, $"test '{testName}': {message}");
}
