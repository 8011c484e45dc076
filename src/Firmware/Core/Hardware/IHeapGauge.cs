// The managed heap as the consoles report it (status, !status, /system resource print): the board's free bytes
// from nanoFramework's collector, the emulator's bytes in use from .NET's. Measured after a collection, so the
// figure is what the gateway holds, not garbage waiting; a console asks rarely, never the per-packet path.
namespace Gateway.Core.Hardware
{
    /// <summary>The managed heap, measured after a collection.</summary>
    public interface IHeapGauge
    {
        /// <summary>Collects, then returns the bytes free, or -1 where the runtime does not say (.NET's heap grows).</summary>
        long CollectFreeBytes();

        /// <summary>Collects, then returns the bytes in use, or -1 where the runtime does not say (nanoFramework).</summary>
        long CollectUsedBytes();
    }
}
