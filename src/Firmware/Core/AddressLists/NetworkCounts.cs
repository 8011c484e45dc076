// How many evictable address-list entries each network holds (IPv4 /24, IPv6 /48), so that a full store
// under flood takes its victims from the most crowded networks first (AddressListStore's eviction policy).
// A count-min sketch in fixed memory: two rows of 16-bit counters, each network counted in one counter of
// each row by two independent hashes (the low and high halves of one); its estimate is the smaller of the
// two. The estimate is never below the true count and equals it unless both its counters are shared with
// other networks (not necessarily the same one). It costs 2 bytes per store
// entry (an exact table keyed by network cost 12) and, unlike a keyed table, never needs a probe run.
using Gateway.Core.Model;

namespace Gateway.Core.AddressLists
{
    /// <summary>Estimated entry counts by network prefix.</summary>
    internal sealed class NetworkCounts
    {
        /// <summary>Fewest counters per row, whatever the store's size: a small store still tells a few
        /// dozen networks apart.</summary>
        public const int MinRowCounters = 64;

        // What makes a network: an IPv4 /24 (what one site or provider block gets), an IPv6 /48 (the usual
        // allocation of one site: the first word and the top half of the second).
        private const uint Ipv4Mask = 0xFFFFFF00u;
        private const uint Ipv6SecondWordMask = 0xFFFF0000u;

        private readonly bool _ipv4;
        private readonly ushort[] _first;    // row 1; at most the store's capacity in all, which fits 16 bits
        private readonly ushort[] _second;   // row 2
        private readonly int _mask;

        /// <param name="family">Family of the addresses counted.</param>
        /// <param name="capacity">Most entries counted at once (the store's capacity).</param>
        public NetworkCounts(Family family, int capacity)
        {
            _ipv4 = family == Family.Ipv4;
            int row = RowCounters(capacity);
            _first = new ushort[row];
            _second = new ushort[row];
            _mask = row - 1;
        }

        /// <summary>Most entries a store may have: a count must fit 16 bits.</summary>
        public const int MaxCapacity = Capacity.MaxListEntries;

        /// <summary>Counters per row for a store of <paramref name="capacity"/>: a power of two, at least half
        /// the capacity (so 2 bytes per entry at a power-of-two capacity) and at least <see cref="MinRowCounters"/>.</summary>
        public static int RowCounters(int capacity)
        {
            int row = MinRowCounters;
            while (row < (capacity + 1) / 2) row *= 2;
            return row;
        }

        /// <summary>Bytes of the two rows for a store of <paramref name="capacity"/>.</summary>
        public static int Bytes(int capacity) { return 2 * 2 * RowCounters(capacity); }

        public void Clear()
        {
            for (int i = 0; i < _first.Length; i++) { _first[i] = 0; _second[i] = 0; }
        }

        /// <summary>Entries counted in the network of the address at <paramref name="at"/> (an estimate never below the truth).</summary>
        public int Of(uint[] address, int at)
        {
            uint h = Hash(address, at);
            int a = _first[(int)(h & (uint)_mask)], b = _second[(int)((h >> 16) & (uint)_mask)];
            return a < b ? a : b;
        }

        /// <summary>Counts one more entry in the address's network.</summary>
        public void Add(uint[] address, int at)
        {
            uint h = Hash(address, at);
            _first[(int)(h & (uint)_mask)]++;
            _second[(int)((h >> 16) & (uint)_mask)]++;
        }

        /// <summary>Counts one entry fewer in the address's network (which must hold one).</summary>
        public void Remove(uint[] address, int at)
        {
            uint h = Hash(address, at);
            int a = (int)(h & (uint)_mask), b = (int)((h >> 16) & (uint)_mask);
            if (_first[a] > 0) _first[a]--;
            if (_second[b] > 0) _second[b]--;
        }

        // The network (the /24 itself, or the /48's two words mixed) through murmur3's finaliser, whose every
        // input bit reaches every output bit: its low half picks the first row's counter, its high half the
        // second's (rows have at most 2^15 counters), two independent hashes from one. One call, no helpers:
        // the eviction sample asks for 16 networks per evicted entry, and on the board every call is interpreted.
        private uint Hash(uint[] address, int at)
        {
            uint h;
            if (_ipv4) h = address[at] & Ipv4Mask;
            else
            {
                h = address[at] * 0x9E3779B1u;
                h ^= h >> 15;
                h ^= address[at + 1] & Ipv6SecondWordMask;
            }
            h ^= h >> 16;
            h *= 0x85EBCA6Bu;
            h ^= h >> 13;
            h *= 0xC2B2AE35u;
            h ^= h >> 16;
            return h;
        }
    }
}
