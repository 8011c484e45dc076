// A firewall that decides trace packets: the device's table engine, or the reference interpreter.
// Replay, script tests and the differential tests drive both through this one shape.
using Gateway.Core.Model;

namespace Gateway.Rules.Replay;

/// <summary>Decides packets and exposes the state the differential tests compare.</summary>
public interface IFirewall
{
    /// <param name="packet">A packet that passed <see cref="PacketFields.Check"/>.</param>
    /// <param name="state">The connection state (one <see cref="ConnectionStates"/> bit).</param>
    Outcome Decide(TracePacket packet, byte state, long nowMs);

    /// <summary>Packet and byte counters of a rule, by family, chain name and index in the chain.</summary>
    (long Packets, long Bytes) Counters(Family family, string chain, int ruleIndex);

    /// <summary>Live list entries as sorted lines "family list address expiry".</summary>
    IReadOnlyList<string> ListEntries(long nowMs);

    /// <summary>True when the address is in the list now.</summary>
    bool IsListed(string list, string address, long nowMs);

    /// <summary>The connection table connection-limit counts from (the trace runner's).</summary>
    void UseConnections(Gateway.Rules.Tracking.ConnectionTracker tracker);
}
