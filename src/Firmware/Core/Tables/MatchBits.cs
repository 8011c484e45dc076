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
    }
}
