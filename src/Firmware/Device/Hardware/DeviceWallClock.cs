// IWallClock on the board: DateTime.UtcNow, which SNTP (or Rtc.SetSystemTime) sets; before that its year is
// below 2021 (nanoframework-facts.md) and the time is unknown.
using System;
using Gateway.Core.Hardware;

namespace Gateway.Device.Hardware
{
    public sealed class DeviceWallClock : IWallClock
    {
        private const long UnixEpochTicks = 621355968000000000L;

        public long UnixMs
        {
            get
            {
                DateTime now = DateTime.UtcNow;
                return now.Year < 2021 ? -1 : (now.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond;
            }
        }
    }
}
