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

        /// <param name="replayCapacity">Accepted datagrams remembered at once.</param>
        public SpaPolicy(SpaStanza[] stanzas, int replayCapacity)
        {
            _stanzas = stanzas;
            _replays = new ReplayCache(replayCapacity);
        }

        public ReplayCache Replays { get { return _replays; } }

        /// <summary>The stanzas in force from now on (new rules or keys). The replay cache stays: a datagram
        /// accepted before the change is still a replay after it.</summary>
        public void Use(SpaStanza[] stanzas) { _stanzas = stanzas; }

        /// <summary>The stanzas in force.</summary>
        public int StanzaCount { get { return _stanzas.Length; } }

        /// <summary>Decides one datagram from <paramref name="source"/> (IPv4, most significant byte first) at
        /// <paramref name="nowSeconds"/> (Unix time); on Accepted the grant is filled.</summary>
        public SpaOutcome Decide(byte[] wire, int offset, int length, uint source, long nowSeconds, SpaGrant grant)
        {
            SpaOutcome failure = SpaOutcome.Policy;   // no stanza takes the source
            for (int s = 0; s < _stanzas.Length; s++)
            {
                SpaStanza stanza = _stanzas[s];
                if (!stanza.TakesSource(source) || !stanza.Keys.IsSet) continue;
                SpaCheck check = _verifier.Check(wire, offset, length, stanza.Keys, _request);
                if (check == SpaCheck.Format) return SpaOutcome.Format;
                if (check == SpaCheck.Hmac) { if (failure == SpaOutcome.Policy) failure = SpaOutcome.Hmac; continue; }
                if (check == SpaCheck.Decrypt) { failure = SpaOutcome.Decrypt; continue; }
                if (check != SpaCheck.Ok) return SpaOutcome.Message;
                return Grant(stanza, s, source, nowSeconds, grant);
            }
            return failure;
        }

        private int LongestMaxAge()
        {
            int longest = 0;
            for (int s = 0; s < _stanzas.Length; s++) if (_stanzas[s].MaxAgeSeconds > longest) longest = _stanzas[s].MaxAgeSeconds;
            return longest;
        }

        private SpaOutcome Grant(SpaStanza stanza, int index, uint source, long nowSeconds, SpaGrant grant)
        {
            SpaRequest r = _request;
            long age = nowSeconds - r.Timestamp;
            if (age > stanza.MaxAgeSeconds || -age > stanza.MaxAgeSeconds) return SpaOutcome.Age;
            // Remembered while any stanza's age check could still pass it (through its time plus the longest maximum
            // age, inclusive): a stanza with the same keys and a longer window must not take its replay.
            ReplayOutcome replay = _replays.Remember(r.Tag, 0, r.Timestamp + LongestMaxAge() + 1, nowSeconds);
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
