// Sessions end with the grant, as on RouterOS, where every later packet of a connection goes through the
// filter as connection-state=established: a console session or forwarded connection that the rules in
// force would now drop (its source left the list, the rules changed) is closed with an RST. Each one is
// judged again as an established packet of its connection whenever the rules change or an address-list
// entry expires, and at least every Capacity.SessionReviewMs. A rule that accepts established (and
// related) connections keeps them, as it would on RouterOS. It also counts the gateway's connections for
// connection-limit: console sessions and forwarded TCP connections (UDP flows are not connections it holds).
using Gateway.Core;
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Host.Running;

namespace Gateway.Host.App
{
    /// <summary>Judges open sessions again when the rules or the lists change, and counts them.</summary>
    public sealed class SessionReview : IConnectionCounter
    {
        private readonly ActiveRules _rules;
        private readonly IHeldSessions[] _held;
        private readonly Packet _packet = new Packet();
        private readonly Decision _decision = new Decision();
        private long _reviewedAtMs;
        private int _reviewedGeneration = -1;
        private long _reviewedExpirations = -1;

        public SessionReview(ActiveRules rules, NetworkConsoles consoles, ForwardProxy forwards)
        {
            _rules = rules;
            _held = new IHeldSessions[] { consoles, forwards };
        }

        /// <summary>Console sessions and forwarded connections closed because the rules stopped accepting them.</summary>
        public long SessionsEnded { get; private set; }

        public int ConnectionsFrom(Packet packet, int prefix, long nowMs)
        {
            // A new connection being decided is not a session yet; a reviewed one is, and counts as one.
            int n = packet.ConnectionState == ConnectionStates.New ? 1 : 0;
            for (int h = 0; h < _held.Length; h++) n += _held[h].CountFrom(packet.Family, packet.Src, prefix);
            return n;
        }

        /// <summary>Reviews every open session when the rules changed, an entry expired or a review is due.</summary>
        public void Review(long now)
        {
            FilterEngine engine = _rules.Engine!;
            long expirations = engine.Table.Ipv4Lists.Expirations + engine.Table.Ipv6Lists.Expirations;
            if (_reviewedGeneration == _rules.Generation && _reviewedExpirations == expirations && now - _reviewedAtMs < Capacity.SessionReviewMs) return;
            _reviewedAtMs = now;
            _reviewedGeneration = _rules.Generation;
            for (int h = 0; h < _held.Length; h++)
            {
                IHeldSessions held = _held[h];
                for (int i = 0; i < held.Slots; i++)
                {
                    if (!held.IsOpen(i) || StillAccepted(held.PeerOf(i), held.DestinationOf(i), held.Chain, now)) continue;
                    SessionsEnded++;
                    held.Reset(i);
                }
            }
            // Read after judging: evaluating collects the entries that expired, and those were just seen.
            _reviewedExpirations = engine.Table.Ipv4Lists.Expirations + engine.Table.Ipv6Lists.Expirations;
        }

        // A packet of the connection from the client (an ACK with timestamps), as the filter would see it now.
        private bool StillAccepted(Endpoint peer, Endpoint to, EntryChain chain, long now)
        {
            FilterEngine engine = _rules.Engine!;
            ConnectionPacket.Fill(_packet, peer, to.Address, to.Port, chain, Protocols.Tcp, TcpFlags.Ack, ConnectionPacket.AckLength, _rules.InterfaceId);
            _packet.ConnectionState = ConnectionStates.Established;
            _packet.ToService = true;   // a session is a guarded service: kept only while a rule accepts it
            return engine.Evaluate(_packet, now, _decision, this, true) == Verdict.Accept;
        }
    }
}
