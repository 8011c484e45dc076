// When the board's loop rests between passes. A rest is Thread.Sleep(1), which on the ESP32 ends in FreeRTOS's
// vTaskDelay(1) (nanoCLR's Events_WaitForEvents): one tick, 10 ms at ESP-IDF's default 100 Hz. Resting after every
// pass would cap packet sight at what lwIP's raw queue (6 packets) holds per tick, ~600 a second, whatever the CPU
// could judge. So a pass that found work is followed by the next at once, and the loop rests when a pass finds
// nothing, or when it has gone MaxBusyMs without a rest: lwIP and the Ethernet driver preempt the loop anyway
// (higher priority), but FreeRTOS's idle task, which the task watchdog watches, runs only when the loop sleeps.
namespace Gateway.Host.App
{
    /// <summary>Decides after each pass whether the loop rests (sleeps a tick) before the next.</summary>
    public sealed class LoopPacer
    {
        private readonly long _maxBusyMs;
        private long _restedAtMs = long.MinValue;

        /// <param name="maxBusyMs">The longest the loop goes without a rest while every pass finds work.</param>
        public LoopPacer(long maxBusyMs)
        {
            _maxBusyMs = maxBusyMs;
        }

        /// <summary>True when the loop should rest now: the pass found nothing to do, or the loop has been busy
        /// for <c>maxBusyMs</c> since its last rest. A true answer counts as the rest.</summary>
        public bool ShouldRest(bool busy, long nowMs)
        {
            if (_restedAtMs == long.MinValue) _restedAtMs = nowMs;
            long sinceRest = nowMs - _restedAtMs;   // negative only on a clock that went back: rest, and count anew
            if (busy && sinceRest >= 0 && sinceRest < _maxBusyMs) return false;
            _restedAtMs = nowMs;
            return true;
        }
    }
}
