// src-address-type / dst-address-type: the routing type of an address, one per address (Linux's
// addrtype match, which RouterOS uses): local (the gateway's own), broadcast, multicast, else unicast.
namespace Gateway.Core.Model
{
    /// <summary>Bit values of the address-type matchers. A rule holds a set; an address has one type.</summary>
    public static class AddressTypes
    {
        public const byte Unicast = 1;
        public const byte Local = 2;
        public const byte Broadcast = 4;
        public const byte Multicast = 8;
        /// <summary>Route types the gateway has no routes of: an address is never of these types.</summary>
        public const byte Blackhole = 16;
        public const byte Prohibit = 32;
        public const byte Unreachable = 64;
        /// <summary>IPv6 anycast (an address of the gateway's subnet-router kind): the gateway has none.</summary>
        public const byte Anycast = 128;

        /// <summary>RouterOS's names, in bit order.</summary>
        internal static readonly string[] Names = { "unicast", "local", "broadcast", "multicast", "blackhole", "prohibit", "unreachable", "anycast" };

        /// <summary>The type of an address the gateway sees: <paramref name="isOwn"/> when it is the gateway's
        /// own address (the destination of input, the source of output); 255.255.255.255 broadcast;
        /// 224.0.0.0/4 and ff00::/8 multicast; anything else unicast. A subnet's directed broadcast needs the
        /// interface's netmask, which the filter does not know: it counts as unicast.</summary>
        public static byte Of(Family family, uint[] address, bool isOwn)
        {
            if (family == Family.Ipv4)
            {
                uint a = address[0];
                if (a == 0xFFFFFFFF) return Broadcast;
                if ((a & 0xF0000000) == 0xE0000000) return Multicast;
            }
            else if ((address[0] & 0xFF000000) == 0xFF000000) return Multicast;
            return isOwn ? Local : Unicast;
        }
    }
}
