// An IByteSource over bytes already in memory (uploads received whole, tests).
namespace Gateway.Core.Package
{
    /// <summary>Reads a byte array, or its first <c>length</c> bytes.</summary>
    public sealed class ByteArraySource : IByteSource
    {
        private readonly byte[] _bytes;
        private readonly int _length;
        private int _at;

        public ByteArraySource(byte[] bytes) : this(bytes, bytes.Length) { }

        public ByteArraySource(byte[] bytes, int length)
        {
            _bytes = bytes;
            _length = length < bytes.Length ? length : bytes.Length;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _length - _at;
            if (n > count) n = count;
            for (int i = 0; i < n; i++) buffer[offset + i] = _bytes[_at + i];
            _at += n;
            return n;
        }
    }
}
