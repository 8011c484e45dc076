// Where connection-limit learns how many connections a source block has: the gateway's own sessions on a
// device, connection tracking in trace replay. The engine keeps no connection table of its own.
using Gateway.Core.Model;

namespace Gateway.Core.Engine
{
    /// <summary>Counts live connections by source address block.</summary>
    public interface IConnectionCounter
    {
        /// <summary>Live connections whose source is in <paramref name="address"/>/<paramref name="prefix"/>
        /// (the packet's own connection not included unless already tracked). Allocation-free.</summary>
        int ConnectionsFrom(Family family, uint[] address, int prefix, long nowMs);
    }
}
