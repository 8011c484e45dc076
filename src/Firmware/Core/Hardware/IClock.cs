// Monotonic time for the gateway loop: Environment.TickCount64 on a board (about 10 ms resolution),
// a stopwatch (optionally accelerated) in the emulator, a hand-stepped clock in tests.
namespace Gateway.Core.Hardware
{
    /// <summary>Milliseconds since an arbitrary start, never going backwards.</summary>
    public interface IClock
    {
        long NowMs { get; }
    }
}
