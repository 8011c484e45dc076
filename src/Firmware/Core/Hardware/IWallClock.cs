// Calendar time for what people and other machines read (/system clock print, syslog timestamps, and the age
// of a single packet authorization): DateTime.UtcNow on a board once SNTP has answered, the PC's clock in the
// emulator, a fixed value in tests. The loop's timers never use it: they run on IClock, which cannot jump.
namespace Gateway.Core.Hardware
{
    /// <summary>UTC wall-clock time, which may be unknown (a board before SNTP) and may jump when set.</summary>
    public interface IWallClock
    {
        /// <summary>Milliseconds since 1970-01-01T00:00:00Z, or -1 while the time is unknown.</summary>
        long UnixMs { get; }
    }
}
