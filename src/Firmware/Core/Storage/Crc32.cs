// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zlib computes it. Written here because the
// device's mscorlib has no System.IO.Hashing; bitwise to spare the 1 KB table on the device's heap.
namespace Gateway.Core.Storage
{
    /// <summary>CRC-32 of byte ranges, incrementally.</summary>
    public static class Crc32
    {
        private const uint Polynomial = 0xEDB88320;

        /// <summary>Starting value for <see cref="Update"/>.</summary>
        public const uint Initial = 0xFFFFFFFF;

        public static uint Update(uint crc, byte[] bytes, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= bytes[i];
                for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }
            return crc;
        }

        public static uint Final(uint crc) { return crc ^ 0xFFFFFFFF; }

        /// <summary>CRC-32 of bytes[offset..offset+count).</summary>
        public static uint Of(byte[] bytes, int offset, int count) { return Final(Update(Initial, bytes, offset, count)); }
    }
}
