// connection-nat-state bits: which address translation a connection went through.
namespace Gateway.Core.Model
{
    /// <summary>Bit values of <c>connection-nat-state</c>. The gateway's forwards are dst-nat, so a connection
    /// in the forward chain is <see cref="Dstnat"/>; it never source-translates.</summary>
    public static class NatStates
    {
        public const byte Srcnat = 1;
        public const byte Dstnat = 2;

        /// <summary>RouterOS's names, in bit order.</summary>
        internal static readonly string[] Names = { "srcnat", "dstnat" };
    }
}
