// Reads the IPv4/IPv6 and TCP/UDP headers of a captured packet into the engine's Packet. Every field is
// checked against the captured bytes before it is read, so a short or lying header is a result code,
// never an exception, and nothing is allocated. A capture may stop after the headers (the board's tap
// keeps only the first bytes): the packet's Length is its IP length, not the captured length.
using Gateway.Core.Model;
using Gateway.Core.Packets;

namespace Gateway.Core.Headers
{
    /// <summary>Fills a <see cref="Packet"/> from the bytes of an IP packet.</summary>
    public static class HeaderParser
    {
        /// <summary>Most IPv6 extension headers walked before the transport header; beyond it the packet is Malformed.</summary>
        public const int MaxIpv6ExtensionHeaders = 8;

        private const int IcmpTypeAndCode = 2;

        /// <summary>Reads the packet at <paramref name="offset"/> (<paramref name="count"/> bytes captured) into
        /// <paramref name="packet"/>: family, addresses, protocol, ports, TCP flags, IP length, TTL and fragment
        /// bits. Chain, interfaces and connection state are left to the caller. Returns <see cref="HeaderResult.Ok"/> or why not.</summary>
        public static HeaderResult Parse(byte[] bytes, int offset, int count, Packet packet)
        {
            if (count < 1 || offset < 0 || offset + count > bytes.Length) return HeaderResult.Truncated;
            int version = bytes[offset] >> 4;
            if (version == 4) return ParseIpv4(bytes, offset, count, packet);
            if (version == 6) return ParseIpv6(bytes, offset, count, packet);
            return HeaderResult.NotIp;
        }

        private static HeaderResult ParseIpv4(byte[] b, int o, int count, Packet p)
        {
            if (count < Ipv4Field.MinHeader) return HeaderResult.Truncated;
            int headerLength = (b[o + Ipv4Field.VersionAndLength] & 0x0F) * 4;
            if (headerLength < Ipv4Field.MinHeader) return HeaderResult.Malformed;
            if (headerLength > count) return HeaderResult.Truncated;
            int totalLength = Word16(b, o + Ipv4Field.TotalLength);
            if (totalLength < headerLength) return HeaderResult.Malformed;
            int fragment = Word16(b, o + Ipv4Field.FlagsAndFragment);
            p.Family = Family.Ipv4;
            p.Length = totalLength;
            p.Ttl = b[o + Ipv4Field.Ttl];
            p.Protocol = b[o + Ipv4Field.Protocol];
            p.MoreFragments = (fragment & Ipv4Field.MoreFragments) != 0;
            p.FragmentOffset = fragment & Ipv4Field.FragmentOffsetMask;
            p.Src[0] = Word32(b, o + Ipv4Field.Source);
            p.Dst[0] = Word32(b, o + Ipv4Field.Destination);
            for (int w = 1; w < 4; w++) { p.Src[w] = 0; p.Dst[w] = 0; }
            // Only a first fragment carries the transport header; later ones have no ports (as on RouterOS).
            return p.FragmentOffset != 0 ? NoTransport(p) : ParseTransport(b, o + headerLength, count - headerLength, totalLength - headerLength, p);
        }

        private static HeaderResult ParseIpv6(byte[] b, int o, int count, Packet p)
        {
            if (count < Ipv6Field.Header) return HeaderResult.Truncated;
            int payloadLength = Word16(b, o + Ipv6Field.PayloadLength);
            p.Family = Family.Ipv6;
            p.Length = Ipv6Field.Header + payloadLength;
            p.Ttl = b[o + Ipv6Field.HopLimit];
            p.MoreFragments = false;
            p.FragmentOffset = 0;
            for (int w = 0; w < 4; w++)
            {
                p.Src[w] = Word32(b, o + Ipv6Field.Source + 4 * w);
                p.Dst[w] = Word32(b, o + Ipv6Field.Destination + 4 * w);
            }
            int next = b[o + Ipv6Field.NextHeader];
            int at = Ipv6Field.Header;   // from the start of the packet
            for (int hops = 0; ; hops++)
            {
                if (!IsIpv6Extension(next))
                {
                    p.Protocol = next;
                    if (p.FragmentOffset != 0) return NoTransport(p);
                    // A payload length of 0 is a jumbogram or a lie: measure what was captured instead.
                    int remaining = (payloadLength == 0 ? count : p.Length) - at;
                    if (remaining < 0) return HeaderResult.Malformed;
                    return ParseTransport(b, o + at, count - at, remaining, p);
                }
                if (hops == MaxIpv6ExtensionHeaders) return HeaderResult.Malformed;
                if (at + 8 > count) return HeaderResult.Truncated;
                int length;
                if (next == Protocols.Ipv6Fragment)
                {
                    int field = Word16(b, o + at + Ipv6Field.FragmentField);
                    p.FragmentOffset = field >> 3;
                    p.MoreFragments = (field & 1) != 0;
                    length = Ipv6Field.FragmentHeader;
                }
                else if (next == Protocols.AuthenticationHeader) length = (b[o + at + Ipv6Field.ExtensionLength] + 2) * 4;
                else length = (b[o + at + Ipv6Field.ExtensionLength] + 1) * 8;
                next = b[o + at + Ipv6Field.ExtensionNext];
                at += length;
            }
        }

        private static bool IsIpv6Extension(int next)
        {
            return next == Protocols.Ipv6HopByHop || next == Protocols.Ipv6Routing || next == Protocols.Ipv6Fragment
                || next == Protocols.Ipv6DestinationOptions || next == Protocols.AuthenticationHeader;
        }

        // at: the transport header in the buffer; captured: bytes of it captured; length: bytes the IP header says follow.
        private static HeaderResult ParseTransport(byte[] b, int at, int captured, int length, Packet p)
        {
            p.IcmpType = Packet.NoIcmp;
            p.IcmpCode = Packet.NoIcmp;
            if (p.Protocol == Protocols.Icmp || p.Protocol == Protocols.Icmpv6)
            {
                if (length < IcmpTypeAndCode) return HeaderResult.Malformed;
                if (captured < IcmpTypeAndCode) return HeaderResult.Truncated;
                p.IcmpType = b[at];
                p.IcmpCode = b[at + 1];
                p.SrcPort = 0;
                p.DstPort = 0;
                p.TcpFlags = 0;
                return HeaderResult.Ok;
            }
            if (p.Protocol == Protocols.Tcp)
            {
                if (length < TcpField.MinHeader) return HeaderResult.Malformed;
                if (captured < TcpField.MinHeader) return HeaderResult.Truncated;
                if ((b[at + TcpField.DataOffset] >> 4) < 5) return HeaderResult.Malformed;
                p.SrcPort = Word16(b, at + TcpField.SourcePort);
                p.DstPort = Word16(b, at + TcpField.DestinationPort);
                p.TcpFlags = b[at + TcpField.Flags];
                return HeaderResult.Ok;
            }
            if (p.Protocol == Protocols.Udp)
            {
                if (length < UdpField.Header) return HeaderResult.Malformed;
                if (captured < UdpField.Header) return HeaderResult.Truncated;
                p.SrcPort = Word16(b, at + UdpField.SourcePort);
                p.DstPort = Word16(b, at + UdpField.DestinationPort);
                p.TcpFlags = 0;
                return HeaderResult.Ok;
            }
            return NoTransport(p);
        }

        private static HeaderResult NoTransport(Packet p)
        {
            p.IcmpType = Packet.NoIcmp;
            p.IcmpCode = Packet.NoIcmp;
            p.SrcPort = 0;
            p.DstPort = 0;
            p.TcpFlags = 0;
            return HeaderResult.Ok;
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
