// Address lists for the reference interpreter: a plain list of entries, searched linearly, with the
// eviction policy of the core's store restated directly (docs/memory.md, "Address lists").
using Gateway.Core.Model;
using Gateway.Rules.Replay;

namespace Gateway.Rules.Reference;

internal sealed class ReferenceLists
{
    private sealed class Entry
    {
        public required Family Family;
        public required string List;
        public required UInt128 Low;
        public required UInt128 High;
        public required ListTimeoutKind Kind;
        public required long ExpiresAtMs;   // long.MaxValue: no expiry
        public bool IsSingle => Low == High;
    }

    private readonly List<Entry> _entries = new();
    private readonly HashSet<(Family, string)> _granting = new();
    private readonly int _ipv4Capacity, _ipv6Capacity;

    public ReferenceLists(RuleSet rules, int ipv4Capacity, int ipv6Capacity)
    {
        _ipv4Capacity = ipv4Capacity;
        _ipv6Capacity = ipv6Capacity;
        foreach (var family in new[] { Family.Ipv4, Family.Ipv6 })
        {
            var f = rules.Of(family);
            for (int i = 0; i < f.RuleCount; i++)
            {
                var r = f.RuleAt(i);
                if (r.IsDisabled || r.Action != RuleAction.Accept) continue;
                if (r.SrcAddressList != null && !r.IsSrcAddressListNegated) _granting.Add((family, r.SrcAddressList));
                if (r.DstAddressList != null && !r.IsDstAddressListNegated) _granting.Add((family, r.DstAddressList));
            }
            for (int i = 0; i < f.EntryCount; i++)
            {
                var e = f.EntryAt(i);
                if (e.IsDisabled) continue;
                var (low, high) = Bounds(e.Address!);
                _entries.Add(new Entry
                {
                    Family = family, List = e.List, Low = low, High = high, Kind = e.TimeoutKind,
                    ExpiresAtMs = e.TimeoutKind == ListTimeoutKind.Timed ? e.TimeoutMs : long.MaxValue,
                });
            }
        }
    }

    public static (UInt128 Low, UInt128 High) Bounds(AddressMatch m) => (PacketFields.ToNumber(m.Family, m.Low), PacketFields.ToNumber(m.Family, m.High));

    public void RemoveExpired(long nowMs) => _entries.RemoveAll(e => nowMs >= e.ExpiresAtMs);

    public bool Contains(Family family, string list, UInt128 address, long nowMs) =>
        _entries.Any(e => e.Family == family && e.List == list && nowMs < e.ExpiresAtMs && e.Low <= address && address <= e.High);

    public void AddFromRule(Family family, string list, UInt128 address, ListTimeoutKind kind, long timeoutMs, long nowMs)
    {
        long expires = kind == ListTimeoutKind.Timed ? nowMs + timeoutMs : long.MaxValue;
        var existing = _entries.FirstOrDefault(e => e.Family == family && e.List == list && e.IsSingle && e.Low == address && nowMs < e.ExpiresAtMs);
        if (existing != null)
        {
            if (existing.Kind == ListTimeoutKind.Static) return;   // static stays static
            existing.Kind = kind;
            existing.ExpiresAtMs = expires;                        // re-adding resets the timeout
            return;
        }
        _entries.RemoveAll(e => nowMs >= e.ExpiresAtMs);
        int capacity = family == Family.Ipv4 ? _ipv4Capacity : _ipv6Capacity;
        if (_entries.Count(e => e.Family == family && e.IsSingle) >= capacity)
        {
            bool grants = _granting.Contains((family, list));
            var dynamic = _entries.Where(e => e.Family == family && e.IsSingle && e.Kind != ListTimeoutKind.Static).ToList();
            var candidates = dynamic.Where(e => !_granting.Contains((family, e.List))).ToList();
            if (candidates.Count == 0 && grants) candidates = dynamic;
            if (candidates.Count == 0) return;                     // refused
            _entries.Remove(candidates.MinBy(e => e.ExpiresAtMs)!);
        }
        _entries.Add(new Entry { Family = family, List = list, Low = address, High = address, Kind = kind, ExpiresAtMs = expires });
    }

    public IReadOnlyList<string> Lines(long nowMs)
    {
        var lines = new List<string>();
        foreach (var e in _entries.Where(e => nowMs < e.ExpiresAtMs))
        {
            var m = AddressMatch.OfRange(e.Family, Words(e.Family, e.Low), Words(e.Family, e.High));
            lines.Add(TableFirewall.ListLine(e.Family, e.List, m.ToString(), e.Kind, e.ExpiresAtMs));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static uint[] Words(Family family, UInt128 value) => family == Family.Ipv4
        ? new[] { (uint)value, 0u, 0u, 0u }
        : new[] { (uint)(value >> 96), (uint)(value >> 64), (uint)(value >> 32), (uint)value };
}
