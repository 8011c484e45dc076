// What an accepted SPA datagram opens: to which address, which protocol/port pairs, for how many seconds, by
// which stanza. Filled by SpaPolicy; the host turns it into address-list entries the rules use.
namespace Gateway.Crypto.Spa
{
    // Fields, as SpaRequest's: read once per grant on the board, where a property is an interpreted call.
#pragma warning disable CA1051
    public sealed class SpaGrant
    {
        public uint Address;
        public int Seconds;
        public int Stanza;
        public int AccessCount;
        public readonly int[] Protocols = new int[SpaRequest.MaxAccess];
        public readonly int[] Ports = new int[SpaRequest.MaxAccess];
    }
#pragma warning restore CA1051
}
