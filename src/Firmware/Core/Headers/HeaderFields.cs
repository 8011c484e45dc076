// Where each field of the headers the gateway reads sits, named once (smoltcp's wire style): RFC 791 (IPv4),
// RFC 8200 (IPv6 and its extension headers), RFC 793 (TCP), RFC 768 (UDP). Offsets from the header's start.
namespace Gateway.Core.Headers
{
    /// <summary>IPv4 header fields (RFC 791).</summary>
    public static class Ipv4Field
    {
        public const int VersionAndLength = 0;   // version (high nibble), header length in words (low nibble)
        public const int TotalLength = 2;
        public const int FlagsAndFragment = 6;   // 3 flag bits, 13-bit offset in 8-byte units
        public const int Ttl = 8;
        public const int Protocol = 9;
        public const int Source = 12;
        public const int Destination = 16;
        public const int MinHeader = 20;
        public const int MoreFragments = 0x2000;
        public const int FragmentOffsetMask = 0x1FFF;
    }

    /// <summary>IPv6 header fields (RFC 8200).</summary>
    public static class Ipv6Field
    {
        public const int PayloadLength = 4;
        public const int NextHeader = 6;
        public const int HopLimit = 7;
        public const int Source = 8;
        public const int Destination = 24;
        public const int Header = 40;
        /// <summary>In an extension header: the next header, and its length in 8-byte units after the first 8.</summary>
        public const int ExtensionNext = 0;
        public const int ExtensionLength = 1;
        /// <summary>In a fragment header: the 13-bit offset (high bits) and the more-fragments bit (low bit).</summary>
        public const int FragmentField = 2;
        public const int FragmentHeader = 8;
    }

    /// <summary>TCP header fields (RFC 793).</summary>
    public static class TcpField
    {
        public const int SourcePort = 0;
        public const int DestinationPort = 2;
        public const int DataOffset = 12;   // header length in words (high nibble)
        public const int Flags = 13;
        public const int Checksum = 16;
        public const int MinHeader = 20;
    }

    /// <summary>UDP header fields (RFC 768).</summary>
    public static class UdpField
    {
        public const int SourcePort = 0;
        public const int DestinationPort = 2;
        public const int Length = 4;   // header and payload, in bytes
        public const int Checksum = 6;
        public const int Header = 8;
    }
}
