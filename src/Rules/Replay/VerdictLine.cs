// `gateway replay`'s output line (DESIGN.md): one JSON object per packet, fields in a fixed order.
using System.Globalization;
using System.Text.Json;

namespace Gateway.Rules.Replay;

/// <summary>Formats one replayed packet and its outcome.</summary>
public static class VerdictLine
{
    public static string Format(TracePacket p, Outcome o)
    {
        string rule = o.Rule is int r ? r.ToString(CultureInfo.InvariantCulture) : "null";
        return "{\"t\":" + p.T.ToString(CultureInfo.InvariantCulture)
            + ",\"src\":" + JsonSerializer.Serialize(p.Src)
            + ",\"dst\":" + JsonSerializer.Serialize(p.Dst)
            + ",\"proto\":" + JsonSerializer.Serialize(p.Proto)
            + ",\"sport\":" + p.Sport.ToString(CultureInfo.InvariantCulture)
            + ",\"dport\":" + p.Dport.ToString(CultureInfo.InvariantCulture)
            + ",\"chain\":" + JsonSerializer.Serialize(o.Chain)
            + ",\"verdict\":\"" + o.Verdict + "\""
            + ",\"rule\":" + rule + "}";
    }
}
