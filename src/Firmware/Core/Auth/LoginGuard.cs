// Repeated failed console logins from one address are slowed, then locked out: after each failure the
// address waits Capacity.LoginRetryDelayMs times its failures before it may try again, and after
// Capacity.LoginMaxFailures it is locked for Capacity.LoginLockoutMs. Fixed slots (Capacity.LoginGuardSlots);
// when they are full the address whose last failure is oldest makes room, locked-out addresses last.
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Core.Auth
{
    /// <summary>Failed logins per source address.</summary>
    public sealed class LoginGuard
    {
        private readonly Family[] _family = new Family[Capacity.LoginGuardSlots];
        private readonly uint[] _address = new uint[Capacity.LoginGuardSlots * 4];
        private readonly int[] _failures = new int[Capacity.LoginGuardSlots];   // 0 = free slot
        private readonly long[] _lastFailureMs = new long[Capacity.LoginGuardSlots];

        /// <summary>Failed logins since start.</summary>
        public long Failures { get; private set; }
        /// <summary>Logins refused because the address was waiting or locked.</summary>
        public long Refused { get; private set; }

        /// <summary>Milliseconds before <paramref name="peer"/> may try again; 0 when it may now.</summary>
        public long WaitMs(Endpoint peer, long now)
        {
            int i = Find(peer);
            if (i < 0) return 0;
            long until = _lastFailureMs[i] + (_failures[i] >= Capacity.LoginMaxFailures ? Capacity.LoginLockoutMs : Capacity.LoginRetryDelayMs * _failures[i]);
            if (now >= until)
            {
                if (_failures[i] >= Capacity.LoginMaxFailures) _failures[i] = 0;   // served its lockout: a clean slate
                return 0;
            }
            Refused++;
            return until - now;
        }

        public void Failed(Endpoint peer, long now)
        {
            Failures++;
            int i = Find(peer);
            if (i < 0)
            {
                // A free slot, else the stalest address that is not locked out, else the stalest of all: guesses from
                // many addresses do not lift a lockout before they have to.
                i = -1;
                for (int k = 0; k < _failures.Length; k++)
                {
                    if (_failures[k] == 0) { i = k; break; }
                    bool locked = _failures[k] >= Capacity.LoginMaxFailures;
                    if (i < 0 || (_failures[i] >= Capacity.LoginMaxFailures && !locked) || (locked == (_failures[i] >= Capacity.LoginMaxFailures) && _lastFailureMs[k] < _lastFailureMs[i])) i = k;
                }
                _family[i] = peer.Family;
                for (int w = 0; w < 4; w++) _address[i * 4 + w] = peer.Address[w];
                _failures[i] = 0;
            }
            _failures[i]++;
            _lastFailureMs[i] = now;
        }

        public void Succeeded(Endpoint peer)
        {
            int i = Find(peer);
            if (i >= 0) _failures[i] = 0;
        }

        private int Find(Endpoint peer)
        {
            for (int i = 0; i < _failures.Length; i++)
            {
                if (_failures[i] == 0 || _family[i] != peer.Family) continue;
                if (_address[i * 4] == peer.Address[0] && _address[i * 4 + 1] == peer.Address[1] && _address[i * 4 + 2] == peer.Address[2] && _address[i * 4 + 3] == peer.Address[3]) return i;
            }
            return -1;
        }
    }
}
