// The emulator's managed heap: .NET's bytes in use after a full collection. Its heap grows on demand, so it
// has no "free" figure; the board's (DeviceHeap) is the one that bounds what a board holds.
using Gateway.Core.Hardware;

namespace Gateway.Emulator.Hardware;

/// <summary>.NET's collector as the consoles' heap gauge.</summary>
public sealed class ProcessHeap : IHeapGauge
{
    public bool CountsFree => false;

    public long Collect() => GC.GetTotalMemory(forceFullCollection: true);
}
