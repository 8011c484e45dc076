// The consoles' heap figure, taken at most once a second: each reading runs a full collection, which on a board
// holds up the loop (packet sight, the consoles) while it runs, and a console user can paste a screenful of
// `status` or `!status` lines. Within a second the last reading answers; a figure a second old is still the truth
// a person or `gateway status` asks for.
using Gateway.Core.Hardware;

namespace Gateway.Host.App
{
    /// <summary>A heap gauge that collects at most once per <see cref="IntervalMs"/>.</summary>
    public sealed class RecentHeapGauge : IHeapGauge
    {
        /// <summary>How long a reading answers for.</summary>
        public const int IntervalMs = 1000;

        private readonly IHeapGauge _gauge;
        private readonly IClock _clock;
        private long _freeAtMs = long.MinValue, _usedAtMs = long.MinValue;
        private long _free, _used;

        public RecentHeapGauge(IHeapGauge gauge, IClock clock)
        {
            _gauge = gauge;
            _clock = clock;
        }

        public long CollectFreeBytes()
        {
            long now = _clock.NowMs;
            if (_freeAtMs == long.MinValue || now - _freeAtMs >= IntervalMs) { _free = _gauge.CollectFreeBytes(); _freeAtMs = now; }
            return _free;
        }

        public long CollectUsedBytes()
        {
            long now = _clock.NowMs;
            if (_usedAtMs == long.MinValue || now - _usedAtMs >= IntervalMs) { _used = _gauge.CollectUsedBytes(); _usedAtMs = now; }
            return _used;
        }
    }
}
