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

        // RouterOS's protocol names (its manual's list for protocol=, v2.9 onwards plus the names v6/v7 added)
        // and their IANA numbers; the first name of a number is the one written back. "ipv6" and "ipv6-icmp"
        // are the netbase spellings of 41 and 58, accepted as RouterOS accepts them.
        private static readonly string[] s_names =
        {
            "icmp", "igmp", "ggp", "ipencap", "st", "tcp", "egp", "pup", "udp", "hmp", "xns-idp", "rdp", "iso-tp4",
            "dccp", "xtp", "ddp", "idpr-cmtp", "ipv6-encap", "ipv6-route", "ipv6-frag", "rsvp", "gre", "ipsec-esp",
            "ipsec-ah", "icmpv6", "ipv6-nonxt", "ipv6-opts", "rspf", "vmtp", "ospf", "ipip", "etherip", "encap", "pim",
            "vrrp", "l2tp", "sctp", "udp-lite", "ipv6", "ipv6-icmp",
        };

        private static readonly short[] s_numbers =
        {
            1, 2, 3, 4, 5, 6, 8, 12, 17, 20, 22, 27, 29,
            33, 36, 37, 38, 41, 43, 44, 46, 47, 50,
            51, 58, 59, 60, 73, 81, 89, 94, 97, 98, 103,
            112, 115, 132, 136, 41, 58,
        };

        /// <summary>RouterOS's name of a protocol, or null when it is written as a number.</summary>
        public static string? NameOf(int protocol)
        {
            for (int i = 0; i < s_numbers.Length; i++) if (s_numbers[i] == protocol) return s_names[i];
            return null;
        }

        /// <summary>Protocol number for a RouterOS name, or <see cref="Any"/> when the name is unknown.</summary>
        public static int FromName(string name)
        {
            for (int i = 0; i < s_names.Length; i++) if (s_names[i] == name) return s_numbers[i];
            return Any;
        }
    }
}
