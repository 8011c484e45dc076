// Reads a JSON-lines trace (DESIGN.md "Trace input"): one packet object a line, times non-decreasing.
// A bad line is a diagnostic at that line; nothing is guessed.
using System.Text.Json;
using Gateway.Rules.Diagnostics;

namespace Gateway.Rules.Replay;

/// <summary>Parses JSON-lines traces.</summary>
public static class JsonTraceReader
{
    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "t", "src", "dst", "proto", "sport", "dport", "iface", "flags", "chain", "len", "out-iface", "state",
        "ttl", "frag", "icmp-type", "icmp-code", "nat",
    };

    /// <summary>Every packet of the trace, or the first problem.</summary>
    public static (List<TracePacket> Packets, Diagnostic? Error) Read(string fileName, TextReader text)
    {
        var packets = new List<TracePacket>();
        long lastT = 0;
        int lineNumber = 0;
        string? line;
        while ((line = text.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            TracePacket? p;
            try
            {
                p = Parse(line, lineNumber, out string? problem);
                if (p == null) return (packets, new Diagnostic(fileName, lineNumber, 1, problem!));
            }
            catch (JsonException e)
            {
                int column = (int)(e.BytePositionInLine ?? 0) + 1;
                return (packets, new Diagnostic(fileName, lineNumber, column, "not a JSON object: " + FirstSentence(e.Message)));
            }
            string? bad = PacketFields.Check(p);
            if (bad != null) return (packets, new Diagnostic(fileName, lineNumber, 1, bad));
            if (p.T < lastT) return (packets, new Diagnostic(fileName, lineNumber, 1, $"time goes backwards: t={p.T} after t={lastT}"));
            lastT = p.T;
            packets.Add(p);
        }
        return (packets, null);
    }

    private static TracePacket? Parse(string line, int lineNumber, out string? problem)
    {
        problem = null;
        using var doc = JsonDocument.Parse(line);
        var o = doc.RootElement;
        if (o.ValueKind != JsonValueKind.Object) { problem = "a trace line is one JSON object"; return null; }
        foreach (var property in o.EnumerateObject())
        {
            if (!Fields.Contains(property.Name)) { problem = $"unknown field {property.Name} (t, src, dst, proto, sport, dport, iface, flags, chain, len, out-iface, state, ttl, frag, icmp-type, icmp-code, nat)"; return null; }
        }
        string? Str(string name) => o.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        long? Num(string name, out string? bad)
        {
            bad = null;
            if (!o.TryGetProperty(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n) && n >= 0) return n;
            bad = $"{name} must be a whole number";
            return null;
        }
        long? t = Num("t", out problem); if (problem != null) return null;
        long? sport = Num("sport", out problem); if (problem != null) return null;
        long? dport = Num("dport", out problem); if (problem != null) return null;
        long? len = Num("len", out problem); if (problem != null) return null;
        long? ttl = Num("ttl", out problem); if (problem != null) return null;
        long? icmpType = Num("icmp-type", out problem); if (problem != null) return null;
        long? icmpCode = Num("icmp-code", out problem); if (problem != null) return null;
        bool frag = false;
        if (o.TryGetProperty("frag", out var fragValue))
        {
            if (fragValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) { problem = "frag must be true or false"; return null; }
            frag = fragValue.GetBoolean();
        }
        if (ttl > 255 || icmpType > 255 || icmpCode > 255) { problem = "ttl, icmp-type and icmp-code must be 0-255"; return null; }
        if (t == null) { problem = "t (milliseconds) is required"; return null; }
        string? src = Str("src"), dst = Str("dst");
        if (src == null || dst == null) { problem = "src and dst are required"; return null; }
        string proto = Str("proto") ?? "tcp";
        if (proto is "tcp" or "udp" && dport == null) { problem = "dport is required for tcp and udp"; return null; }
        if (sport > int.MaxValue || dport > int.MaxValue || len > int.MaxValue) { problem = "number too large"; return null; }
        return new TracePacket
        {
            T = t.Value, Src = src, Dst = dst, Proto = proto, Sport = (int)(sport ?? 0), Dport = (int)(dport ?? 0),
            Flags = Str("flags") ?? "S", Chain = Str("chain") ?? "input", Iface = Str("iface") ?? Gateway.Core.Model.InterfaceNames.Gateway,
            OutIface = Str("out-iface"), Len = (int)(len ?? 60), State = Str("state"), Line = lineNumber,
            Ttl = (int)(ttl ?? -1), Frag = frag, IcmpType = (int)(icmpType ?? -1), IcmpCode = (int)(icmpCode ?? -1), Nat = Str("nat"),
        };
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        string s = end > 0 ? message[..end] : message.TrimEnd('.');
        return s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..] : s;
    }
}
