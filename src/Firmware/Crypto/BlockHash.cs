// What MD5 and SHA-256 share (RFC 1321, FIPS 180-4): 64-byte blocks filled as bytes arrive, and the final
// padding (0x80, zeros, the message's length in bits in the last 8 bytes), little-endian for MD5 and big-endian
// for SHA-256. Each hash supplies its compression function and its initial state.
namespace Gateway.Crypto
{
    public abstract class BlockHash
    {
        /// <summary>Bytes in a block.</summary>
        public const int BlockBytes = 64;

        private readonly byte[] _block = new byte[BlockBytes];

        /// <summary>The block being filled; <see cref="Compress"/> reads it.</summary>
        protected byte[] Block { get { return _block; } }
        private int _blockLength;
        private long _totalBytes;

        /// <summary>Starts a new message.</summary>
        public void Reset()
        {
            _blockLength = 0;
            _totalBytes = 0;
            Initialize();
        }

        public void Update(byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _block[_blockLength++] = data[offset + i];
                if (_blockLength == BlockBytes) { Compress(); _blockLength = 0; }
            }
            _totalBytes += count;
        }

        /// <summary>Resumes after <paramref name="totalBytes"/> bytes that ended on a block boundary, the chaining
        /// state restored by the caller: how HMAC starts from its key's saved state.</summary>
        protected void ResumeAt(long totalBytes)
        {
            _blockLength = 0;
            _totalBytes = totalBytes;
        }

        /// <summary>Sets the chaining state to the hash's initial value.</summary>
        protected abstract void Initialize();

        /// <summary>Folds <see cref="Block"/> into the chaining state.</summary>
        protected abstract void Compress();

        /// <summary>Pads the message and compresses its last blocks.</summary>
        protected void Pad(bool bigEndianLength)
        {
            long bits = _totalBytes * 8;
            _block[_blockLength++] = 0x80;
            if (_blockLength > BlockBytes - 8)
            {
                while (_blockLength < BlockBytes) _block[_blockLength++] = 0;
                Compress();
                _blockLength = 0;
            }
            while (_blockLength < BlockBytes - 8) _block[_blockLength++] = 0;
            for (int i = 0; i < 8; i++) _block[_blockLength++] = (byte)(bits >> (8 * (bigEndianLength ? 7 - i : i)));
            Compress();
        }
    }
}
