// HMAC-SHA-256 (RFC 2104 over FIPS 180-4), checked against RFC 4231's vectors: the console password's PBKDF2
// and SPA's authentication tag. The key is set once and its padded blocks kept, so each tag costs two
// hashes and no allocation.
namespace Gateway.Crypto
{
    /// <summary>HMAC-SHA-256 with a key set once: <see cref="Begin"/>, <see cref="Update"/>, <see cref="Final"/>.</summary>
    public sealed class HmacSha256
    {
        /// <summary>Bytes in a tag.</summary>
        public const int TagBytes = Sha256.DigestBytes;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _inner = new byte[Sha256.BlockBytes];
        private readonly byte[] _outer = new byte[Sha256.BlockBytes];
        private readonly byte[] _digest = new byte[Sha256.DigestBytes];

        /// <summary>Sets the key (a key longer than a block is hashed first, as RFC 2104 says).</summary>
        public void SetKey(byte[] key, int offset, int length)
        {
            byte[] k = key;
            int at = offset;
            _sha.Reset();
            if (length > Sha256.BlockBytes)
            {
                _sha.Update(key, offset, length);
                _sha.Final(_digest, 0);
                k = _digest;
                at = 0;
                length = Sha256.DigestBytes;
            }
            for (int i = 0; i < Sha256.BlockBytes; i++)
            {
                byte b = i < length ? k[at + i] : (byte)0;
                _inner[i] = (byte)(b ^ 0x36);
                _outer[i] = (byte)(b ^ 0x5c);
            }
        }

        /// <summary>Starts a tag under the key set last.</summary>
        public void Begin()
        {
            _sha.Reset();
            _sha.Update(_inner, 0, Sha256.BlockBytes);
        }

        /// <summary>Adds message bytes.</summary>
        public void Update(byte[] data, int offset, int count) { _sha.Update(data, offset, count); }

        /// <summary>Writes the 32-byte tag at <paramref name="offset"/>; <paramref name="output"/> may be an input.</summary>
        public void Final(byte[] output, int offset)
        {
            _sha.Final(_digest, 0);
            _sha.Update(_outer, 0, Sha256.BlockBytes);
            _sha.Update(_digest, 0, Sha256.DigestBytes);
            _sha.Final(output, offset);
        }
    }
}
