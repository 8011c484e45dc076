// The board's managed heap: nanoFramework's GC.Run collects and returns the free bytes (it has no figure for
// the bytes in use; the heap's size is fixed when the firmware is built).
using Gateway.Core.Hardware;

namespace Gateway.Device.Hardware
{
    /// <summary>nanoFramework's collector as the consoles' heap gauge.</summary>
    public sealed class DeviceHeap : IHeapGauge
    {
        public bool CountsFree { get { return true; } }

        public long Collect() { return nanoFramework.Runtime.Native.GC.Run(false); }
    }
}
