// Test classes that assert a path allocates nothing read GC.GetAllocatedBytesForCurrentThread. Another thread
// allocating in the same process can move this thread's count by a few KB while it allocates nothing (seen:
// 4,248 bytes in one of 2,000 allocation-free windows beside an allocating thread; the CLI's bench read 2.6 KB
// that way in CI beside other test classes). This collection runs them alone, after the parallel ones.
namespace Gateway.Core.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationGroup
{
    public const string Name = "measures this thread's allocations";
}
