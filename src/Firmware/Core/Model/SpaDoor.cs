// A door of single packet authorization (/spa add name=ssh port=62201 open=tcp/22 ...): what one stanza of
// fwknopd's access.conf says, without its keys, which stay on the device's flash (set on the serial console,
// never in a rule package). A granted request puts its address on one address list per opened protocol and
// port, spa:NAME:tcp/22, for the grant's length; the door's rules accept from those lists, so a grant shows in
// /ip firewall address-list print, expires and ends sessions like any other. IPv4 only, as fwknop's access
// message is.
namespace Gateway.Core.Model
{
    /// <summary>One SPA door: its UDP port, who may ask, what it may open and for how long.</summary>
    public sealed class SpaDoor
    {
        /// <summary>fwknop's default SPA port.</summary>
        public const int DefaultPort = 62201;
        public const int MaxOpen = 16, MaxSources = 8;
        public const long DefaultTimeoutMs = 30000, DefaultMaxTimeoutMs = 300000, DefaultMaxAgeMs = 120000;
        /// <summary>Longest grant and age window: fwknop's client timeout field tops out near a day too.</summary>
        public const long MaxLengthMs = 86400000;

        public string Name { get; set; } = "";
        /// <summary>The UDP port the datagrams are sent to.</summary>
        public int Port { get; set; } = DefaultPort;
        public int[] OpenProtocols { get; } = new int[MaxOpen];
        public int[] OpenPorts { get; } = new int[MaxOpen];
        public int OpenCount { get; set; }
        /// <summary>Sources that may ask (fwknopd's SOURCE); none given means any.</summary>
        public AddressMatch?[] Sources { get; } = new AddressMatch?[MaxSources];
        public int SourceCount { get; set; }
        /// <summary>A grant's length when the client asks none (FW_ACCESS_TIMEOUT).</summary>
        public long TimeoutMs { get; set; } = DefaultTimeoutMs;
        /// <summary>Most a client's own timeout may ask (MAX_FW_TIMEOUT).</summary>
        public long MaxTimeoutMs { get; set; } = DefaultMaxTimeoutMs;
        /// <summary>Most a request's time may differ from the gateway's clock, either way (MAX_SPA_PACKET_AGE).</summary>
        public long MaxAgeMs { get; set; } = DefaultMaxAgeMs;
        /// <summary>Refuses requests for 0.0.0.0 (REQUIRE_SOURCE_ADDRESS).</summary>
        public bool RequireSourceAddress { get; set; }
        public bool IsDisabled { get; set; }
        public string? Comment { get; set; }
        public int SourceOffset { get; set; } = -1;
        public int SourceLine { get; set; }
        public int SourceColumn { get; set; }

        /// <summary>The address list a grant of <paramref name="protocol"/>/<paramref name="port"/> through door
        /// <paramref name="door"/> fills: spa:ssh:tcp/22.</summary>
        public static string GrantList(string door, int protocol, int port)
        {
            return "spa:" + door + ":" + (Protocols.NameOf(protocol) ?? "?") + "/" + Text.DecimalText.ToText(port);
        }

        /// <summary>True when the door may open <paramref name="port"/> over <paramref name="protocol"/>.</summary>
        public bool Opens(int protocol, int port)
        {
            for (int i = 0; i < OpenCount; i++) if (OpenProtocols[i] == protocol && OpenPorts[i] == port) return true;
            return false;
        }
    }
}
