// HMAC-SHA-256 (RFC 2104 over FIPS 180-4), checked against RFC 4231's vectors: the console password's PBKDF2
// and SPA's authentication tag. The key is set once: its inner and outer padded blocks are hashed then and the
// two states kept, so a tag costs the message's blocks and one more, never the key's two again (a third of a
// short SPA datagram's cost, which is what a flood of forgeries spends), and no allocation.
namespace Gateway.Crypto
{
    /// <summary>HMAC-SHA-256 with a key set once: <see cref="Begin"/>, <see cref="Update"/>, <see cref="Final"/>.</summary>
    public sealed class HmacSha256
    {
        /// <summary>Bytes in a tag.</summary>
        public const int TagBytes = Sha256.DigestBytes;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _pad = new byte[Sha256.BlockBytes];
        private readonly uint[] _innerState = new uint[8];
        private readonly uint[] _outerState = new uint[8];
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
            for (int pass = 0; pass < 2; pass++)
            {
                byte fill = pass == 0 ? (byte)0x36 : (byte)0x5c;
                for (int i = 0; i < Sha256.BlockBytes; i++) _pad[i] = (byte)((i < length ? k[at + i] : 0) ^ fill);
                _sha.Reset();
                _sha.Update(_pad, 0, Sha256.BlockBytes);
                _sha.SaveState(pass == 0 ? _innerState : _outerState);
            }
            for (int i = 0; i < Sha256.BlockBytes; i++) _pad[i] = 0;
        }

        /// <summary>Starts a tag under the key set last.</summary>
        public void Begin() { _sha.LoadState(_innerState, Sha256.BlockBytes); }

        /// <summary>Adds message bytes.</summary>
        public void Update(byte[] data, int offset, int count) { _sha.Update(data, offset, count); }

        /// <summary>Writes the 32-byte tag at <paramref name="offset"/>; <paramref name="output"/> may be an input.</summary>
        public void Final(byte[] output, int offset)
        {
            _sha.Final(_digest, 0);
            _sha.LoadState(_outerState, Sha256.BlockBytes);
            _sha.Update(_digest, 0, Sha256.DigestBytes);
            _sha.Final(output, offset);
        }
    }
}
