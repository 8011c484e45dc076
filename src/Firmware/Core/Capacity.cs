// Engine-wide capacities and bounds: the one home of every limit the core enforces.
// Board-dependent sizes (rules, list entries) are defaults here and come from boards/*.json on a device.
namespace Gateway.Core
{
    /// <summary>Named limits of the portable core. Each says what it counts, what it costs and what
    /// happens at the limit.</summary>
    public static class Capacity
    {
        /// <summary>Largest rule package, in bytes, that the reader accepts. A larger one is refused
        /// (<c>too-large</c>) before any of it is interpreted. The reader never holds the whole package:
        /// it streams through a <see cref="ReaderChunkBytes"/> buffer.</summary>
        public const int MaxPackageBytes = 65536;

        /// <summary>Bytes the package reader pulls from its source at a time (one buffer, allocated once).</summary>
        public const int ReaderChunkBytes = 256;

        /// <summary>Deepest JSON nesting a package may use. The package format needs 5; deeper is refused
        /// (<c>syntax</c>), so hostile input cannot exhaust the stack.</summary>
        public const int MaxJsonDepth = 8;

        /// <summary>Longest JSON string value other than the source text, in characters (a comment, a
        /// port list, a log prefix). Longer is refused (<c>too-large</c>).</summary>
        public const int MaxValueChars = 1024;

        /// <summary>Longest source text (the rules file) a package may carry, in characters. Longer is
        /// refused (<c>too-large</c>). A reader told not to keep the source skips it in place.</summary>
        public const int MaxSourceChars = 60000;

        /// <summary>Longest chain, address-list, interface or file name, in characters. RouterOS allows
        /// long names; 63 covers every real one and bounds the name tables.</summary>
        public const int MaxNameChars = 63;

        /// <summary>Most port ranges in one port matcher: netfilter's multiport limit, which RouterOS
        /// inherits (<c>dst-port=1,2,3-4</c> is three ranges).</summary>
        public const int MaxPortRangesPerMatcher = 15;

        /// <summary>Largest <c>address-list-timeout</c>: RouterOS's own maximum, 35w3d13h13m56s
        /// (2^31 centiseconds), in milliseconds.</summary>
        public const long MaxListTimeoutMs = 21474836000;

        /// <summary>Default most rules over all chains of one address family (disabled rules count).
        /// About 80 bytes of table each. Over it, compiling is refused (<c>over-capacity</c>).</summary>
        public const int DefaultMaxRules = 128;

        /// <summary>Default most chains per family, the three built-in ones included.</summary>
        public const int DefaultMaxChains = 16;

        /// <summary>Default most port ranges over all port matchers of one family (8 bytes each).</summary>
        public const int DefaultMaxPortRanges = 256;

        /// <summary>Default most address matchers (src-address, dst-address) of one family.</summary>
        public const int DefaultMaxAddressMatchers = 128;

        /// <summary>Default most distinct address-list names of one family.</summary>
        public const int DefaultMaxLists = 16;

        /// <summary>Interface lists, and members of them, a package may hold per interface the board allows
        /// (a full export's lists name a router's many ports; the gateway has one). Over it the package is refused.</summary>
        public const int InterfaceListsPerInterface = 4;

        /// <summary>Most list names in one <c>include=</c> or <c>exclude=</c> of an interface list (distinct).</summary>
        public const int MaxIncludedLists = 8;

        /// <summary>Most interface ids a table can tell apart: a rule's interface-list matcher is one 32-bit
        /// mask, bit 31 standing for every interface no rule or list names.</summary>
        public const int MaxInterfaceIds = 31;

        /// <summary>Default most distinct interface names the rules mention.</summary>
        public const int DefaultMaxInterfaces = 8;

        /// <summary>Default live IPv4 single-address entries over all address lists (see docs/memory.md for the
        /// measured bytes per entry). When full, the eviction policy of <c>AddressListStore</c> applies.</summary>
        public const int DefaultIpv4ListEntries = 512;

        /// <summary>Most single-address entries one address-list store may hold (per family): its per-network
        /// counts are 16-bit. A board or limit asking for more is refused by the compiler.</summary>
        public const int MaxListEntries = 65535;

        /// <summary>Entries at the top of an address-list store's expiry heap (those closest to expiry) that
        /// eviction compares by how crowded their network is: the heap's first four levels (15 entries) and one
        /// more, enough that a flood from a few networks always offers an entry of its own, for 16 count lookups
        /// per eviction.</summary>
        public const int EvictionSample = 16;

        /// <summary>Default most limit and dst-limit matchers over both families: each keeps buckets of its own.</summary>
        public const int DefaultMaxLimitRules = 8;

        /// <summary>Keys one dst-limit matcher follows at once (netfilter's hashlimit sizes its table by memory);
        /// a key not seen for the matcher's expire gives its slot up; when all are live a new key does not match.</summary>
        public const int DstLimitKeys = 32;

        /// <summary>Default most rules with a <c>psd</c> matcher over both families: each keeps a detector of its own.</summary>
        public const int DefaultMaxPsdRules = 2;

        /// <summary>Sources one psd detector follows at once; a new source takes the oldest record (netfilter's
        /// psd keeps 256 for the whole machine; 32 per rule keeps a detector near 2 KB for IPv4).</summary>
        public const int PsdSources = 32;

        /// <summary>Destination ports a psd record remembers (netfilter's psd: 21, SCAN_MAX_COUNT); a port past
        /// them counts again when repeated, as there.</summary>
        public const int PsdPortsRemembered = 21;

        /// <summary>Default live IPv6 single-address entries over all address lists.</summary>
        public const int DefaultIpv6ListEntries = 128;

        /// <summary>Default prefix and range entries (<c>10.0.0.0/8</c>, <c>a-b</c>) per family. They are
        /// matched by a scan of this section, so it stays small; static entries must fit, or compiling
        /// is refused.</summary>
        public const int DefaultListRangeEntries = 32;

        /// <summary>Default most dst-nat forwards per family.</summary>
        public const int DefaultMaxForwards = 8;

        /// <summary>Most /spa doors (fwknopd's stanzas): each costs a verification per datagram its sources send.</summary>
        public const int MaxSpaDoors = 8;

        /// <summary>Accepted SPA datagrams remembered at once against replays (24 bytes each): more than a door's
        /// clients send in its age window; a full cache refuses newcomers rather than forget a live entry.</summary>
        public const int SpaReplayEntries = 256;

        /// <summary>SPA datagrams verified per second at most, whatever their sources: a forged one costs a board
        /// ~29 ms of HMAC (docs/spa.md), so a flood must not take the loop. Past it they are counted, not checked.</summary>
        public const int SpaChecksPerSecond = 8;

        /// <summary>Of those, most for one source: a client retrying keeps its door, a single flooding source takes
        /// only its share (a flood of spoofed sources still takes the whole budget; docs/spa.md).</summary>
        public const int SpaChecksPerSourcePerSecond = 2;
    

        /// <summary>Longest console line in characters. A longer line is discarded whole and answered
        /// with an error; 512 fits a machine-mode upload chunk (128 bytes as hex) with room to spare.</summary>
        public const int MaxConsoleLine = 512;

        /// <summary>A half-typed console line untouched for this long is forgotten when the next byte comes,
        /// in ms: a UART has no hang-up, so a line left by someone who unplugged must not prefix the next
        /// person's command. 60 s; a person typing pauses far less.</summary>
        public const long PartialLineIdleMs = 60000;

        /// <summary>After a line refused as binary noise, further lines are dropped without echo or answer until
        /// the line is quiet this long, in ms (or Ctrl-C comes): a wrong baud rate or a stray binary stream
        /// gets one answer, not one per fragment. Half a second; a person pauses longer before retyping.</summary>
        public const long NoiseQuietMs = 500;

        /// <summary>Package bytes per machine-mode upload or download chunk line.</summary>
        public const int ConsoleChunkBytes = 128;

        /// <summary>An upload with no chunk for this long is abandoned (and answered as such), in ms.</summary>
        public const long UploadIdleTimeoutMs = 30000;

        /// <summary>Rule log lines the gateway keeps for the console's <c>log</c> (a ring; the oldest goes).</summary>
        public const int LogLines = 32;
    

        /// <summary>Sockets the gateway listens on at most (TCP and UDP); a board's budget is usually lower.</summary>
        public const int MaxListeners = 32;

        /// <summary>Forwarded TCP connections at once (each costs two sockets). A further one is refused (reset).</summary>
        public const int MaxForwardedConnections = 4;

        /// <summary>Forwarded UDP flows (client endpoint to LAN host) at once; the idlest goes when full.</summary>
        public const int MaxUdpFlows = 4;

        /// <summary>A forwarded UDP flow with no datagram for this long is closed, in ms (netfilter's udp-timeout is 10 s; 30 s suits DNS/VoIP-style use).</summary>
        public const long UdpFlowIdleMs = 30000;

        /// <summary>Gateway network console connections at once (the serial console is extra).</summary>
        public const int MaxNetworkConsoles = 2;

        /// <summary>Bytes copied per socket read when proxying; one buffer shared by the loop.</summary>
        public const int ProxyBufferBytes = 512;

        /// <summary>Bytes of console output a network console session may have waiting for its peer (one
        /// buffer per session, allocated when the session opens: 2 KB each). The session reads no further
        /// commands while output waits; a reply that does not fit closes the session (its output would be cut).</summary>
        public const int NetworkConsoleOutputBytes = 2048;

        /// <summary>A peer (console client, forwarded connection) whose waiting output makes no progress for this
        /// long is closed, in ms, so a client that stops reading cannot hold a slot, its sockets or the loop.</summary>
        public const long PeerStallMs = 10000;

        /// <summary>How long a forward waits for its LAN host to accept the connection, in ms. The loop never
        /// waits on it: the attempt is polled each pass and the client is reset when the time is up.</summary>
        public const long ForwardConnectTimeoutMs = 3000;

        /// <summary>Verdicts of packets to guarded ports kept until their connection is accepted (SightVerdicts):
        /// more than the connections a burst can open between two loop passes.</summary>
        public const int MaxSightVerdicts = 32;

        /// <summary>Most packets taken from the tap in one loop pass, so that a flood cannot keep the loop from
        /// the consoles (the rest wait in the tap's queue, or are lost there and counted).</summary>
        public const int TapPacketsPerPass = 64;

        /// <summary>Bytes of a packet the gateway reads from the tap: IPv4's largest header (60), UDP's (8) and
        /// fwknop's longest SPA datagram (432), which is the one payload the gateway reads; TCP's and IPv6's
        /// headers fit as well.</summary>
        public const int TapCaptureBytes = 512;

        /// <summary>Longest time between two reviews of open sessions against the rules, in ms (SessionReview):
        /// a session whose grant ended is closed within this time even when nothing else changed.</summary>
        public const long SessionReviewMs = 1000;

        /// <summary>A network console session that sends nothing for this long is closed, in ms, so a forgotten
        /// session (a laptop gone to sleep) does not hold a slot for good.</summary>
        public const long ConsoleIdleMs = 600000;

        /// <summary>After a failed console login the address waits this long times its failures before the next try, in ms.</summary>
        public const long LoginRetryDelayMs = 2000;

        /// <summary>Failed console logins after which an address is locked out.</summary>
        public const int LoginMaxFailures = 5;

        /// <summary>How long a locked-out address stays locked, in ms.</summary>
        public const long LoginLockoutMs = 300000;

        /// <summary>Source addresses, and networks, whose failed logins are remembered at once (LoginGuard). A
        /// failing or locked entry is never evicted to make room.</summary>
        public const int LoginGuardSlots = 16;

        /// <summary>Failed console logins from one network (/24, /64) after which the whole network is locked out
        /// for LoginLockoutMs: rotating through a network's addresses does not escape the per-address count.</summary>
        public const int LoginNetworkMaxFailures = 10;

        /// <summary>Failed console logins the gateway takes in a burst from everyone together; then new logins
        /// wait for the budget to refill (one failure every LoginGlobalRefillMs): ~5,760 guesses a day at most,
        /// however many networks guess.</summary>
        public const int LoginGlobalBurst = 20;

        /// <summary>One failed login more is allowed every this many ms once the global burst is spent.</summary>
        public const long LoginGlobalRefillMs = 15000;

        /// <summary>A network login must be complete (password given and checked) this long after the
        /// connection is accepted, in ms, whatever the client sends meanwhile: a slow-byte client cannot hold
        /// a console slot; a login that runs out of time counts as a failed one.</summary>
        public const long LoginDeadlineMs = 20000;

        /// <summary>PBKDF2 iterations of a network login checked per loop pass (two SHA-256 blocks each), so that a
        /// login spreads its cost over many passes instead of holding the loop (and the serial console).</summary>
        public const int PasswordIterationsPerPass = 10;

        /// <summary>A network console session still at its password prompt is closed after this long without a
        /// byte, in ms (shorter than LoginDeadlineMs, which bounds a client that keeps sending bytes), so that hosts that
        /// pass the filter cannot hold the console slots without the password.</summary>
        public const long LoginIdleMs = 10000;
    }
}
