// SHA-256 (FIPS 180-4) in portable code: nanoFramework's mscorlib has no System.Security.Cryptography.
// Used by HMAC-SHA-256 (the console password's PBKDF2, SPA's authentication tags); one instance reuses its buffers.
namespace Gateway.Crypto
{
    /// <summary>Incremental SHA-256.</summary>
    public sealed class Sha256 : BlockHash
    {
        /// <summary>Bytes in a digest.</summary>
        public const int DigestBytes = 32;

        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _h = new uint[8];
        private readonly uint[] _w = new uint[64];

        public Sha256() { Reset(); }

        /// <summary>Copies the chaining state (8 words) of a hash that stands on a block boundary into <paramref name="state"/>.</summary>
        internal void SaveState(uint[] state)
        {
            for (int i = 0; i < 8; i++) state[i] = _h[i];
        }

        /// <summary>Continues from a state <see cref="SaveState"/> took after <paramref name="totalBytes"/> bytes (a
        /// multiple of the block).</summary>
        internal void LoadState(uint[] state, long totalBytes)
        {
            for (int i = 0; i < 8; i++) _h[i] = state[i];
            ResumeAt(totalBytes);
        }

        protected override void Initialize()
        {
            _h[0] = 0x6a09e667; _h[1] = 0xbb67ae85; _h[2] = 0x3c6ef372; _h[3] = 0xa54ff53a;
            _h[4] = 0x510e527f; _h[5] = 0x9b05688c; _h[6] = 0x1f83d9ab; _h[7] = 0x5be0cd19;
        }

        /// <summary>Writes the digest to <paramref name="output"/> at <paramref name="offset"/> and resets.</summary>
        public void Final(byte[] output, int offset)
        {
            Pad(true);
            for (int i = 0; i < 8; i++)
            {
                output[offset + 4 * i] = (byte)(_h[i] >> 24);
                output[offset + 4 * i + 1] = (byte)(_h[i] >> 16);
                output[offset + 4 * i + 2] = (byte)(_h[i] >> 8);
                output[offset + 4 * i + 3] = (byte)_h[i];
            }
            Reset();
        }

        protected override void Compress()
        {
            uint[] w = _w;
            byte[] block = Block;
            for (int i = 0; i < 16; i++)
                w[i] = ((uint)block[4 * i] << 24) | ((uint)block[4 * i + 1] << 16) | ((uint)block[4 * i + 2] << 8) | block[4 * i + 3];
            for (int i = 16; i < 64; i++)
            {
                uint s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
                uint s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }
            uint a = _h[0], b = _h[1], c = _h[2], d = _h[3], e = _h[4], f = _h[5], g = _h[6], h = _h[7];
            for (int i = 0; i < 64; i++)
            {
                uint t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
                uint t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
                h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
            }
            _h[0] += a; _h[1] += b; _h[2] += c; _h[3] += d; _h[4] += e; _h[5] += f; _h[6] += g; _h[7] += h;
        }

        private static uint Rotr(uint x, int n) { return (x >> n) | (x << (32 - n)); }
    }
}
