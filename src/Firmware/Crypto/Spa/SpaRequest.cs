// What an authenticated SPA datagram asks, in fixed buffers the verifier fills (nothing is allocated per
// datagram): who (fwknop's user name), when (the client's clock, Unix seconds), which address (0: the
// datagram's source, the client's -s), which ports, for how long (type 3 only), and the HMAC tag that names
// the datagram for the replay cache.
namespace Gateway.Crypto.Spa
{
    // Fields, not properties: on the board each property call is an interpreted call, and the policy reads these
    // once per datagram; the verifier is their only writer.
#pragma warning disable CA1051
    public sealed class SpaRequest
    {
        /// <summary>Most protocol/port pairs one request may ask (fwknop's client sends one per -A entry).</summary>
        public const int MaxAccess = 16;
        /// <summary>fwknop's bound on the user field's base64 text (so at most 48 bytes decoded).</summary>
        public const int MaxUserBytes = 64;
        public const int MaxVersionBytes = 8;
        public const int NoTimeout = -1;
        public const int Tcp = 6, Udp = 17;

        /// <summary>fwknop's message types the gateway grants.</summary>
        public const int AccessType = 1, AccessWithTimeoutType = 3;

        public readonly byte[] Random = new byte[16];
        public readonly byte[] User = new byte[MaxUserBytes];
        public int UserLength;
        public long Timestamp;
        public readonly byte[] Version = new byte[MaxVersionBytes];
        public int VersionLength;
        public int Type;
        /// <summary>The IPv4 address to open, most significant byte first; 0 for 0.0.0.0 (the datagram's source).</summary>
        public uint Address;
        public int AccessCount;
        public readonly int[] Protocols = new int[MaxAccess];
        public readonly int[] Ports = new int[MaxAccess];
        /// <summary>Seconds the client asks for (type 3), or <see cref="NoTimeout"/>.</summary>
        public int ClientTimeout;
        /// <summary>The datagram's HMAC-SHA-256 tag: what the replay cache remembers.</summary>
        public readonly byte[] Tag = new byte[32];

        internal void Clear()
        {
            for (int i = 0; i < Random.Length; i++) Random[i] = 0;
            for (int i = 0; i < User.Length; i++) User[i] = 0;
            for (int i = 0; i < Tag.Length; i++) Tag[i] = 0;
            UserLength = 0;
            VersionLength = 0;
            Timestamp = 0;
            Type = -1;
            Address = 0;
            AccessCount = 0;
            ClientTimeout = NoTimeout;
        }
    }
#pragma warning restore CA1051
}
