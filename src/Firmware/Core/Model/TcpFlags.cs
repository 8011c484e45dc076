// TCP flag bits in wire order (RFC 9293 header byte 13), as the tcp-flags matcher names them.
namespace Gateway.Core.Model
{
    /// <summary>TCP flag bits as they sit in the header's flags byte.</summary>
    public static class TcpFlags
    {
        public const byte Fin = 1;
        public const byte Syn = 2;
        public const byte Rst = 4;
        public const byte Psh = 8;
        public const byte Ack = 16;
        public const byte Urg = 32;
        public const byte Ece = 64;
        public const byte Cwr = 128;

        /// <summary>RouterOS's names, in bit order.</summary>
        internal static readonly string[] Names = { "fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr" };
    }
}
