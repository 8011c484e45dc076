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
        private long _readAtMs = long.MinValue;
        private long _bytes;

        public RecentHeapGauge(IHeapGauge gauge, IClock clock)
        {
            _gauge = gauge;
            _clock = clock;
        }

        public bool CountsFree { get { return _gauge.CountsFree; } }

        public long Collect()
        {
            long now = _clock.NowMs;
            if (_readAtMs == long.MinValue || now - _readAtMs >= IntervalMs) { _bytes = _gauge.Collect(); _readAtMs = now; }
            return _bytes;
        }
    }
}
