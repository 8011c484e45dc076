// How many evictable address-list entries each network holds (IPv4 /24, IPv6 /48), so that a full store
// under flood takes its victims from the most crowded networks first (AddressListStore's eviction policy).
// Fixed memory: an open-addressing table sized like the store's own index, allocated once.
using Gateway.Core.Model;

namespace Gateway.Core.AddressLists
{
    /// <summary>Entry counts by network prefix; a slot with count 0 is free.</summary>
    internal sealed class NetworkCounts
    {
        /// <summary>Prefix length that makes an IPv4 network: a /24, what one site or provider block gets.</summary>
        public const int Ipv4PrefixBits = 24;
        /// <summary>Prefix length that makes an IPv6 network: a /48, the usual allocation of one site.</summary>
        public const int Ipv6PrefixBits = 48;

        private const uint Ipv4Mask = 0xFFFFFF00u;
        private const uint Ipv6SecondWordMask = 0xFFFF0000u;

        private readonly int _keyWords;      // 1 (IPv4: the /24) or 2 (IPv6: the /48 in two words)
        private readonly uint[] _key;        // _keyWords per slot
        private readonly ushort[] _count;    // at most the store's capacity, which is at most MaxCapacity
        private readonly int _mask;

        /// <param name="family">Family of the addresses counted.</param>
        /// <param name="capacity">Most entries counted at once (the store's capacity): at most as many networks.</param>
        public NetworkCounts(Family family, int capacity)
        {
            _keyWords = family == Family.Ipv4 ? 1 : 2;
            int slots = 1;
            while (slots < 2 * capacity) slots *= 2;
            _key = new uint[slots * _keyWords];
            _count = new ushort[slots];
            _mask = slots - 1;
        }

        /// <summary>Most entries a store may have: a count must fit 16 bits.</summary>
        public const int MaxCapacity = Capacity.MaxListEntries;

        /// <summary>Bytes per store entry (two slots each): the key words and a 16-bit count.</summary>
        public static int BytesPerEntry(Family family) { return 2 * ((family == Family.Ipv4 ? 1 : 2) * 4 + 2); }

        public void Clear()
        {
            for (int i = 0; i < _count.Length; i++) _count[i] = 0;
        }

        /// <summary>Entries counted in the network of the address at <paramref name="at"/>.</summary>
        public int Of(uint[] address, int at)
        {
            int slot = Find(address, at);
            return _count[slot];
        }

        /// <summary>Counts one more entry in the address's network.</summary>
        public void Add(uint[] address, int at)
        {
            int slot = Find(address, at);
            if (_count[slot] == 0)
            {
                _key[slot * _keyWords] = Word(address, at, 0);
                if (_keyWords == 2) _key[slot * _keyWords + 1] = Word(address, at, 1);
            }
            _count[slot] = (ushort)(_count[slot] + 1);
        }

        /// <summary>Counts one entry fewer in the address's network (which must hold one).</summary>
        public void Remove(uint[] address, int at)
        {
            int slot = Find(address, at);
            if (_count[slot] == 0) return;
            _count[slot] = (ushort)(_count[slot] - 1);
            if (_count[slot] == 0) Vacate(slot);
        }

        // The slot holding the address's network, or the free slot where it would go.
        private int Find(uint[] address, int at)
        {
            uint k0 = Word(address, at, 0);
            uint k1 = _keyWords == 2 ? Word(address, at, 1) : 0;
            int slot = Home(k0, k1);
            while (_count[slot] != 0 && !(_key[slot * _keyWords] == k0 && (_keyWords == 1 || _key[slot * _keyWords + 1] == k1)))
                slot = (slot + 1) & _mask;
            return slot;
        }

        private uint Word(uint[] address, int at, int w)
        {
            if (_keyWords == 1) return address[at] & Ipv4Mask;
            return w == 0 ? address[at] : address[at + 1] & Ipv6SecondWordMask;
        }

        private int Home(uint k0, uint k1)
        {
            uint h = k0 * 0x9E3779B1u;
            h ^= h >> 15;
            h ^= k1;
            h *= 0x85EBCA6Bu;
            h ^= h >> 13;
            return (int)(h & (uint)_mask);
        }

        // Backward-shift deletion, as in the store's index (LinearProbing).
        private void Vacate(int hole)
        {
            int j = hole;
            while (true)
            {
                j = (j + 1) & _mask;
                if (_count[j] == 0) break;
                int home = Home(_key[j * _keyWords], _keyWords == 2 ? _key[j * _keyWords + 1] : 0);
                if (LinearProbing.StaysPut(hole, j, home)) continue;
                _key[hole * _keyWords] = _key[j * _keyWords];
                if (_keyWords == 2) _key[hole * _keyWords + 1] = _key[j * _keyWords + 1];
                _count[hole] = _count[j];
                hole = j;
            }
            _count[hole] = 0;
        }
    }
}
