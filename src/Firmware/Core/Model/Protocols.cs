// IP protocol numbers the gateway names; any other protocol is written as its number (0-255).
namespace Gateway.Core.Model
{
    /// <summary>IP protocol numbers (IANA) and RouterOS's names for the ones rules commonly use.</summary>
    public static class Protocols
    {
        /// <summary>No protocol matcher.</summary>
        public const int Any = -1;
        public const int Icmp = 1;
        public const int Tcp = 6;
        public const int Udp = 17;
        public const int Icmpv6 = 58;
        /// <summary>IPv6 extension headers the header parser walks past to reach the transport header.</summary>
        public const int Ipv6HopByHop = 0;
        public const int Ipv6Routing = 43;
        public const int Ipv6Fragment = 44;
        public const int AuthenticationHeader = 51;
        public const int Ipv6DestinationOptions = 60;
        /// <summary>Largest protocol number.</summary>
        public const int MaxNumber = 255;

        /// <summary>RouterOS's name of a protocol, or null when it is written as a number.</summary>
        public static string? NameOf(int protocol)
        {
            switch (protocol)
            {
                case Icmp: return "icmp";
                case Tcp: return "tcp";
                case Udp: return "udp";
                case Icmpv6: return "icmpv6";
                default: return null;
            }
        }

        /// <summary>Protocol number for a RouterOS name, or <see cref="Any"/> when the name is unknown.</summary>
        public static int FromName(string name)
        {
            if (name == "icmp") return Icmp;
            if (name == "tcp") return Tcp;
            if (name == "udp") return Udp;
            if (name == "icmpv6" || name == "ipv6-icmp") return Icmpv6;
            return Any;
        }
    }
}
