// dst-nat forwards as proxies: an accepted TCP attempt gets a connection to the LAN host and bytes are
// copied both ways until either side closes; UDP datagrams from a client go out through a socket of
// its own flow, and replies come back from the listening port. Fixed slots; when they are full, a new
// TCP connection is reset and the idlest UDP flow makes room. Nothing waits: the connect to the LAN host
// is polled (and given up after Capacity.ForwardConnectTimeoutMs), and each direction holds at most one
// read's worth of bytes until the receiving side takes them (closed when it stalls, Capacity.PeerStallMs).
using Gateway.Core;
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Host.App
{
    /// <summary>The forwarded TCP connections and UDP flows, and their sockets.</summary>
    public sealed class ForwardProxy : IHeldSessions
    {
        private readonly INetwork _network;
        private readonly byte[] _buffer;
        private readonly int[] _tcpClient = new int[Capacity.MaxForwardedConnections];     // NoSocket = free slot
        private readonly int[] _tcpUpstream = new int[Capacity.MaxForwardedConnections];
        private readonly bool[] _tcpConnecting = new bool[Capacity.MaxForwardedConnections];   // upstream connect still pending
        private readonly long[] _tcpStartedMs = new long[Capacity.MaxForwardedConnections];
        private readonly Endpoint[] _tcpPeer = Endpoint.NewArray(Capacity.MaxForwardedConnections);
        private readonly Endpoint[] _tcpTarget = Endpoint.NewArray(Capacity.MaxForwardedConnections);   // the LAN host, after dst-nat
        private readonly PendingOutput?[] _toUpstream = new PendingOutput?[Capacity.MaxForwardedConnections];   // made on first use of the slot
        private readonly PendingOutput?[] _toClient = new PendingOutput?[Capacity.MaxForwardedConnections];

        private readonly int[] _udpListener = new int[Capacity.MaxUdpFlows];
        private readonly int[] _udpUpstream = new int[Capacity.MaxUdpFlows];                // NoSocket = free slot
        private readonly Endpoint[] _udpClient = Endpoint.NewArray(Capacity.MaxUdpFlows);
        private readonly Endpoint[] _udpTarget = Endpoint.NewArray(Capacity.MaxUdpFlows);   // the LAN host of each flow
        private readonly long[] _udpLastMs = new long[Capacity.MaxUdpFlows];
        private readonly Endpoint _upstream = new Endpoint();

        /// <param name="scratch">The loop's buffer for one read at a time (Capacity.ProxyBufferBytes).</param>
        public ForwardProxy(INetwork network, byte[] scratch)
        {
            _network = network;
            _buffer = scratch;
            for (int i = 0; i < Capacity.MaxForwardedConnections; i++) { _tcpClient[i] = Sockets.NoSocket; _tcpUpstream[i] = Sockets.NoSocket; }
            for (int i = 0; i < Capacity.MaxUdpFlows; i++) _udpUpstream[i] = Sockets.NoSocket;
        }

        /// <summary>Forwarded connections closed because a side stopped reading.</summary>
        public long PeersDropped { get; private set; }

        /// <summary>Reads of data to forward, from either side of a connection or from a LAN host's flow: the loop's
        /// sign that the proxy had work this pass.</summary>
        public long Receipts { get { return _receipts; } }
        private long _receipts;

        /// <summary>Forwarded TCP connections open now.</summary>
        public int Connections { get { return HeldSlots.CountOpen(_tcpClient); } }

        /// <summary>TCP slots, for the session review: open ones have a client, a source and a target.</summary>
        public EntryChain Chain { get { return EntryChain.Forward; } }
        public int Slots { get { return _tcpClient.Length; } }
        public bool IsOpen(int slot) { return _tcpClient[slot] != Sockets.NoSocket; }
        public Endpoint PeerOf(int slot) { return _tcpPeer[slot]; }
        public Endpoint DestinationOf(int slot) { return _tcpTarget[slot]; }

        /// <summary>Ends a connection the rules no longer accept: both sides are reset.</summary>
        public void Reset(int slot) { End(slot, true); }

        /// <summary>Connects an accepted client to the forward's LAN host; resets it when no slot or socket is free.</summary>
        public void StartTcp(int client, Endpoint peer, Forward forward, long now)
        {
            int slot = -1;
            for (int i = 0; i < _tcpClient.Length && slot < 0; i++) if (_tcpClient[i] == Sockets.NoSocket) slot = i;
            Target(forward);
            int upstream = slot < 0 ? Sockets.NoSocket : _network.ConnectTcp(_upstream);
            if (upstream == Sockets.NoSocket)
            {
                _network.Reset(client);
                return;
            }
            _tcpClient[slot] = client;
            _tcpUpstream[slot] = upstream;
            _tcpPeer[slot].CopyFrom(peer);
            _tcpTarget[slot].CopyFrom(_upstream);
            _tcpConnecting[slot] = true;
            _tcpStartedMs[slot] = now;
            if (_toUpstream[slot] == null)
            {
                _toUpstream[slot] = new PendingOutput(Capacity.ProxyBufferBytes);
                _toClient[slot] = new PendingOutput(Capacity.ProxyBufferBytes);
            }
            _toUpstream[slot]!.Clear();
            _toClient[slot]!.Clear();
        }

        public void PumpTcp(long now)
        {
            for (int i = 0; i < _tcpClient.Length; i++)
            {
                if (_tcpClient[i] == Sockets.NoSocket) continue;
                if (_tcpConnecting[i])
                {
                    int state = _network.ConnectState(_tcpUpstream[i]);
                    if (state == Sockets.Connecting && now - _tcpStartedMs[i] < Capacity.ForwardConnectTimeoutMs) continue;
                    if (state != Sockets.Connected)
                    {
                        _network.Reset(_tcpClient[i]);   // the LAN host refused or did not answer: the client sees a reset
                        _network.Close(_tcpUpstream[i]);
                        _tcpClient[i] = Sockets.NoSocket;
                        _tcpUpstream[i] = Sockets.NoSocket;
                        continue;
                    }
                    _tcpConnecting[i] = false;
                }
                if (!Pass(_tcpClient[i], _tcpUpstream[i], _toUpstream[i]!, now) || !Pass(_tcpUpstream[i], _tcpClient[i], _toClient[i]!, now)) Close(i);
            }
        }

        private void Close(int i) { End(i, false); }

        // Frees a slot, closing both sides gracefully or with an RST.
        private void End(int slot, bool reset)
        {
            if (reset)
            {
                _network.Reset(_tcpClient[slot]);
                _network.Reset(_tcpUpstream[slot]);
            }
            else
            {
                _network.Close(_tcpClient[slot]);
                _network.Close(_tcpUpstream[slot]);
            }
            _tcpClient[slot] = Sockets.NoSocket;
            _tcpUpstream[slot] = Sockets.NoSocket;
        }

        // Moves bytes from one side to the other through the direction's queue; reads again only once the
        // queue is empty. False when the source closed, either side failed, or the receiver stalled.
        private bool Pass(int from, int to, PendingOutput queue, long now)
        {
            if (!queue.Flush(_network, to, now)) return false;
            if (queue.IsStalled(now))
            {
                PeersDropped++;
                return false;
            }
            if (!queue.IsEmpty || !_network.IsReadable(from)) return true;
            int n = _network.Receive(from, _buffer, 0, _buffer.Length);
            if (n <= 0) return false;
            _receipts++;
            queue.Append(_buffer, 0, n);   // fits: the queue is empty and as large as the buffer
            return queue.Flush(_network, to, now);
        }

        /// <summary>Sends a datagram <paramref name="client"/> sent to <paramref name="listener"/> on to the forward's
        /// LAN host, through the client's flow (made, or taken from the idlest flow, when it has none).</summary>
        public void ForwardDatagram(int listener, Endpoint client, Forward forward, byte[] data, int length, long now)
        {
            int slot = -1, idlest = 0;
            for (int i = 0; i < _udpUpstream.Length; i++)
            {
                if (_udpUpstream[i] != Sockets.NoSocket && _udpListener[i] == listener && _udpClient[i].SameAs(client)) slot = i;
                if (_udpLastMs[i] < _udpLastMs[idlest] || _udpUpstream[i] == Sockets.NoSocket && _udpUpstream[idlest] != Sockets.NoSocket) idlest = i;
            }
            if (slot < 0)
            {
                slot = idlest;
                if (_udpUpstream[slot] != Sockets.NoSocket) _network.Close(_udpUpstream[slot]);
                Target(forward);
                _udpUpstream[slot] = _network.OpenUdp(_upstream);
                if (_udpUpstream[slot] == Sockets.NoSocket) return;
                _udpListener[slot] = listener;
                _udpClient[slot].CopyFrom(client);
                _udpTarget[slot].CopyFrom(_upstream);
            }
            _udpLastMs[slot] = now;
            Target(forward);
            _network.SendTo(_udpUpstream[slot], data, 0, length, _upstream);
        }

        public void PumpUdp(long now)
        {
            for (int i = 0; i < _udpUpstream.Length; i++)
            {
                if (_udpUpstream[i] == Sockets.NoSocket) continue;
                while (_network.IsReadable(_udpUpstream[i]))
                {
                    int n = _network.ReceiveFrom(_udpUpstream[i], _buffer, 0, _buffer.Length, _upstream);
                    if (n < 0) break;
                    _receipts++;
                    _udpLastMs[i] = now;
                    _network.SendTo(_udpListener[i], _buffer, 0, n, _udpClient[i]);
                }
                if (now - _udpLastMs[i] >= Capacity.UdpFlowIdleMs)
                {
                    _network.Close(_udpUpstream[i]);
                    _udpUpstream[i] = Sockets.NoSocket;
                }
            }
        }

        /// <summary>True for a datagram from a LAN host to one of the forward flows: it answers that flow.</summary>
        public bool IsReplyOfFlow(Family family, uint[] source, int sourcePort)
        {
            for (int i = 0; i < _udpUpstream.Length; i++)
            {
                if (_udpUpstream[i] == Sockets.NoSocket) continue;
                if (_udpTarget[i].Port == sourcePort && _udpTarget[i].HasAddress(family, source)) return true;
            }
            return false;
        }

        /// <summary>Open TCP connections whose source shares <paramref name="prefix"/> bits with <paramref name="address"/>.</summary>
        public int CountFrom(Family family, uint[] address, int prefix) { return HeldSlots.CountFrom(_tcpClient, _tcpPeer, family, address, prefix); }

        public void CloseAll()
        {
            for (int i = 0; i < _tcpClient.Length; i++) if (_tcpClient[i] != Sockets.NoSocket) Close(i);
            for (int i = 0; i < _udpUpstream.Length; i++) if (_udpUpstream[i] != Sockets.NoSocket) { _network.Close(_udpUpstream[i]); _udpUpstream[i] = Sockets.NoSocket; }
        }

        private void Target(Forward forward)
        {
            _upstream.Family = forward.ToAddress!.Family;
            for (int w = 0; w < 4; w++) _upstream.Address[w] = forward.ToAddress.Low[w];
            _upstream.Port = forward.TargetPort;
        }
    }
}
