// A dst-nat forward (/ip firewall nat add chain=dstnat action=dst-nat ...): the gateway proxies a
// port it listens on to a LAN host. Only the dst-nat shape is modelled; the gateway does no other NAT.
namespace Gateway.Core.Model
{
    /// <summary>A destination-NAT forward of one protocol and port to a LAN address and port.</summary>
    public sealed class Forward
    {
        /// <summary><see cref="Protocols.Tcp"/> or <see cref="Protocols.Udp"/>.</summary>
        public int Protocol { get; set; } = Protocols.Any;
        /// <summary><c>dst-port=</c>: the port the gateway listens on.</summary>
        public int DstPort { get; set; } = -1;
        /// <summary><c>dst-address=</c>, optional.</summary>
        public AddressMatch? DstAddress { get; set; }
        public string? InInterface { get; set; }
        /// <summary><c>to-addresses=</c>: one LAN host.</summary>
        public AddressMatch? ToAddress { get; set; }
        /// <summary><c>to-ports=</c>; -1 keeps <see cref="DstPort"/>.</summary>
        public int ToPort { get; set; } = -1;
        /// <summary>The LAN host's port: <see cref="ToPort"/>, else the port the packet was sent to.</summary>
        public int TargetPort { get { return ToPort > 0 ? ToPort : DstPort; } }
        public bool IsDisabled { get; set; }
        public string? Comment { get; set; }
        public int SourceOffset { get; set; } = -1;
        /// <summary>1-based line in the rules file it came from, or 0 when unknown.</summary>
        public int SourceLine { get; set; }
        /// <summary>1-based column in the rules file it came from, or 0 when unknown.</summary>
        public int SourceColumn { get; set; }
    }
}
