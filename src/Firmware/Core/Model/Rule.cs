// One filter rule: matchers that must all hold, and one action (routeros-semantics.md, "Evaluation").
// Absent matchers are null (or Protocols.Any / 0 masks); the rule's place in its chain is its list order.
namespace Gateway.Core.Model
{
    /// <summary>A firewall filter rule as RouterOS defines it.</summary>
    public sealed class Rule
    {
        /// <summary>No packet-size bound.</summary>
        public const int NoSize = -1;

        /// <summary>No connection-limit matcher.</summary>
        public const int NoConnectionLimit = -1;

        /// <summary>No icmp-options matcher.</summary>
        public const int NoIcmp = -1;

        /// <summary><c>chain=</c>: input, forward, output or a custom chain name.</summary>
        public string Chain { get; set; } = "";

        // --- matchers ---
        /// <summary><c>protocol=</c> number, or <see cref="Protocols.Any"/>.</summary>
        public int Protocol { get; set; } = Protocols.Any;
        /// <summary><c>protocol=!x</c>.</summary>
        public bool IsProtocolNegated { get; set; }
        public AddressMatch? SrcAddress { get; set; }
        public AddressMatch? DstAddress { get; set; }
        public PortSet? SrcPort { get; set; }
        public PortSet? DstPort { get; set; }
        /// <summary><c>port=</c>: either the source or the destination port is in the set.</summary>
        public PortSet? AnyPort { get; set; }
        public string? SrcAddressList { get; set; }
        public bool IsSrcAddressListNegated { get; set; }
        public string? DstAddressList { get; set; }
        public bool IsDstAddressListNegated { get; set; }
        public string? InInterface { get; set; }
        public bool IsInInterfaceNegated { get; set; }
        public string? OutInterface { get; set; }
        public bool IsOutInterfaceNegated { get; set; }
        /// <summary><c>in-interface-list=</c>: an <c>/interface list</c> name or a built-in list (all, none, dynamic, static).</summary>
        public string? InInterfaceList { get; set; }
        public bool IsInInterfaceListNegated { get; set; }
        public string? OutInterfaceList { get; set; }
        public bool IsOutInterfaceListNegated { get; set; }
        /// <summary><c>connection-nat-state=</c> as <see cref="NatStates"/> bits; 0 = no matcher.</summary>
        public byte NatStateMask { get; set; }
        public bool IsNatStateNegated { get; set; }
        /// <summary><c>ipsec-policy=</c> (see <see cref="IpsecPolicy"/>); <see cref="IpsecPolicy.Unset"/> = no matcher.</summary>
        public IpsecPolicy IpsecPolicy { get; set; }
        /// <summary><c>src-address-type=</c> as <see cref="AddressTypes"/> bits; 0 = no matcher.</summary>
        public byte SrcAddressTypeMask { get; set; }
        public bool IsSrcAddressTypeNegated { get; set; }
        public byte DstAddressTypeMask { get; set; }
        public bool IsDstAddressTypeNegated { get; set; }
        /// <summary><c>icmp-options=</c> type range and code range; <see cref="NoIcmp"/> = no matcher.</summary>
        public int IcmpTypeLow { get; set; } = NoIcmp;
        public int IcmpTypeHigh { get; set; } = NoIcmp;
        public int IcmpCodeLow { get; set; } = NoIcmp;
        public int IcmpCodeHigh { get; set; } = NoIcmp;
        /// <summary><c>fragment=</c>: 0 = no matcher, 1 = yes, 2 = no.</summary>
        public byte Fragment { get; set; }
        /// <summary><c>ttl=</c> (IPv4) or <c>hop-limit=</c> (IPv6): how to compare; <see cref="TtlCompare.None"/> = no matcher.</summary>
        public TtlCompare TtlCompare { get; set; }
        public int TtlValue { get; set; }
        /// <summary>True when the matcher was written <c>hop-limit</c> (IPv6's name for it).</summary>
        public bool IsHopLimit { get; set; }
        /// <summary><c>src-mac-address=</c>, kept as written: the gateway never sees a source MAC, so <c>MAC</c> never
        /// holds and <c>!MAC</c> always does.</summary>
        public string? SrcMacAddress { get; set; }
        /// <summary><c>connection-state=</c> as <see cref="ConnectionStates"/> bits; 0 = no matcher.</summary>
        public byte ConnectionStateMask { get; set; }
        /// <summary><c>tcp-flags=</c>: flags that must be set (<see cref="TcpFlags"/> bits).</summary>
        public byte TcpFlagsSet { get; set; }
        /// <summary><c>tcp-flags=</c>: flags that must be clear (written <c>!flag</c>).</summary>
        public byte TcpFlagsClear { get; set; }
        /// <summary><c>packet-size=</c> lower bound in bytes, or <see cref="NoSize"/>.</summary>
        public int PacketSizeMin { get; set; } = NoSize;
        /// <summary><c>packet-size=</c> upper bound in bytes (inclusive).</summary>
        public int PacketSizeMax { get; set; } = NoSize;
        /// <summary><c>packet-size=!n-m</c>: sizes outside the range.</summary>
        public bool IsPacketSizeNegated { get; set; }
        /// <summary><c>psd=</c> WeightThreshold; 0 = no matcher (see <see cref="PortScanDetection"/>).</summary>
        public int PsdWeightThreshold { get; set; }
        /// <summary><c>psd=</c> DelayThreshold in ms: the longest gap between two new ports of one scan.</summary>
        public long PsdDelayMs { get; set; }
        /// <summary><c>psd=</c> LowPortWeight: the weight of a new destination port below 1024.</summary>
        public int PsdLowPortWeight { get; set; }
        /// <summary><c>psd=</c> HighPortWeight: the weight of a new destination port from 1024 up.</summary>
        public int PsdHighPortWeight { get; set; }
        /// <summary><c>connection-limit=</c> count: matches when the source block has more connections than this,
        /// the packet's own new one included; <see cref="NoConnectionLimit"/> = no matcher.</summary>
        public int ConnectionLimit { get; set; } = NoConnectionLimit;
        /// <summary><c>connection-limit=</c> netmask: the source block's prefix length.</summary>
        public int ConnectionLimitPrefix { get; set; }
        /// <summary><c>limit=</c>: one token bucket for the rule; null = no matcher.</summary>
        public RateLimit? Limit { get; set; }
        /// <summary><c>dst-limit=</c>: a token bucket per key; null = no matcher.</summary>
        public RateLimit? DstLimit { get; set; }

        // --- action ---
        public RuleAction Action { get; set; } = RuleAction.Accept;
        /// <summary><c>jump-target=</c>, for <see cref="RuleAction.Jump"/>.</summary>
        public string? JumpTarget { get; set; }
        /// <summary><c>reject-with=</c>; when unset, the family's default.</summary>
        public RejectWith RejectWith { get; set; }
        public bool HasRejectWith { get; set; }
        /// <summary><c>address-list=</c>, for the add-*-to-address-list actions.</summary>
        public string? AddressList { get; set; }
        public ListTimeoutKind AddressListTimeoutKind { get; set; } = ListTimeoutKind.NoneDynamic;
        /// <summary><c>address-list-timeout=</c> in ms when <see cref="AddressListTimeoutKind"/> is Timed.</summary>
        public long AddressListTimeoutMs { get; set; }
        /// <summary><c>log=yes</c>: log every packet the rule matches, whatever the action.</summary>
        public bool Log { get; set; }
        public string? LogPrefix { get; set; }

        // --- bookkeeping ---
        public bool IsDisabled { get; set; }
        public string? Comment { get; set; }
        /// <summary>Where the rule came from, for error messages: a byte offset in a package, or -1.</summary>
        public int SourceOffset { get; set; } = -1;
        /// <summary>1-based line in the rules file it came from, or 0 when unknown.</summary>
        public int SourceLine { get; set; }
        /// <summary>1-based column in the rules file it came from, or 0 when unknown.</summary>
        public int SourceColumn { get; set; }
    }
}
