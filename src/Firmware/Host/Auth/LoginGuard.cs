// Failed console logins, counted where rotating addresses cannot reset them: per source address (after each
// failure it waits Capacity.LoginRetryDelayMs times its failures; after Capacity.LoginMaxFailures it is locked
// for Capacity.LoginLockoutMs), per network (/24, /64: locked after Capacity.LoginNetworkMaxFailures, so an
// attacker who rotates through the addresses of one network is stopped there while other networks log in),
// and against a global budget of failures (Capacity.LoginGlobalBurst, one more every
// Capacity.LoginGlobalRefillMs), which bounds the guesses of many networks together. Failing and locked
// entries are never evicted (FailureCounts); a failure that finds no slot still spends the global budget.
using Gateway.Core;
using Gateway.Core.Hardware;

namespace Gateway.Host.Auth
{
    /// <summary>Failed logins per source address, per network and in total.</summary>
    public sealed class LoginGuard
    {
        private readonly FailureCounts _sources = new FailureCounts(Capacity.LoginGuardSlots, 32, 128, Capacity.LoginMaxFailures, Capacity.LoginRetryDelayMs);
        private readonly FailureCounts _networks = new FailureCounts(Capacity.LoginGuardSlots, 24, 64, Capacity.LoginNetworkMaxFailures, 0);
        private int _budget = Capacity.LoginGlobalBurst;
        private long _budgetRefilledMs;   // when the last whole failure came back (while full: when last looked at)

        /// <summary>Failed logins since start.</summary>
        public long Failures { get; private set; }
        /// <summary>Logins refused because the address, its network or everyone was waiting or locked.</summary>
        public long Refused { get; private set; }
        /// <summary>Logins refused because the global budget of failures was spent.</summary>
        public long RefusedGlobally { get; private set; }

        /// <summary>True when the last refusal of <see cref="WaitMs"/> came from the global budget, not the address.</summary>
        public bool LastWaitWasGlobal { get; private set; }

        /// <summary>Milliseconds before <paramref name="peer"/> may try again; 0 when it may now.</summary>
        public long WaitMs(Endpoint peer, long now)
        {
            LastWaitWasGlobal = false;
            long wait = _sources.WaitMs(peer, now);
            long network = _networks.WaitMs(peer, now);
            if (network > wait) wait = network;
            if (wait == 0)
            {
                Refill(now);
                if (_budget == 0)
                {
                    RefusedGlobally++;
                    LastWaitWasGlobal = true;
                    wait = _budgetRefilledMs + Capacity.LoginGlobalRefillMs - now;
                    if (wait < 1) wait = 1;
                }
            }
            if (wait > 0) Refused++;
            return wait;
        }

        public void Failed(Endpoint peer, long now)
        {
            Failures++;
            _sources.Failed(peer, now);
            _networks.Failed(peer, now);
            Refill(now);
            if (_budget > 0) _budget--;
        }

        public void Succeeded(Endpoint peer, long now)
        {
            _sources.Succeeded(peer, now);
            // The network keeps its count: one host's success says nothing of its neighbours' guesses.
        }

        /// <summary>Source addresses failing or locked now (at most Capacity.LoginGuardSlots).</summary>
        public int SourcesTracked(long now) { return _sources.Live(now); }

        private void Refill(long now)
        {
            if (_budget >= Capacity.LoginGlobalBurst) { _budgetRefilledMs = now; return; }
            long tokens = (now - _budgetRefilledMs) / Capacity.LoginGlobalRefillMs;
            if (tokens <= 0) return;
            _budget = tokens >= Capacity.LoginGlobalBurst - _budget ? Capacity.LoginGlobalBurst : _budget + (int)tokens;
            _budgetRefilledMs += tokens * Capacity.LoginGlobalRefillMs;
        }
    }
}
