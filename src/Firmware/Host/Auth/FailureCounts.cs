// Failed logins counted per address prefix (a source's /32 or /128, a network's /24 or /64) in fixed
// slots. An entry lives while it matters: until its last failure is LoginGuard's memory old, or until its
// lockout is served. A new prefix takes a free or forgotten slot only: an entry that is failing or locked
// is never evicted, so addresses rotated through the table cannot reset anyone's count. When every slot
// is live the failure is not recorded here (the other levels and the global budget still count it).
using Gateway.Core;
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Host.Auth
{
    /// <summary>Failures and lockouts per address prefix, in fixed memory.</summary>
    public sealed class FailureCounts
    {
        private readonly int _ipv4Prefix;
        private readonly int _ipv6Prefix;
        private readonly int _maxFailures;
        private readonly long _retryDelayMs;
        private readonly Family[] _family;
        private readonly uint[] _address;       // 4 words a slot, masked to the prefix
        private readonly int[] _failures;       // 0 = free slot
        private readonly long[] _lastFailureMs;

        /// <param name="slots">Prefixes remembered at once.</param>
        /// <param name="ipv4Prefix">Bits of an IPv4 address that name an entry (32: one host, 24: a network).</param>
        /// <param name="ipv6Prefix">Bits of an IPv6 address that name an entry (128, or 64 for a network).</param>
        /// <param name="maxFailures">Failures after which the prefix is locked out for LoginLockoutMs.</param>
        /// <param name="retryDelayMs">Wait after each failure, times the failures so far (0: none).</param>
        public FailureCounts(int slots, int ipv4Prefix, int ipv6Prefix, int maxFailures, long retryDelayMs)
        {
            _ipv4Prefix = ipv4Prefix;
            _ipv6Prefix = ipv6Prefix;
            _maxFailures = maxFailures;
            _retryDelayMs = retryDelayMs;
            _family = new Family[slots];
            _address = new uint[slots * 4];
            _failures = new int[slots];
            _lastFailureMs = new long[slots];
        }

        /// <summary>Entries that are failing or locked now.</summary>
        public int Live(long now)
        {
            int n = 0;
            for (int i = 0; i < _failures.Length; i++) if (IsLive(i, now)) n++;
            return n;
        }

        /// <summary>Milliseconds before <paramref name="peer"/>'s prefix may try again; 0 when it may now.</summary>
        public long WaitMs(Endpoint peer, long now)
        {
            int i = Find(peer, now);
            if (i < 0) return 0;
            long until = _lastFailureMs[i] + (_failures[i] >= _maxFailures ? Capacity.LoginLockoutMs : _retryDelayMs * _failures[i]);
            return now >= until ? 0 : until - now;
        }

        public void Failed(Endpoint peer, long now)
        {
            int i = Find(peer, now);
            if (i < 0)
            {
                for (int k = 0; k < _failures.Length && i < 0; k++) if (!IsLive(k, now)) i = k;
                if (i < 0) return;
                _family[i] = peer.Family;
                int prefix = Prefix(peer.Family);
                for (int w = 0; w < 4; w++) _address[i * 4 + w] = peer.Address[w] & AddressWords.MaskWord(prefix, w);
                _failures[i] = 0;
            }
            _failures[i]++;   // a failure while locked (a login already under way) extends the lockout
            _lastFailureMs[i] = now;
        }

        /// <summary>A successful login clears the prefix's failures.</summary>
        public void Succeeded(Endpoint peer, long now)
        {
            int i = Find(peer, now);
            if (i >= 0) _failures[i] = 0;
        }

        // Failing (its last failure within the lockout time, so a slow guesser is still counted) or locked.
        private bool IsLive(int i, long now)
        {
            return _failures[i] != 0 && now - _lastFailureMs[i] < Capacity.LoginLockoutMs;
        }

        private int Prefix(Family family) { return family == Family.Ipv4 ? _ipv4Prefix : _ipv6Prefix; }

        private int Find(Endpoint peer, long now)
        {
            int prefix = Prefix(peer.Family);
            int words = AddressWords.Of(peer.Family);
            for (int i = 0; i < _failures.Length; i++)
            {
                if (!IsLive(i, now) || _family[i] != peer.Family) continue;
                bool same = true;
                for (int w = 0; w < words && same; w++) same = _address[i * 4 + w] == (peer.Address[w] & AddressWords.MaskWord(prefix, w));
                if (same) return i;
            }
            return -1;
        }
    }
}
