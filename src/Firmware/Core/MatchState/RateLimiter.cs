// RouterOS's limit and dst-limit matchers as token buckets in fixed memory. A bucket holds Burst units and
// refills Rate units per Period, counted in units x Period-milliseconds so that all arithmetic is exact in
// integers; a packet costs one unit (packet mode) or its length in bits (bit mode) and matches when the
// bucket holds that much. limit has one bucket per rule; dst-limit a bucket per key (its mode's addresses
// and ports), Capacity.DstLimitKeys of them, a key forgotten once not seen for Expire. When every slot holds
// a live key, a packet of a new key does not match: netfilter's hashlimit drops it outright then, and a
// limit is the accept in front of a drop, so a flood of new keys cannot buy itself fresh buckets.
using Gateway.Core.Model;
using Gateway.Core.Packets;

namespace Gateway.Core.MatchState
{
    /// <summary>The state of one limit or dst-limit matcher in one family.</summary>
    public sealed class RateLimiter
    {
        private readonly long _rate;          // units per period
        private readonly long _periodMs;
        private readonly long _capacity;      // Burst x Period: a full bucket
        private readonly bool _bits;
        private readonly DstLimitMode _mode;
        private readonly long _expireMs;
        private readonly int _words;          // address words of the family
        private readonly int _keyWords;       // words of one key (0 for limit)
        private readonly uint[] _keys;        // _keyWords per slot
        private readonly uint[] _key;         // the packet's key, built in place
        private readonly bool[] _used;
        private readonly long[] _tokens;
        private readonly long[] _lastMs;      // last packet of the key: refill and expiry count from it

        /// <param name="limit">The rule's limit (Mode None) or dst-limit.</param>
        public RateLimiter(Family family, RateLimit limit)
        {
            _rate = limit.Rate;
            _periodMs = limit.PeriodMs;
            _capacity = limit.Burst * limit.PeriodMs;
            _bits = limit.IsBits;
            _mode = limit.Mode;
            _expireMs = limit.ExpireMs;
            _words = AddressWords.Of(family);
            _keyWords = KeyWords(limit.Mode, _words);
            int slots = Slots(limit.Mode);
            _keys = new uint[slots * _keyWords];
            _key = new uint[_keyWords];
            _used = new bool[slots];
            _tokens = new long[slots];
            _lastMs = new long[slots];
        }

        /// <summary>Bytes one limiter takes (array elements only).</summary>
        public static int Bytes(Family family, DstLimitMode mode)
        {
            int keyWords = KeyWords(mode, AddressWords.Of(family));
            return Slots(mode) * (keyWords * 4 + 1 + 8 + 8) + keyWords * 4;
        }

        private static int Slots(DstLimitMode mode) { return mode == DstLimitMode.None ? 1 : Capacity.DstLimitKeys; }

        private static int KeyWords(DstLimitMode mode, int words)
        {
            switch (mode)
            {
                case DstLimitMode.DstAddress:
                case DstLimitMode.SrcAddress: return words;
                case DstLimitMode.DstAddressAndPort: return words + 1;
                case DstLimitMode.SrcAndDstAddress: return 2 * words;
                case DstLimitMode.AddressesAndDstPort: return 2 * words + 1;
                case DstLimitMode.SrcAndDstAddressAndPort: return 2 * words + 2;
                default: return 0;
            }
        }

        /// <summary>Takes the packet's cost from its bucket; true when the bucket held it. Allocation-free.</summary>
        public bool Take(Packet p, long nowMs) { return Take(p, nowMs, true); }

        /// <summary>Whether the bucket holds the packet's cost, changing nothing (the gateway's review of an open
        /// session asks the rules again without sending a packet, so it must not spend tokens).</summary>
        public bool Holds(Packet p, long nowMs) { return Take(p, nowMs, false); }

        private bool Take(Packet p, long nowMs, bool consume)
        {
            int slot = 0;
            if (_mode == DstLimitMode.None)
            {
                if (!_used[0])
                {
                    if (!consume) return _capacity >= Cost(p);   // as a new, full bucket
                    Open(0, nowMs);              // limit's one bucket never expires
                }
            }
            else
            {
                BuildKey(p);
                slot = -1;
                int free = -1;
                for (int s = 0; s < _used.Length; s++)
                {
                    bool live = _used[s] && nowMs - _lastMs[s] < _expireMs;
                    if (!live) { if (free < 0) free = s; continue; }
                    if (SameKey(s)) { slot = s; break; }
                }
                if (slot < 0)
                {
                    if (free < 0) return false;   // every slot holds a live key: a new key does not match
                    if (!consume) return _capacity >= Cost(p);
                    slot = free;
                    Open(slot, nowMs);
                }
            }
            long tokens = _tokens[slot];
            long elapsed = nowMs - _lastMs[slot];
            if (elapsed > 0)
            {
                long room = _capacity - tokens;
                tokens = elapsed >= (room + _rate - 1) / _rate ? _capacity : tokens + elapsed * _rate;
            }
            long cost = Cost(p);
            if (!consume) return tokens >= cost;
            _lastMs[slot] = nowMs;
            _tokens[slot] = tokens >= cost ? tokens - cost : tokens;
            return tokens >= cost;
        }

        private long Cost(Packet p) { return (_bits ? (long)p.Length * 8 : 1) * _periodMs; }

        // A new key starts with a full bucket.
        private void Open(int slot, long nowMs)
        {
            _used[slot] = true;
            _tokens[slot] = _capacity;
            _lastMs[slot] = nowMs;
            for (int w = 0; w < _keyWords; w++) _keys[slot * _keyWords + w] = _key[w];
        }

        private void BuildKey(Packet p)
        {
            int at = 0;
            bool src = _mode == DstLimitMode.SrcAddress || _mode == DstLimitMode.SrcAndDstAddress || _mode == DstLimitMode.AddressesAndDstPort || _mode == DstLimitMode.SrcAndDstAddressAndPort;
            bool dst = _mode != DstLimitMode.None && _mode != DstLimitMode.SrcAddress;
            if (src) for (int w = 0; w < _words; w++) _key[at++] = p.Src[w];
            if (dst) for (int w = 0; w < _words; w++) _key[at++] = p.Dst[w];
            if (_mode == DstLimitMode.SrcAndDstAddressAndPort) _key[at++] = (uint)p.SrcPort;
            if (_mode == DstLimitMode.DstAddressAndPort || _mode == DstLimitMode.AddressesAndDstPort || _mode == DstLimitMode.SrcAndDstAddressAndPort) _key[at++] = (uint)p.DstPort;
        }

        private bool SameKey(int slot)
        {
            for (int w = 0; w < _keyWords; w++) if (_keys[slot * _keyWords + w] != _key[w]) return false;
            return true;
        }
    }
}
