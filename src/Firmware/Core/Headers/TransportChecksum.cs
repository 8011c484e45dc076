// The TCP and UDP checksums of a captured packet (RFC 793, RFC 768, RFC 8200 section 8.1: the one's
// complement sum over a pseudo-header and the segment). The stack drops a segment whose checksum fails,
// so the gateway must not count it as a knock the stack never saw. Only whole, unfragmented segments can
// be checked: a capture cut short, a fragment or an IPv6 packet with extension headers is Unknown.
using Gateway.Core.Model;

namespace Gateway.Core.Headers
{
    /// <summary>Verifies the transport checksum of an IP packet's bytes, without allocating.</summary>
    public static class TransportChecksum
    {
        public const int Valid = 0;
        public const int Invalid = 1;
        /// <summary>Not checkable from these bytes (cut short, a fragment, extension headers, not TCP/UDP).</summary>
        public const int Unknown = 2;

        /// <summary>Checks the packet at <paramref name="offset"/>, <paramref name="count"/> bytes captured.</summary>
        public static int Check(byte[] b, int offset, int count)
        {
            if (count < 20 || offset < 0 || offset + count > b.Length) return Unknown;
            int version = b[offset] >> 4;
            int protocol, at, length;
            uint sum = 0;
            if (version == 4)
            {
                int header = (b[offset] & 0x0F) * 4;
                int total = (b[offset + 2] << 8) | b[offset + 3];
                if ((((b[offset + 6] << 8) | b[offset + 7]) & 0x3FFF) != 0) return Unknown;   // a fragment
                protocol = b[offset + 9];
                at = offset + header;
                length = total - header;
                if (header < 20 || length < 0 || total > count) return Unknown;
                sum = Add(sum, b, offset + 12, 8);   // source and destination
            }
            else if (version == 6)
            {
                if (count < 40) return Unknown;
                protocol = b[offset + 6];
                at = offset + 40;
                length = (b[offset + 4] << 8) | b[offset + 5];
                if (40 + length > count) return Unknown;
                sum = Add(sum, b, offset + 8, 32);
            }
            else return Unknown;
            if (protocol == Protocols.Udp)
            {
                if (length < 8) return Unknown;
                // IPv4 may leave a UDP checksum out (0); IPv6 may not (the stack drops it).
                if (b[at + 6] == 0 && b[at + 7] == 0) return version == 4 ? Valid : Invalid;
            }
            else if (protocol != Protocols.Tcp || length < 20) return Unknown;
            sum += (uint)protocol + (uint)length;
            sum = Add(sum, b, at, length);
            while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            return sum == 0xFFFF ? Valid : Invalid;
        }

        // Adds 16-bit big-endian words (an odd last byte padded with zero); folds often enough not to overflow.
        private static uint Add(uint sum, byte[] b, int at, int length)
        {
            int end = at + length - 1;
            int i = at;
            for (; i < end; i += 2)
            {
                sum += (uint)((b[i] << 8) | b[i + 1]);
                if ((sum & 0x80000000) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            }
            if (i == end) sum += (uint)(b[i] << 8);
            return sum;
        }
    }
}
