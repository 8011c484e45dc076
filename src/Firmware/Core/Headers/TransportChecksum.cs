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
            if (count < Ipv4Field.MinHeader || offset < 0 || offset + count > b.Length) return Unknown;
            int version = b[offset] >> 4;
            int protocol, at, length;
            uint sum = 0;
            if (version == 4)
            {
                int header = (b[offset + Ipv4Field.VersionAndLength] & 0x0F) * 4;
                int total = (b[offset + Ipv4Field.TotalLength] << 8) | b[offset + Ipv4Field.TotalLength + 1];
                if ((((b[offset + Ipv4Field.FlagsAndFragment] << 8) | b[offset + Ipv4Field.FlagsAndFragment + 1]) & (Ipv4Field.MoreFragments | Ipv4Field.FragmentOffsetMask)) != 0) return Unknown;   // a fragment
                protocol = b[offset + Ipv4Field.Protocol];
                at = offset + header;
                length = total - header;
                if (header < Ipv4Field.MinHeader || length < 0 || total > count) return Unknown;
                sum = Add(sum, b, offset + Ipv4Field.Source, 8);   // source and destination
            }
            else if (version == 6)
            {
                if (count < Ipv6Field.Header) return Unknown;
                protocol = b[offset + Ipv6Field.NextHeader];
                at = offset + Ipv6Field.Header;
                length = (b[offset + Ipv6Field.PayloadLength] << 8) | b[offset + Ipv6Field.PayloadLength + 1];
                if (Ipv6Field.Header + length > count) return Unknown;
                sum = Add(sum, b, offset + Ipv6Field.Source, 32);
            }
            else return Unknown;
            if (protocol == Protocols.Udp)
            {
                if (length < UdpField.Header) return Unknown;
                // IPv4 may leave a UDP checksum out (0); IPv6 may not (the stack drops it).
                if (b[at + UdpField.Checksum] == 0 && b[at + UdpField.Checksum + 1] == 0) return version == 4 ? Valid : Invalid;
            }
            else if (protocol != Protocols.Tcp || length < TcpField.MinHeader) return Unknown;
            sum += (uint)protocol + (uint)length;
            sum = Add(sum, b, at, length);
            while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            return sum == 0xFFFF ? Valid : Invalid;
        }

        // Adds 16-bit big-endian words (an odd last byte padded with zero), two words a turn. No fold inside the
        // loop: a segment's length is a 16-bit field, so at most 32,768 words of at most 0xFFFF, plus a pseudo-header
        // of at most 18 words, stay below 2^32 (the caller folds once at the end). On the board every IL step of this
        // loop is interpreted, once per judged SYN.
        private static uint Add(uint sum, byte[] b, int at, int length)
        {
            int pairs = at + (length & ~3);
            int i = at;
            for (; i < pairs; i += 4) sum += (uint)(((b[i] << 8) | b[i + 1]) + ((b[i + 2] << 8) | b[i + 3]));
            int end = at + length - 1;
            for (; i < end; i += 2) sum += (uint)((b[i] << 8) | b[i + 1]);
            if (i == end) sum += (uint)(b[i] << 8);
            return sum;
        }
    }
}
