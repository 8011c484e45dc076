// Connection-state bits for the connection-state matcher; a packet carries exactly one of them.
namespace Gateway.Core.Model
{
    /// <summary>Bit values of <c>connection-state</c>. A rule holds a set (OR of bits); a packet one bit.</summary>
    public static class ConnectionStates
    {
        public const byte New = 1;
        public const byte Established = 2;
        public const byte Related = 4;
        public const byte Invalid = 8;
        public const byte Untracked = 16;

        /// <summary>RouterOS's names, in bit order.</summary>
        internal static readonly string[] Names = { "new", "established", "related", "invalid", "untracked" };
    }
}
