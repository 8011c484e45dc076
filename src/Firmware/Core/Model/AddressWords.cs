// Arithmetic on addresses held as big-endian 32-bit words (1 for IPv4, 4 for IPv6), shared by the
// model, the compiler's tables and the address-list store. Allocation-free.
namespace Gateway.Core.Model
{
    /// <summary>Compare and mask addresses stored as words, most significant first.</summary>
    public static class AddressWords
    {
        /// <summary>Words per address: 1 for IPv4, 4 for IPv6.</summary>
        public static int Of(Family family) { return family == Family.Ipv4 ? 1 : 4; }

        /// <summary>Bits per address: 32 or 128.</summary>
        public static int BitsOf(Family family) { return family == Family.Ipv4 ? 32 : 128; }

        /// <summary>-1, 0 or 1 as a[aAt..] is below, equal to or above b[bAt..].</summary>
        public static int Compare(uint[] a, int aAt, uint[] b, int bAt, int words)
        {
            for (int i = 0; i < words; i++)
            {
                uint x = a[aAt + i], y = b[bAt + i];
                if (x != y) return x < y ? -1 : 1;
            }
            return 0;
        }

        /// <summary>True when value lies in [low, high].</summary>
        public static bool InRange(uint[] value, int valueAt, uint[] low, uint[] high, int rangeAt, int words)
        {
            return Compare(value, valueAt, low, rangeAt, words) >= 0 && Compare(value, valueAt, high, rangeAt, words) <= 0;
        }

        /// <summary>True when a and b agree in their first <paramref name="prefixLength"/> bits.</summary>
        public static bool SamePrefix(uint[] a, uint[] b, int words, int prefixLength)
        {
            for (int w = 0; w < words; w++)
            {
                uint mask = MaskWord(prefixLength, w);
                if ((a[w] & mask) != (b[w] & mask)) return false;
            }
            return true;
        }

        /// <summary>The network mask word <paramref name="wordIndex"/> of a prefix of <paramref name="prefixLength"/> bits.</summary>
        public static uint MaskWord(int prefixLength, int wordIndex)
        {
            int bits = prefixLength - wordIndex * 32;
            if (bits <= 0) return 0;
            if (bits >= 32) return 0xFFFFFFFF;
            return 0xFFFFFFFF << (32 - bits);
        }

        /// <summary>The prefix length that [low, high] spans exactly, or -1 when it is not one prefix.</summary>
        public static int PrefixLengthOf(uint[] low, uint[] high, int words)
        {
            int bits = words * 32;
            for (int length = bits; length >= 0; length--)
            {
                bool exact = true;
                for (int w = 0; w < words && exact; w++)
                {
                    uint mask = MaskWord(length, w);
                    exact = (low[w] & ~mask) == 0 && high[w] == (low[w] | ~mask);
                }
                if (exact) return length;
            }
            return -1;
        }
    }
}
