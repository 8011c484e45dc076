// The managed heap as the consoles report it (status, !status, /system resource print): the board's free bytes
// from nanoFramework's collector, the emulator's bytes in use from .NET's (its heap grows on demand, so it has
// no free figure). Measured after a collection, so the figure is what the gateway holds, not garbage waiting;
// a console asks rarely, never the per-packet path.
namespace Gateway.Core.Hardware
{
    /// <summary>The managed heap, measured after a collection.</summary>
    public interface IHeapGauge
    {
        /// <summary>True when <see cref="Collect"/> returns bytes free (a board's fixed heap), false when bytes in use.</summary>
        bool CountsFree { get; }

        /// <summary>Collects, then returns the bytes free or in use (<see cref="CountsFree"/> says which).</summary>
        long Collect();
    }
}
