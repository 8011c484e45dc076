// Reads the IPv4/IPv6 and TCP/UDP headers of a captured packet into the engine's Packet. Every field is
// checked against the captured bytes before it is read, so a short or lying header is a result code,
// never an exception, and nothing is allocated. A capture may stop after the headers (the board's tap
// keeps only the first bytes): the packet's Length is its IP length, not the captured length.
using Gateway.Core.Engine;
using Gateway.Core.Model;

namespace Gateway.Core.Headers
{
    /// <summary>Fills a <see cref="Packet"/> from the bytes of an IP packet.</summary>
    public static class HeaderParser
    {
        /// <summary>The headers were read.</summary>
        public const int Ok = 0;
        /// <summary>The capture ends inside a header the packet says is there.</summary>
        public const int Truncated = 1;
        /// <summary>A header field contradicts itself or the packet (IHL under 5, a length shorter than its header, a TCP data offset under 5).</summary>
        public const int Malformed = 2;
        /// <summary>Neither IPv4 nor IPv6.</summary>
        public const int NotIp = 3;

        /// <summary>Most IPv6 extension headers walked before the transport header; beyond it the packet is Malformed.</summary>
        public const int MaxIpv6ExtensionHeaders = 8;

        private const int Ipv4MinHeader = 20;
        private const int Ipv6Header = 40;
        private const int TcpMinHeader = 20;
        private const int UdpHeader = 8;
        private const int IcmpTypeAndCode = 2;

        /// <summary>Reads the packet at <paramref name="offset"/> (<paramref name="count"/> bytes captured) into
        /// <paramref name="packet"/>: family, addresses, protocol, ports, TCP flags, IP length, TTL and fragment
        /// bits. Chain, interfaces and connection state are left to the caller. Returns <see cref="Ok"/> or why not.</summary>
        public static int Parse(byte[] bytes, int offset, int count, Packet packet)
        {
            if (count < 1 || offset < 0 || offset + count > bytes.Length) return Truncated;
            int version = bytes[offset] >> 4;
            if (version == 4) return ParseIpv4(bytes, offset, count, packet);
            if (version == 6) return ParseIpv6(bytes, offset, count, packet);
            return NotIp;
        }

        private static int ParseIpv4(byte[] b, int o, int count, Packet p)
        {
            if (count < Ipv4MinHeader) return Truncated;
            int headerLength = (b[o] & 0x0F) * 4;
            if (headerLength < Ipv4MinHeader) return Malformed;
            if (headerLength > count) return Truncated;
            int totalLength = Word16(b, o + 2);
            if (totalLength < headerLength) return Malformed;
            int fragment = Word16(b, o + 6);
            p.Family = Family.Ipv4;
            p.Length = totalLength;
            p.Ttl = b[o + 8];
            p.Protocol = b[o + 9];
            p.MoreFragments = (fragment & 0x2000) != 0;
            p.FragmentOffset = fragment & 0x1FFF;
            p.Src[0] = Word32(b, o + 12);
            p.Dst[0] = Word32(b, o + 16);
            for (int w = 1; w < 4; w++) { p.Src[w] = 0; p.Dst[w] = 0; }
            // Only a first fragment carries the transport header; later ones have no ports (as on RouterOS).
            return p.FragmentOffset != 0 ? NoTransport(p) : ParseTransport(b, o + headerLength, count - headerLength, totalLength - headerLength, p);
        }

        private static int ParseIpv6(byte[] b, int o, int count, Packet p)
        {
            if (count < Ipv6Header) return Truncated;
            int payloadLength = Word16(b, o + 4);
            p.Family = Family.Ipv6;
            p.Length = Ipv6Header + payloadLength;
            p.Ttl = b[o + 7];
            p.MoreFragments = false;
            p.FragmentOffset = 0;
            for (int w = 0; w < 4; w++)
            {
                p.Src[w] = Word32(b, o + 8 + 4 * w);
                p.Dst[w] = Word32(b, o + 24 + 4 * w);
            }
            int next = b[o + 6];
            int at = Ipv6Header;   // from the start of the packet
            for (int hops = 0; ; hops++)
            {
                if (!IsIpv6Extension(next))
                {
                    p.Protocol = next;
                    if (p.FragmentOffset != 0) return NoTransport(p);
                    // A payload length of 0 is a jumbogram or a lie: measure what was captured instead.
                    int remaining = (payloadLength == 0 ? count : p.Length) - at;
                    if (remaining < 0) return Malformed;
                    return ParseTransport(b, o + at, count - at, remaining, p);
                }
                if (hops == MaxIpv6ExtensionHeaders) return Malformed;
                if (at + 8 > count) return Truncated;
                int length;
                if (next == Protocols.Ipv6Fragment)
                {
                    int field = Word16(b, o + at + 2);
                    p.FragmentOffset = field >> 3;
                    p.MoreFragments = (field & 1) != 0;
                    length = 8;
                }
                else if (next == Protocols.AuthenticationHeader) length = (b[o + at + 1] + 2) * 4;
                else length = (b[o + at + 1] + 1) * 8;
                next = b[o + at];
                at += length;
            }
        }

        private static bool IsIpv6Extension(int next)
        {
            return next == Protocols.Ipv6HopByHop || next == Protocols.Ipv6Routing || next == Protocols.Ipv6Fragment
                || next == Protocols.Ipv6DestinationOptions || next == Protocols.AuthenticationHeader;
        }

        // at: the transport header in the buffer; captured: bytes of it captured; length: bytes the IP header says follow.
        private static int ParseTransport(byte[] b, int at, int captured, int length, Packet p)
        {
            p.IcmpType = Packet.NoIcmp;
            p.IcmpCode = Packet.NoIcmp;
            if (p.Protocol == Protocols.Icmp || p.Protocol == Protocols.Icmpv6)
            {
                if (length < IcmpTypeAndCode) return Malformed;
                if (captured < IcmpTypeAndCode) return Truncated;
                p.IcmpType = b[at];
                p.IcmpCode = b[at + 1];
                p.SrcPort = 0;
                p.DstPort = 0;
                p.TcpFlags = 0;
                return Ok;
            }
            if (p.Protocol == Protocols.Tcp)
            {
                if (length < TcpMinHeader) return Malformed;
                if (captured < TcpMinHeader) return Truncated;
                if ((b[at + 12] >> 4) < 5) return Malformed;
                p.SrcPort = Word16(b, at);
                p.DstPort = Word16(b, at + 2);
                p.TcpFlags = b[at + 13];
                return Ok;
            }
            if (p.Protocol == Protocols.Udp)
            {
                if (length < UdpHeader) return Malformed;
                if (captured < UdpHeader) return Truncated;
                p.SrcPort = Word16(b, at);
                p.DstPort = Word16(b, at + 2);
                p.TcpFlags = 0;
                return Ok;
            }
            return NoTransport(p);
        }

        private static int NoTransport(Packet p)
        {
            p.IcmpType = Packet.NoIcmp;
            p.IcmpCode = Packet.NoIcmp;
            p.SrcPort = 0;
            p.DstPort = 0;
            p.TcpFlags = 0;
            return Ok;
        }

        private static int Word16(byte[] b, int at)
        {
            return (b[at] << 8) | b[at + 1];
        }

        private static uint Word32(byte[] b, int at)
        {
            return ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];
        }
    }
}
