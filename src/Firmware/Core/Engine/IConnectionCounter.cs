// Where connection-limit learns how many connections a source block has: the gateway's own sessions on a
// device, connection tracking in trace replay. The engine keeps no connection table of its own.
using Gateway.Core.Packets;

namespace Gateway.Core.Engine
{
    /// <summary>Counts live connections by source address block.</summary>
    public interface IConnectionCounter
    {
        /// <summary>Live connections whose source is in the packet's source /<paramref name="prefix"/> block,
        /// the packet's own connection counted once (netfilter's connlimit adds it when it is not tracked yet).
        /// Allocation-free.</summary>
        int ConnectionsFrom(Packet packet, int prefix, long nowMs);
    }
}
