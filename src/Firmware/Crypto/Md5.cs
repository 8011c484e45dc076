// MD5 (RFC 1321), checked against the RFC's test suite. Only for OpenSSL's EVP_BytesToKey, which fwknop uses to
// turn a key and a packet's salt into the AES key and IV (OpenSslKey); never as a security hash of its own.
namespace Gateway.Crypto
{
    /// <summary>Incremental MD5 with fixed buffers.</summary>
    public sealed class Md5 : BlockHash
    {
        /// <summary>Bytes in a digest.</summary>
        public const int DigestBytes = 16;

        // K[i] = floor(2^32 * |sin(i + 1)|), and the per-step rotations, as RFC 1321 section 3.4 lists them.
        private static readonly uint[] K =
        {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
        };
        private static readonly int[] Shift = { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };

        private readonly uint[] _h = new uint[4];
        private readonly uint[] _m = new uint[16];

        public Md5() { Reset(); }

        protected override void Initialize()
        {
            _h[0] = 0x67452301; _h[1] = 0xefcdab89; _h[2] = 0x98badcfe; _h[3] = 0x10325476;
        }

        /// <summary>Writes the digest to <paramref name="output"/> at <paramref name="offset"/> and resets.</summary>
        public void Final(byte[] output, int offset)
        {
            Pad(false);
            for (int i = 0; i < 4; i++)
            {
                output[offset + 4 * i] = (byte)_h[i];
                output[offset + 4 * i + 1] = (byte)(_h[i] >> 8);
                output[offset + 4 * i + 2] = (byte)(_h[i] >> 16);
                output[offset + 4 * i + 3] = (byte)(_h[i] >> 24);
            }
            Reset();
        }

        protected override void Compress()
        {
            uint[] m = _m;
            byte[] block = Block;
            for (int i = 0; i < 16; i++)
                m[i] = block[4 * i] | ((uint)block[4 * i + 1] << 8) | ((uint)block[4 * i + 2] << 16) | ((uint)block[4 * i + 3] << 24);
            uint a = _h[0], b = _h[1], c = _h[2], d = _h[3];
            for (int i = 0; i < 64; i++)
            {
                uint f;
                int g;
                if (i < 16) { f = (b & c) | (~b & d); g = i; }
                else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) & 15; }
                else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
                else { f = c ^ (b | ~d); g = (7 * i) & 15; }
                uint sum = a + f + K[i] + m[g];
                int s = Shift[(i >> 4) * 4 + (i & 3)];
                a = d; d = c; c = b;
                b += (sum << s) | (sum >> (32 - s));
            }
            _h[0] += a; _h[1] += b; _h[2] += c; _h[3] += d;
        }
    }
}
