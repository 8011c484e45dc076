// The emulator's monotonic clock: real time (optionally sped up) plus whatever a test adds with Advance,
// so that a one-minute list timeout needs no minute of waiting. Its wall clock is the PC's time at start plus
// that same emulated time, so a test that advances an hour sees /system clock (and syslog stamps) move an hour.
using System.Diagnostics;
using Gateway.Core.Hardware;

namespace Gateway.Emulator.Hardware;

/// <summary>Stopwatch time × scale + manual steps.</summary>
public sealed class EmulatorClock(double scale = 1.0) : IClock, IWallClock
{
    private readonly long _startUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _offsetMs;

    public long NowMs => (long)(_watch.ElapsedMilliseconds * scale) + Interlocked.Read(ref _offsetMs);

    public long UnixMs => _startUnixMs + NowMs;

    /// <summary>Moves emulator time forward. Only <see cref="EmulatorHost.Advance"/> calls it, under the
    /// host's lock, so no loop pass can read the time from before the step after the step returned.</summary>
    internal void Advance(long ms) => Interlocked.Add(ref _offsetMs, ms);
}
