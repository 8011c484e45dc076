// IClock on the board: Environment.TickCount64 (FreeRTOS ticks, 10 ms resolution, independent of SNTP).
using Gateway.Core.Hardware;

namespace Gateway.Device.Hardware
{
    public sealed class DeviceClock : IClock
    {
        public long NowMs { get { return System.Environment.TickCount64; } }
    }
}
