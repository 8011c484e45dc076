// A rule store as most tests want one, opened on a flash at the largest package size a board takes; for the
// tests of both runtimes (the core's xUnit tests and the device tests on nanoCLR), so written for nanoFramework 1.x.
using Gateway.Core.Hardware;
using Gateway.Core.Storage;

namespace Gateway.Testing
{
    internal static class Stores
    {
        /// <summary>A RuleStore on <paramref name="flash"/> (Capacity.MaxPackageBytes), opened.</summary>
        public static RuleStore Opened(IFlash flash) { return Opened(flash, Gateway.Core.Capacity.MaxPackageBytes); }

        /// <summary>A RuleStore on <paramref name="flash"/> for packages of up to <paramref name="maxBytes"/>, opened.</summary>
        public static RuleStore Opened(IFlash flash, int maxBytes)
        {
            RuleStore store = new RuleStore(flash, maxBytes);
            store.Open();
            return store;
        }
    }
}
