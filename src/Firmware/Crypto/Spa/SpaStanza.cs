// One door of SPA, as a stanza of fwknopd's access.conf: which sources may knock (SOURCE), the keys (KEY_BASE64,
// HMAC_KEY_BASE64), what may be opened (OPEN_PORTS: nothing outside the list, and an empty list opens nothing),
// for how long (FW_ACCESS_TIMEOUT, and MAX_FW_TIMEOUT capping what a client asks), how old a request may be
// (MAX_SPA_PACKET_AGE) and whether a request must name its address (REQUIRE_SOURCE_ADDRESS). Fixed arrays: set
// once when the rules load, read per datagram.
namespace Gateway.Crypto.Spa
{
    public sealed class SpaStanza
    {
        public const int MaxSources = 8, MaxOpen = 16;
        public const int DefaultTimeout = 30, DefaultMaxTimeout = 300, DefaultMaxAge = 120;

        private readonly SpaKeys _keys = new SpaKeys();

        public SpaKeys Keys { get { return _keys; } }
        private readonly uint[] _sourceLow = new uint[MaxSources];
        private readonly uint[] _sourceHigh = new uint[MaxSources];
        private int _sources;
        private readonly int[] _openProtocol = new int[MaxOpen];
        private readonly int[] _openPort = new int[MaxOpen];
        private int _open;
        // A grant lasts at least a second: a zero or negative length must never read as "no timeout" further on.
        private int _timeout = DefaultTimeout, _maxTimeout = DefaultMaxTimeout, _maxAge = DefaultMaxAge;

        /// <summary>Seconds a grant lasts when the client asks none (type 1).</summary>
        public int TimeoutSeconds { get { return _timeout; } set { _timeout = value < 1 ? 1 : value; } }
        /// <summary>Most seconds a client's own timeout (type 3) may ask.</summary>
        public int MaxTimeoutSeconds { get { return _maxTimeout; } set { _maxTimeout = value < 1 ? 1 : value; } }
        /// <summary>Most seconds a request's time may differ from the gateway's clock, either way.</summary>
        public int MaxAgeSeconds { get { return _maxAge; } set { _maxAge = value < 0 ? 0 : value; } }
        /// <summary>The UDP port its datagrams come to, or 0 for any.</summary>
        public int Port { get; set; }
        /// <summary>Refuse requests for 0.0.0.0 (the client's -s: "whatever address this came from").</summary>
        public bool RequireSourceAddress { get; set; }

        /// <summary>Takes sources in <paramref name="address"/>/<paramref name="prefix"/>; false when full or the prefix is out of range.</summary>
        public bool AddSource(uint address, int prefix)
        {
            if (prefix < 0 || prefix > 32) return false;
            uint mask = prefix == 0 ? 0u : 0xFFFFFFFFu << (32 - prefix);
            return AddSourceRange(address & mask, (address & mask) | ~mask);
        }

        /// <summary>Takes sources from <paramref name="low"/> to <paramref name="high"/>, both included; false when full.</summary>
        public bool AddSourceRange(uint low, uint high)
        {
            if (_sources == MaxSources || low > high) return false;
            _sourceLow[_sources] = low;
            _sourceHigh[_sources] = high;
            _sources++;
            return true;
        }

        /// <summary>Allows opening <paramref name="port"/> over <paramref name="protocol"/> (SpaRequest.Tcp or Udp).</summary>
        public bool AddOpen(int protocol, int port)
        {
            if (_open == MaxOpen || port < 1 || port > 65535 || (protocol != SpaRequest.Tcp && protocol != SpaRequest.Udp)) return false;
            _openProtocol[_open] = protocol;
            _openPort[_open] = port;
            _open++;
            return true;
        }

        public bool TakesSource(uint source)
        {
            for (int i = 0; i < _sources; i++) if (source >= _sourceLow[i] && source <= _sourceHigh[i]) return true;
            return false;
        }

        public bool Opens(int protocol, int port)
        {
            for (int i = 0; i < _open; i++) if (_openProtocol[i] == protocol && _openPort[i] == port) return true;
            return false;
        }
    }
}
