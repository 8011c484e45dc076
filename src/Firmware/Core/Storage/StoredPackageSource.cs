// Lets the package reader stream the current package straight out of flash, chunk by chunk.
using Gateway.Core.Package;

namespace Gateway.Core.Storage
{
    /// <summary>An IByteSource over the RuleStore's current package.</summary>
    public sealed class StoredPackageSource : IByteSource
    {
        private readonly RuleStore _store;
        private int _at;

        public StoredPackageSource(RuleStore store) { _store = store; }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _store.ReadCurrent(_at, buffer, offset, count);
            _at += n;
            return n;
        }
    }
}
