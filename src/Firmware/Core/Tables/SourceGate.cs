// The source-address side of a table's decision index. A rule whose src-address is one narrow range (a host,
// or a network of at most 256 /24s; /48s for IPv6) that no other such rule's range overlaps is kept out of the
// port intervals' candidate lists and listed here instead, sorted by its range. A packet's source finds the one
// group of rules whose range holds it, usually none: a 128-byte map of hashed address blocks tells most
// sources that without a search. The engine merges the group, in rule order, into the chain it walks, so rules
// for other sources cost nothing, as rules for other ports cost nothing. Built by SourceGateBuilder.
using Gateway.Core.Model;

namespace Gateway.Core.Tables
{
    /// <summary>Rules gated by their source address, and the map that rules most sources out.</summary>
    public sealed class SourceGate
    {
        /// <summary>Bits of the map of address blocks (IPv4 /24, IPv6 /48) some gated range touches, hashed.</summary>
        public const int MapBits = 1024;
        /// <summary>Words of that map.</summary>
        public const int MapWords = MapBits / 32;
        /// <summary>Widest range a rule may have and be gated, in blocks (a /16 for IPv4, a /40 for IPv6):
        /// a wider one would fill the map. Wider ranges stay in the port intervals.</summary>
        public const int MaxBlocksPerRange = 256;

        // Gated rules (table-wide indexes), ascending by their range's low bound, then by rule: the rules of one
        // range are contiguous, in rule order.
        internal readonly short[] Rules;
        internal readonly int[] Map;

        internal SourceGate(int rules)
        {
            Rules = new short[rules];
            Map = new int[MapWords];
        }

        /// <summary>Rules kept out of the port intervals.</summary>
        public int Count { get { return Rules.Length; } }

        /// <summary>Bytes of the gate's arrays.</summary>
        public int Bytes { get { return Rules.Length * 2 + MapWords * 4; } }

        /// <summary>Bytes of a gate at a table's rule capacity (every rule gated).</summary>
        public static int BytesAtCapacity(int rules) { return rules * 2 + MapWords * 4; }

        /// <summary>The positions [first, end) in <see cref="Rules"/> of the rules whose range holds the
        /// address, packed as <c>first | end &lt;&lt; 16</c> (positions stay below 65,536); 0 when none does.</summary>
        internal int GroupOf(FilterTable t, uint[] address)
        {
            if (Rules.Length == 0) return 0;
            int words = t.Words;
            int bit = BitOf(BlockOf(address, 0, words));
            if ((Map[bit >> 5] & (1 << (bit & 31))) == 0) return 0;
            // The first rule whose range starts above the address; the one before it is the only candidate.
            int low = 0, high = Rules.Length;
            while (low < high)
            {
                int mid = (low + high) >> 1;
                if (AddressWords.Compare(t.AddressLow, t.SrcAddress[Rules[mid]] * words, address, 0, words) <= 0) low = mid + 1;
                else high = mid;
            }
            if (low == 0) return 0;
            int range = t.SrcAddress[Rules[low - 1]];
            if (AddressWords.Compare(address, 0, t.AddressHigh, range * words, words) > 0) return 0;
            int first = low - 1;
            while (first > 0 && AddressWords.Compare(t.AddressLow, t.SrcAddress[Rules[first - 1]] * words, t.AddressLow, range * words, words) == 0) first--;
            return first | (low << 16);
        }

        /// <summary>The block of an address: its /24 (IPv4) or /48 (IPv6) as a number.</summary>
        internal static long BlockOf(uint[] address, int at, int words)
        {
            if (words == 1) return address[at] >> 8;
            return ((long)address[at] << 16) | (address[at + 1] >> 16);
        }

        /// <summary>The map bit of a block (a multiplicative hash to 10 bits).</summary>
        internal static int BitOf(long block)
        {
            uint h = ((uint)block ^ (uint)(block >> 32)) * 0x9E3779B1u;
            return (int)(h >> 22);
        }
    }
}
