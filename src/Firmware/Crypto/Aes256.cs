// AES-256 decryption (FIPS-197) and CBC (NIST SP 800-38A), checked against FIPS-197's appendix C.3 and SP 800-38A's
// CBC-AES256 vectors and against .NET's Aes. SPA needs only to decrypt: fwknop's client encrypts. The S-box is
// computed at start-up from its definition (the inverse in GF(2^8), then the affine map) rather than typed in,
// and the inverse MixColumns multiplications are tables of 256 bytes each. Byte-oriented, not T-tables: a
// datagram is decrypted only after its HMAC held, so speed matters less than 4 KB of tables on the board.
namespace Gateway.Crypto
{
    /// <summary>AES-256 block decryption under a key set once, and CBC decryption of whole blocks.</summary>
    public sealed class Aes256
    {
        public const int KeyBytes = 32;
        public const int BlockBytes = 16;
        private const int Rounds = 14;

        private static readonly byte[] s_sbox = new byte[256];
        private static readonly byte[] s_inverseSbox = new byte[256];
        private static readonly byte[] s_mul9 = new byte[256], s_mul11 = new byte[256], s_mul13 = new byte[256], s_mul14 = new byte[256];

        static Aes256()
        {
            // Powers of the generator 3 give every non-zero element and its logarithm.
            byte[] exp = new byte[256], log = new byte[256];
            int x = 1;
            for (int i = 0; i < 255; i++)
            {
                exp[i] = (byte)x;
                log[x] = (byte)i;
                x ^= Xtime(x);
            }
            for (int i = 0; i < 256; i++)
            {
                int inverse = i == 0 ? 0 : exp[(255 - log[i]) % 255];
                int s = inverse ^ Rotl8(inverse, 1) ^ Rotl8(inverse, 2) ^ Rotl8(inverse, 3) ^ Rotl8(inverse, 4) ^ 0x63;
                s_sbox[i] = (byte)s;
                s_inverseSbox[s] = (byte)i;
                s_mul9[i] = Mul(i, 9, exp, log);
                s_mul11[i] = Mul(i, 11, exp, log);
                s_mul13[i] = Mul(i, 13, exp, log);
                s_mul14[i] = Mul(i, 14, exp, log);
            }
        }

        private readonly uint[] _schedule = new uint[4 * (Rounds + 1)];
        private readonly byte[] _state = new byte[BlockBytes];
        private readonly byte[] _previous = new byte[BlockBytes];
        private readonly byte[] _cipherBlock = new byte[BlockBytes];

        /// <summary>Expands a 32-byte key (FIPS-197 section 5.2, Nk = 8).</summary>
        public void SetKey(byte[] key, int offset)
        {
            uint[] w = _schedule;
            for (int i = 0; i < 8; i++)
                w[i] = ((uint)key[offset + 4 * i] << 24) | ((uint)key[offset + 4 * i + 1] << 16) | ((uint)key[offset + 4 * i + 2] << 8) | key[offset + 4 * i + 3];
            uint rcon = 1;
            for (int i = 8; i < w.Length; i++)
            {
                uint t = w[i - 1];
                if (i % 8 == 0)
                {
                    t = SubWord((t << 8) | (t >> 24)) ^ (rcon << 24);
                    rcon = (uint)Xtime((int)rcon);
                }
                else if (i % 8 == 4) t = SubWord(t);
                w[i] = w[i - 8] ^ t;
            }
        }

        /// <summary>Decrypts one block; <paramref name="output"/> may be <paramref name="input"/>.</summary>
        public void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            byte[] s = _state;
            for (int i = 0; i < BlockBytes; i++) s[i] = input[inputOffset + i];
            AddRoundKey(s, Rounds);
            for (int round = Rounds - 1; round >= 1; round--)
            {
                InverseShiftRowsAndSubBytes(s);
                AddRoundKey(s, round);
                InverseMixColumns(s);
            }
            InverseShiftRowsAndSubBytes(s);
            AddRoundKey(s, 0);
            for (int i = 0; i < BlockBytes; i++) output[outputOffset + i] = s[i];
        }

        /// <summary>CBC-decrypts <paramref name="count"/> bytes (whole blocks) under <paramref name="iv"/>; in place
        /// when <paramref name="output"/> is <paramref name="input"/> at the same offset. False when the count is not
        /// a positive multiple of the block.</summary>
        public bool DecryptCbc(byte[] iv, int ivOffset, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            if (count <= 0 || count % BlockBytes != 0) return false;
            for (int i = 0; i < BlockBytes; i++) _previous[i] = iv[ivOffset + i];
            for (int at = 0; at < count; at += BlockBytes)
            {
                for (int i = 0; i < BlockBytes; i++) _cipherBlock[i] = input[inputOffset + at + i];
                DecryptBlock(_cipherBlock, 0, output, outputOffset + at);
                for (int i = 0; i < BlockBytes; i++)
                {
                    output[outputOffset + at + i] ^= _previous[i];
                    _previous[i] = _cipherBlock[i];
                }
            }
            return true;
        }

        private void AddRoundKey(byte[] s, int round)
        {
            for (int c = 0; c < 4; c++)
            {
                uint k = _schedule[4 * round + c];
                s[4 * c] ^= (byte)(k >> 24);
                s[4 * c + 1] ^= (byte)(k >> 16);
                s[4 * c + 2] ^= (byte)(k >> 8);
                s[4 * c + 3] ^= (byte)k;
            }
        }

        // Row r moves r columns right (state[r + 4c], column-major), each byte through the inverse S-box.
        private static void InverseShiftRowsAndSubBytes(byte[] s)
        {
            byte[] inv = s_inverseSbox;
            s[0] = inv[s[0]]; s[4] = inv[s[4]]; s[8] = inv[s[8]]; s[12] = inv[s[12]];
            byte t = s[13]; s[13] = inv[s[9]]; s[9] = inv[s[5]]; s[5] = inv[s[1]]; s[1] = inv[t];
            t = s[2]; s[2] = inv[s[10]]; s[10] = inv[t];
            t = s[6]; s[6] = inv[s[14]]; s[14] = inv[t];
            t = s[3]; s[3] = inv[s[7]]; s[7] = inv[s[11]]; s[11] = inv[s[15]]; s[15] = inv[t];
        }

        private static void InverseMixColumns(byte[] s)
        {
            for (int c = 0; c < 16; c += 4)
            {
                int a0 = s[c], a1 = s[c + 1], a2 = s[c + 2], a3 = s[c + 3];
                s[c] = (byte)(s_mul14[a0] ^ s_mul11[a1] ^ s_mul13[a2] ^ s_mul9[a3]);
                s[c + 1] = (byte)(s_mul9[a0] ^ s_mul14[a1] ^ s_mul11[a2] ^ s_mul13[a3]);
                s[c + 2] = (byte)(s_mul13[a0] ^ s_mul9[a1] ^ s_mul14[a2] ^ s_mul11[a3]);
                s[c + 3] = (byte)(s_mul11[a0] ^ s_mul13[a1] ^ s_mul9[a2] ^ s_mul14[a3]);
            }
        }

        private static uint SubWord(uint w)
        {
            return ((uint)s_sbox[w >> 24] << 24) | ((uint)s_sbox[(w >> 16) & 0xFF] << 16) | ((uint)s_sbox[(w >> 8) & 0xFF] << 8) | s_sbox[w & 0xFF];
        }

        // Multiplication by x (0x02) in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
        private static int Xtime(int x) { return ((x << 1) ^ ((x & 0x80) != 0 ? 0x1B : 0)) & 0xFF; }

        private static int Rotl8(int x, int n) { return ((x << n) | (x >> (8 - n))) & 0xFF; }

        private static byte Mul(int a, int b, byte[] exp, byte[] log) { return a == 0 ? (byte)0 : exp[(log[a] + log[b]) % 255]; }
    }
}
