// fwknopd's decision for one datagram (server/incoming_spa.c, access.c), over the gateway's stanzas in order:
// only stanzas whose SOURCE takes the datagram's source are tried; under each, the HMAC and the decryption
// (failing either, the next stanza is tried); the first stanza that authenticates it decides (fwknopd goes on
// to the next stanza when a later check fails too; here such a refusal is final: stricter, never wider). Then, unlike
// fwknopd's order, the age before the replay cache, so a stale datagram never takes a slot: the age against the
// gateway's wall clock, the replay cache (entries live until the datagram's time plus the maximum age), the
// request's address (0.0.0.0 is the datagram's source unless the stanza requires an address), every asked port
// among the stanza's, and the grant's length (the client's, capped, or the stanza's). Nothing allocated.
namespace Gateway.Crypto.Spa
{
    public sealed class SpaPolicy
    {
        private SpaStanza[] _stanzas;
        private readonly SpaVerifier _verifier = new SpaVerifier();
        private readonly SpaRequest _request = new SpaRequest();
        private readonly ReplayCache _replays;
        // The longest maximum age any stanza has had: entries are remembered through their time plus this, so a
        // window that grows later never meets a datagram its cache forgot under the shorter one. Never shrinks.
        private int _window;
        // Datagrams stamped at or before this second are refused as replays: the gateway may have accepted and
        // forgotten them (before a reboot, or under a shorter window). long.MinValue: none.
        private long _floor = long.MinValue;

        /// <param name="replayCapacity">Accepted datagrams remembered at once.</param>
        public SpaPolicy(SpaStanza[] stanzas, int replayCapacity)
        {
            _stanzas = stanzas;
            _replays = new ReplayCache(replayCapacity);
            _window = LongestMaxAge(stanzas);
        }

        /// <summary>Seconds an accepted datagram is remembered past its own time (less one).</summary>
        public int ReplayWindowSeconds { get { return _window; } }

        /// <summary>The latest timestamp refused as a possible replay, or long.MinValue.</summary>
        public long ReplayFloorSeconds { get { return _floor; } }

        /// <summary>Refuses, as replays, datagrams stamped at or before <paramref name="seconds"/> (a cache that could
        /// not be restored after a reboot forgot what it had accepted).</summary>
        public void RefuseUpTo(long seconds) { if (seconds > _floor) _floor = seconds; }

        public ReplayCache Replays { get { return _replays; } }

        /// <summary>The stanzas in force from now on (new rules or keys). The replay cache stays: a datagram
        /// accepted before the change is still a replay after it. When the longest maximum age grows, what the
        /// cache may already have forgotten under the old one (stamped up to <paramref name="latestSeconds"/>, the
        /// latest time any datagram was judged at, less the old window) is refused from now on.</summary>
        public void Use(SpaStanza[] stanzas, long latestSeconds)
        {
            _stanzas = stanzas;
            int longest = LongestMaxAge(stanzas);
            if (longest <= _window) return;
            if (latestSeconds != long.MinValue) RefuseUpTo(latestSeconds - _window - 1);
            _window = longest;
        }

        /// <summary>The stanzas in force.</summary>
        public int StanzaCount { get { return _stanzas.Length; } }

        /// <summary>Decides one datagram from <paramref name="source"/> (IPv4, most significant byte first) at
        /// <paramref name="nowSeconds"/> (Unix time); on Accepted the grant is filled.</summary>
        public SpaOutcome Decide(byte[] wire, int offset, int length, uint source, long nowSeconds, SpaGrant grant)
        {
            return Decide(wire, offset, length, source, 0, nowSeconds, grant);
        }

        /// <summary>As above for a datagram sent to UDP <paramref name="port"/>: only the stanzas of that port are
        /// tried (0: every stanza).</summary>
        public SpaOutcome Decide(byte[] wire, int offset, int length, uint source, int port, long nowSeconds, SpaGrant grant)
        {
            SpaOutcome failure = SpaOutcome.Policy;   // no stanza takes the source
            for (int s = 0; s < _stanzas.Length; s++)
            {
                SpaStanza stanza = _stanzas[s];
                if (!Tries(stanza, source, port)) continue;
                SpaCheck check = _verifier.Check(wire, offset, length, stanza.Keys, _request);
                if (check == SpaCheck.Format) return SpaOutcome.Format;
                if (check == SpaCheck.Hmac) { if (failure == SpaOutcome.Policy) failure = SpaOutcome.Hmac; continue; }
                if (check == SpaCheck.Decrypt) { failure = SpaOutcome.Decrypt; continue; }
                if (check != SpaCheck.Ok) return SpaOutcome.Message;
                return Grant(stanza, s, source, nowSeconds, grant);
            }
            return failure;
        }

        /// <summary>The stanzas a datagram from <paramref name="source"/> to <paramref name="port"/> would be verified
        /// under: each costs an HMAC.</summary>
        public int Candidates(uint source, int port)
        {
            int n = 0;
            for (int s = 0; s < _stanzas.Length; s++) if (Tries(_stanzas[s], source, port)) n++;
            return n;
        }

        private static bool Tries(SpaStanza stanza, uint source, int port)
        {
            return stanza.TakesSource(source) && stanza.Keys.IsSet && (port == 0 || stanza.Port == 0 || stanza.Port == port);
        }

        private static int LongestMaxAge(SpaStanza[] stanzas)
        {
            int longest = 0;
            for (int s = 0; s < stanzas.Length; s++) if (stanzas[s].MaxAgeSeconds > longest) longest = stanzas[s].MaxAgeSeconds;
            return longest;
        }

        private SpaOutcome Grant(SpaStanza stanza, int index, uint source, long nowSeconds, SpaGrant grant)
        {
            SpaRequest r = _request;
            long age = nowSeconds - r.Timestamp;
            if (age > stanza.MaxAgeSeconds || -age > stanza.MaxAgeSeconds) return SpaOutcome.Age;
            if (r.Timestamp <= _floor) return SpaOutcome.Replay;   // possibly accepted before, and forgotten
            // Remembered while any stanza's age check could still pass it (through its time plus the longest maximum
            // age there has been, inclusive): a stanza with the same keys and a longer window must not take its replay.
            ReplayOutcome replay = _replays.Remember(r.Tag, 0, r.Timestamp + _window + 1, nowSeconds);
            if (replay == ReplayOutcome.Replayed) return SpaOutcome.Replay;
            if (replay == ReplayOutcome.Full) return SpaOutcome.Busy;
            if (r.Address == 0 && stanza.RequireSourceAddress) return SpaOutcome.Policy;
            for (int i = 0; i < r.AccessCount; i++) if (!stanza.Opens(r.Protocols[i], r.Ports[i])) return SpaOutcome.Policy;
            grant.Address = r.Address == 0 ? source : r.Address;
            // A client's own timeout (type 3) is capped; none, or 0, takes the stanza's.
            grant.Seconds = r.ClientTimeout > 0 ? (r.ClientTimeout < stanza.MaxTimeoutSeconds ? r.ClientTimeout : stanza.MaxTimeoutSeconds) : stanza.TimeoutSeconds;
            grant.Stanza = index;
            grant.AccessCount = r.AccessCount;
            for (int i = 0; i < r.AccessCount; i++) { grant.Protocols[i] = r.Protocols[i]; grant.Ports[i] = r.Ports[i]; }
            return SpaOutcome.Accepted;
        }
    }
}
