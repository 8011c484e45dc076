// FNV-1a (64-bit) over the UTF-8 bytes of the text it is given: the table id of a canonical RuleSet.
// A content id for telling tables apart, not a cryptographic hash; storage guards integrity with CRCs.
namespace Gateway.Core.Text
{
    /// <summary>Hashes text as UTF-8 with FNV-1a 64 without keeping it.</summary>
    public sealed class Fnv64Sink : ITextSink
    {
        private const ulong OffsetBasis = 14695981039346656037;
        private const ulong Prime = 1099511628211;
        private ulong _hash = OffsetBasis;
        private int _highSurrogate = -1;

        public ulong Hash { get { return _hash; } }

        public void Append(string s)
        {
            char[]? pairs = StringChars.PairsOf(s);
            for (int i = 0; i < s.Length; i++) Append(StringChars.At(s, pairs, i));
        }

        public void Append(char c)
        {
            if (c >= 0xD800 && c <= 0xDBFF) { _highSurrogate = c; return; }
            int code = c;
            if (c >= 0xDC00 && c <= 0xDFFF && _highSurrogate >= 0)
            {
                code = 0x10000 + ((_highSurrogate - 0xD800) << 10) + (c - 0xDC00);
            }
            _highSurrogate = -1;
            if (code < 0x80) Byte(code);
            else if (code < 0x800) { Byte(0xC0 | (code >> 6)); Byte(0x80 | (code & 0x3F)); }
            else if (code < 0x10000) { Byte(0xE0 | (code >> 12)); Byte(0x80 | ((code >> 6) & 0x3F)); Byte(0x80 | (code & 0x3F)); }
            else { Byte(0xF0 | (code >> 18)); Byte(0x80 | ((code >> 12) & 0x3F)); Byte(0x80 | ((code >> 6) & 0x3F)); Byte(0x80 | (code & 0x3F)); }
        }

        private void Byte(int b)
        {
            _hash ^= (byte)b;
            _hash *= Prime;
        }

        /// <summary>The hash as 16 lower-case hex digits.</summary>
        public static string ToHex(ulong hash)
        {
            return Hex.ToText(hash, 16);
        }
    }
}
