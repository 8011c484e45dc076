// Bits of a compiled rule's matcher mask and negation mask: one bit per RouterOS matcher.
namespace Gateway.Core.Tables
{
    /// <summary>Which matchers a compiled rule has (and which of them are negated).</summary>
    internal static class MatchBits
    {
        public const int Protocol = 1 << 0;
        public const int SrcAddress = 1 << 1;
        public const int DstAddress = 1 << 2;
        public const int SrcPort = 1 << 3;
        public const int DstPort = 1 << 4;
        public const int AnyPort = 1 << 5;
        public const int SrcList = 1 << 6;
        public const int DstList = 1 << 7;
        public const int InInterface = 1 << 8;
        public const int OutInterface = 1 << 9;
        public const int ConnectionState = 1 << 10;
        public const int TcpFlags = 1 << 11;
        public const int PacketSize = 1 << 12;
        public const int Psd = 1 << 13;
        public const int InInterfaceList = 1 << 14;
        public const int OutInterfaceList = 1 << 15;
        public const int NatState = 1 << 16;
        public const int SrcAddressType = 1 << 17;
        public const int DstAddressType = 1 << 18;
        public const int IcmpOptions = 1 << 19;
        /// <summary>fragment=yes; negated for fragment=no.</summary>
        public const int Fragment = 1 << 20;
        public const int Ttl = 1 << 21;
        /// <summary>A matcher that holds for no packet the gateway can see (ipsec-policy=...,ipsec, src-mac-address).</summary>
        public const int Never = 1 << 22;
        public const int Limit = 1 << 23;
        public const int DstLimit = 1 << 24;
        public const int ConnectionLimit = 1 << 25;
        /// <summary>A dst-port of one range, kept inline in the rule (DstPortLow/High) instead of a port set.</summary>
        public const int DstPortRange = 1 << 26;

        /// <summary>The cheap tests of the packet's own fields (no state, no lookup).</summary>
        public const int Stateless = Protocol | SrcAddress | DstAddress | SrcPort | DstPortRange | DstPort | AnyPort | InInterface | OutInterface | ConnectionState | TcpFlags | PacketSize;
        /// <summary>The matchers that keep state per packet that passes them: tested after every other one.</summary>
        public const int Stateful = Limit | DstLimit | Psd;

        /// <summary>Every bit <c>MatchesRarer</c> tests: one test keeps them off the common path.</summary>
        public const int Rarer = InInterfaceList | OutInterfaceList | NatState | SrcAddressType | DstAddressType | IcmpOptions | Fragment | Ttl | Never | ConnectionLimit;
    }
}
