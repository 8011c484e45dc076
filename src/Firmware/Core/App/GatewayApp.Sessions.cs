// Sessions end with the grant, as on RouterOS, where every later packet of a connection goes through the
// filter as connection-state=established: a console session or forwarded connection that the rules in
// force would now drop (its source left the list, the rules changed) is closed with an RST. Each one is
// judged again as an established packet of its connection whenever the rules change or an address-list
// entry expires, and at least every Capacity.SessionReviewMs. A rule that accepts established (and
// related) connections keeps them, as it would on RouterOS.
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Core.App
{
    public sealed partial class GatewayApp
    {
        private readonly Endpoint[] _consolePeer = NewEndpoints(Capacity.MaxNetworkConsoles);
        private readonly Endpoint[] _consoleLocal = NewEndpoints(Capacity.MaxNetworkConsoles);
        private readonly Endpoint[] _tcpPeer = NewEndpoints(Capacity.MaxForwardedConnections);
        private readonly Endpoint[] _tcpTarget = NewEndpoints(Capacity.MaxForwardedConnections);   // the LAN host, after dst-nat
        private readonly SessionCounter _sessionCounter;
        private long _reviewedAtMs;
        private int _reviewedGeneration = -1;
        private long _reviewedExpirations = -1;

        // connection-limit counts the gateway's own connections: console sessions and forwarded TCP connections
        // (UDP flows are not connections it holds open).
        private sealed class SessionCounter : IConnectionCounter
        {
            private readonly GatewayApp _app;

            public SessionCounter(GatewayApp app) { _app = app; }

            public int ConnectionsFrom(Packet packet, int prefix, long nowMs)
            {
                Family family = packet.Family;
                uint[] address = packet.Src;
                int words = AddressWords.Of(family);
                // A new connection being decided is not a session yet; a reviewed one is, and counts as one.
                int n = packet.ConnectionState == ConnectionStates.New ? 1 : 0;
                for (int i = 0; i < _app._consoleHandle.Length; i++)
                    if (_app._consoleHandle[i] != Sockets.NoSocket && _app._consolePeer[i].Family == family && AddressWords.SamePrefix(_app._consolePeer[i].Address, address, words, prefix)) n++;
                for (int i = 0; i < _app._tcpClient.Length; i++)
                    if (_app._tcpClient[i] != Sockets.NoSocket && _app._tcpPeer[i].Family == family && AddressWords.SamePrefix(_app._tcpPeer[i].Address, address, words, prefix)) n++;
                return n;
            }
        }

        /// <summary>Console sessions and forwarded connections closed because the rules stopped accepting them.</summary>
        public long SessionsEnded { get; private set; }

        private void ReviewSessions(long now)
        {
            FilterEngine engine = _rules.Engine!;
            long expirations = engine.Table.Ipv4Lists.Expirations + engine.Table.Ipv6Lists.Expirations;
            if (_reviewedGeneration == _rules.Generation && _reviewedExpirations == expirations && now - _reviewedAtMs < Capacity.SessionReviewMs) return;
            _reviewedAtMs = now;
            _reviewedGeneration = _rules.Generation;
            for (int i = 0; i < _consoleHandle.Length; i++)
            {
                if (_consoleHandle[i] == Sockets.NoSocket) continue;
                if (StillAccepted(_consolePeer[i], _consoleLocal[i], EntryChain.Input, now)) continue;
                SessionsEnded++;
                _network.Reset(_consoleHandle[i]);
                _consoleHandle[i] = Sockets.NoSocket;
                _consoleSession[i] = null;
            }
            for (int i = 0; i < _tcpClient.Length; i++)
            {
                if (_tcpClient[i] == Sockets.NoSocket) continue;
                if (StillAccepted(_tcpPeer[i], _tcpTarget[i], EntryChain.Forward, now)) continue;
                SessionsEnded++;
                _network.Reset(_tcpClient[i]);
                _network.Reset(_tcpUpstream[i]);
                _tcpClient[i] = Sockets.NoSocket;
                _tcpUpstream[i] = Sockets.NoSocket;
            }
            // Read after judging: evaluating collects the entries that expired, and those were just seen.
            _reviewedExpirations = engine.Table.Ipv4Lists.Expirations + engine.Table.Ipv6Lists.Expirations;
        }

        // A packet of the connection from the client, as the filter would see it now.
        private bool StillAccepted(Endpoint peer, Endpoint to, EntryChain chain, long now)
        {
            FilterEngine engine = _rules.Engine!;
            _packet.Family = peer.Family;
            _packet.Protocol = Protocols.Tcp;
            for (int w = 0; w < 4; w++)
            {
                _packet.Src[w] = peer.Address[w];
                _packet.Dst[w] = to.Address[w];
            }
            _packet.SrcPort = peer.Port;
            _packet.DstPort = to.Port;
            _packet.Chain = chain;
            _packet.TcpFlags = TcpFlags.Ack;
            _packet.Length = 52;   // an ACK with timestamps
            _packet.ClearUnseenHeaders();
            _packet.ConnectionState = ConnectionStates.Established;
            _packet.ToService = true;   // a session is a guarded service: kept only while a rule accepts it
            _packet.InInterface = _rules.InterfaceId;
            // A forward is dst-nat and leaves by the same one port; what the gateway receives leaves by none.
            bool forwarded = _packet.Chain == EntryChain.Forward;
            _packet.OutInterface = forwarded ? _packet.InInterface : Packet.Absent;
            _packet.NatState = forwarded ? NatStates.Dstnat : (byte)0;
            engine.Connections = _sessionCounter;
            engine.Reviewing = true;
            bool accepted = engine.Evaluate(_packet, now, _decision) == Verdict.Accept;
            engine.Reviewing = false;
            return accepted;
        }
    }
}
