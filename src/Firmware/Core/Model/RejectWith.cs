// The answer a reject rule sends (RouterOS reject-with=...). Some kinds exist for one family only.
namespace Gateway.Core.Model
{
    /// <summary>The <c>reject-with=</c> of a reject rule.</summary>
    public enum RejectWith : byte
    {
        /// <summary>RouterOS's default for IPv4: <c>icmp-network-unreachable</c>.</summary>
        IcmpNetworkUnreachable = 0,
        IcmpHostUnreachable,
        IcmpPortUnreachable,
        IcmpProtocolUnreachable,
        IcmpNetworkProhibited,
        IcmpHostProhibited,
        IcmpAdminProhibited,
        /// <summary>IPv6 only, and RouterOS's IPv6 default.</summary>
        IcmpNoRoute,
        /// <summary>IPv6 only.</summary>
        IcmpAddressUnreachable,
        /// <summary>A TCP RST; TCP rules only.</summary>
        TcpReset,
    }
}
