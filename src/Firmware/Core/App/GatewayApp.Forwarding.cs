// dst-nat forwards as proxies: an accepted TCP attempt gets a connection to the LAN host and bytes are
// copied both ways until either side closes; UDP datagrams from a client go out through a socket of
// its own flow, and replies come back from the listening port. Fixed slots; when they are full, a new
// TCP connection is reset and the idlest UDP flow makes room. Nothing waits: the connect to the LAN host
// is polled (and given up after Capacity.ForwardConnectTimeoutMs), and each direction holds at most one
// read's worth of bytes until the receiving side takes them (closed when it stalls, Capacity.PeerStallMs).
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Core.App
{
    public sealed partial class GatewayApp
    {
        private readonly int[] _tcpClient = new int[Capacity.MaxForwardedConnections];     // NoSocket = free slot
        private readonly int[] _tcpUpstream = new int[Capacity.MaxForwardedConnections];
        private readonly bool[] _tcpConnecting = new bool[Capacity.MaxForwardedConnections];   // upstream connect still pending
        private readonly long[] _tcpStartedMs = new long[Capacity.MaxForwardedConnections];
        private readonly PendingOutput?[] _toUpstream = new PendingOutput?[Capacity.MaxForwardedConnections];   // made on first use of the slot
        private readonly PendingOutput?[] _toClient = new PendingOutput?[Capacity.MaxForwardedConnections];

        private readonly int[] _udpListener = new int[Capacity.MaxUdpFlows];
        private readonly int[] _udpUpstream = new int[Capacity.MaxUdpFlows];                // NoSocket = free slot
        private readonly Endpoint[] _udpClient = NewEndpoints(Capacity.MaxUdpFlows);
        private readonly Endpoint[] _udpTarget = NewEndpoints(Capacity.MaxUdpFlows);   // the LAN host of each flow
        private readonly long[] _udpLastMs = new long[Capacity.MaxUdpFlows];
        private readonly Endpoint _upstream = new Endpoint();

        /// <summary>Forwarded TCP connections open now.</summary>
        public int ForwardedConnections
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _tcpClient.Length; i++) if (_tcpClient[i] != Sockets.NoSocket) n++;
                return n;
            }
        }

        private static Endpoint[] NewEndpoints(int count)
        {
            Endpoint[] e = new Endpoint[count];
            for (int i = 0; i < count; i++) e[i] = new Endpoint();
            return e;
        }

        private void StartTcpForward(int client, Forward forward, long now)
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
            _tcpPeer[slot].CopyFrom(_peer);
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

        private void PumpTcp(long now)
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
                if (!Pass(_tcpClient[i], _tcpUpstream[i], _toUpstream[i]!, now) || !Pass(_tcpUpstream[i], _tcpClient[i], _toClient[i]!, now)) CloseForward(i);
            }
        }

        private void CloseForward(int i)
        {
            _network.Close(_tcpClient[i]);
            _network.Close(_tcpUpstream[i]);
            _tcpClient[i] = Sockets.NoSocket;
            _tcpUpstream[i] = Sockets.NoSocket;
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
            queue.Append(_buffer, 0, n);   // fits: the queue is empty and as large as the buffer
            return queue.Flush(_network, to, now);
        }

        private void ForwardDatagram(int listener, Forward forward, int length, long now)
        {
            int slot = -1, idlest = 0;
            for (int i = 0; i < _udpUpstream.Length; i++)
            {
                if (_udpUpstream[i] != Sockets.NoSocket && _udpListener[i] == listener && _udpClient[i].SameAs(_peer)) slot = i;
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
                _udpClient[slot].CopyFrom(_peer);
                _udpTarget[slot].CopyFrom(_upstream);
            }
            _udpLastMs[slot] = now;
            Target(forward);
            _network.SendTo(_udpUpstream[slot], _buffer, 0, length, _upstream);
        }

        private void PumpUdp(long now)
        {
            for (int i = 0; i < _udpUpstream.Length; i++)
            {
                if (_udpUpstream[i] == Sockets.NoSocket) continue;
                while (_network.IsReadable(_udpUpstream[i]))
                {
                    int n = _network.ReceiveFrom(_udpUpstream[i], _buffer, 0, _buffer.Length, _upstream);
                    if (n < 0) break;
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

        private void Target(Forward forward)
        {
            _upstream.Family = forward.ToAddress!.Family;
            for (int w = 0; w < 4; w++) _upstream.Address[w] = forward.ToAddress.Low[w];
            _upstream.Port = forward.ToPort > 0 ? forward.ToPort : forward.DstPort;
        }
    }
}
