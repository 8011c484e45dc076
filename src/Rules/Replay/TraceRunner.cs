// Feeds packets through connection tracking and a firewall, as a router would see them: the state is
// classified first, the filter decides, and only an accepted first packet records its connection.
using Gateway.Core.Model;
using Gateway.Rules.Tracking;

namespace Gateway.Rules.Replay;

/// <summary>One simulated router: a firewall plus its connection tracking.</summary>
public sealed class TraceRunner
{
    private readonly ConnectionTracker _tracker;

    public TraceRunner(IFirewall firewall, ConnectionTracker? tracker = null)
    {
        _tracker = tracker ?? new ConnectionTracker();
        Firewall = firewall;
        firewall.UseConnections(_tracker);
    }

    public IFirewall Firewall { get; }

    /// <summary>Decides one checked packet at its time <see cref="TracePacket.T"/>.</summary>
    public Outcome Step(TracePacket p)
    {
        PacketFields.Header(p, out var family, out UInt128 src, out UInt128 dst, out int protocol, out byte flags);
        bool ported = protocol == Protocols.Tcp || protocol == Protocols.Udp;
        byte state;
        if (p.State != null) { PacketFields.TryState(p.State, out state); _tracker.ClearPending(); }
        else state = _tracker.Classify(protocol, src, ported ? p.Sport : 0, dst, ported ? p.Dport : 0, flags, p.T, family);
        var outcome = Firewall.Decide(p, state, p.T);
        // A packet raw took out of connection tracking (notrack) starts no connection.
        if (p.State == null && !outcome.Untracked) _tracker.Commit(outcome.Verdict == "accept", protocol, flags, p.T);
        return outcome;
    }
}
