// When the board's loop rests between passes. A rest is Thread.Sleep(1), which on the ESP32 ends in FreeRTOS's
// vTaskDelay(1) (nanoCLR's Events_WaitForEvents): one tick, 10 ms at ESP-IDF's default 100 Hz, while lwIP's raw
// queue holds 6 packets. A rest therefore loses what arrives beyond 6 in a tick: resting after every pass capped
// packet sight at ~600 a second, and so did resting after every pass that found nothing, because a loop faster
// than the traffic empties the queue between packets and rests right away. So the loop goes on while any pass
// found work within QuietMs (a whole tick), and rests when the traffic has paused that long, or when it has gone
// MaxBusyMs without a rest: lwIP and the Ethernet driver preempt the loop anyway (higher priority), but FreeRTOS's
// idle task, which the task watchdog watches, runs only when the loop sleeps. The price is CPU: the loop polls
// for 10-20 ms (one to two ticks of the board's clock) after the last packet instead of sleeping, so traffic of
// more than ~50-100 packets a second keeps nanoCLR's core busy.
namespace Gateway.Host.App
{
    /// <summary>Decides after each pass whether the loop rests (sleeps a tick) before the next.</summary>
    public sealed class LoopPacer
    {
        private readonly long _maxBusyMs;
        private readonly long _quietMs;
        private long _restedAtMs = long.MinValue;
        private long _workAtMs;
        private bool _worked;

        /// <param name="maxBusyMs">The longest the loop goes without a rest while passes find work.</param>
        /// <param name="quietMs">How long no pass may find work before the loop rests (at least a rest's length,
        /// so that traffic a rest would overflow keeps the loop awake).</param>
        public LoopPacer(long maxBusyMs, long quietMs)
        {
            _maxBusyMs = maxBusyMs;
            _quietMs = quietMs;
        }

        /// <summary>True when the loop should rest now: no pass has found work for <c>quietMs</c> (this one
        /// included), or the loop has gone <c>maxBusyMs</c> since its last rest. A true answer counts as the rest.</summary>
        public bool ShouldRest(bool busy, long nowMs)
        {
            if (_restedAtMs == long.MinValue) _restedAtMs = nowMs;
            if (busy)
            {
                _workAtMs = nowMs;
                _worked = true;
            }
            // Negative differences come only from a clock that went back: rest, and count anew.
            long sinceRest = nowMs - _restedAtMs;
            long sinceWork = nowMs - _workAtMs;
            bool recentWork = _worked && sinceWork >= 0 && sinceWork < _quietMs;
            if (recentWork && sinceRest >= 0 && sinceRest < _maxBusyMs) return false;
            _restedAtMs = nowMs;
            if (!recentWork) _worked = false;
            return true;
        }
    }
}
