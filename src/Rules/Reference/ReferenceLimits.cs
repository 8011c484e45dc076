// limit and dst-limit for the reference interpreter, written apart from the core's RateLimiter: a token
// bucket per rule (limit) or per rule and key (dst-limit), tokens in units x period-ms with 128-bit sums, keys
// as text. A dst-limit key not seen for the expire is gone; with Capacity.DstLimitKeys live keys a new key
// does not match.
using Gateway.Core.Model;

namespace Gateway.Rules.Reference;

internal sealed class ReferenceLimits
{
    private readonly Dictionary<RateLimit, Dictionary<string, (long Tokens, long LastMs)>> _buckets = new(ReferenceEqualityComparer.Instance);

    public bool Take(RateLimit limit, ReferencePacket p, long nowMs)
    {
        if (!_buckets.TryGetValue(limit, out var keys)) _buckets[limit] = keys = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        string key = KeyOf(limit.Mode, p);
        long capacity = limit.Burst * limit.PeriodMs;
        bool isLimit = limit.Mode == DstLimitMode.None;
        if (!isLimit)
            foreach (var stale in keys.Where(k => nowMs - k.Value.LastMs >= limit.ExpireMs).Select(k => k.Key).ToList()) keys.Remove(stale);
        if (!keys.TryGetValue(key, out var bucket))
        {
            if (!isLimit && keys.Count >= Gateway.Core.Capacity.DstLimitKeys) return false;
            bucket = (capacity, nowMs);
        }
        long tokens = (long)Int128.Min(capacity, bucket.Tokens + (Int128)(nowMs - bucket.LastMs) * limit.Rate);
        long cost = (limit.IsBits ? p.Length * 8L : 1L) * limit.PeriodMs;
        bool fits = tokens >= cost;
        keys[key] = (fits ? tokens - cost : tokens, nowMs);
        return fits;
    }

    private static string KeyOf(DstLimitMode mode, ReferencePacket p) => mode switch
    {
        DstLimitMode.None => "",
        DstLimitMode.DstAddress => $"{p.Dst}",
        DstLimitMode.DstAddressAndPort => $"{p.Dst}:{p.DstPort}",
        DstLimitMode.SrcAddress => $"{p.Src}",
        DstLimitMode.SrcAndDstAddress => $"{p.Src}>{p.Dst}",
        DstLimitMode.AddressesAndDstPort => $"{p.Src}>{p.Dst}:{p.DstPort}",
        _ => $"{p.Src}:{p.SrcPort}>{p.Dst}:{p.DstPort}",
    };
}
