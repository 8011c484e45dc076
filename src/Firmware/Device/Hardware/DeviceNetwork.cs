// INetwork on the board: nanoFramework's blocking sockets, never waited on: every readiness check is a
// Poll(0) from the one gateway loop (there is no Select); Accept only after Poll says a connection waits,
// sends only what Poll(SelectWrite) allows, in small chunks, with a short SendTimeout (nanoFramework's
// default is infinite and Send loops until every byte is out); Connect, which waits until lwIP connects or
// gives up, runs on a thread of its own. The handle table has the board's socket and active-TCP budget.
// A reset is linger 0, then Close().
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Device.Hardware
{
    public sealed class DeviceNetwork : INetwork
    {
        /// <summary>Most bytes one Send hands to lwIP after Poll(SelectWrite) said there is room: small enough
        /// that lwIP's send buffer (5744 bytes by default) takes it at once.</summary>
        public const int SendChunkBytes = 512;

        /// <summary>SendTimeout of every TCP connection, in ms (0 would mean infinite on nanoFramework). A send
        /// that still times out loses an unknown part of the chunk, so the connection is closed.</summary>
        public const int SendTimeoutMs = 50;

        private readonly Socket?[] _sockets;
        private readonly bool[] _isListener;
        private readonly bool[] _isActiveTcp;
        private readonly PendingConnect?[] _connecting;   // per handle; null once connected or for other sockets
        private readonly int _maxListeners;
        private readonly int _maxActiveTcp;

        /// <param name="maxActiveTcp">Accepted and outgoing TCP connections at once (the firmware's lwIP MAX_ACTIVE_TCP).</param>
        public DeviceNetwork(int maxSockets, int maxTcpListeners, int maxActiveTcp)
        {
            _sockets = new Socket?[maxSockets];
            _isListener = new bool[maxSockets];
            _isActiveTcp = new bool[maxSockets];
            _connecting = new PendingConnect?[maxSockets];
            _maxListeners = maxTcpListeners;
            _maxActiveTcp = maxActiveTcp;
        }

        public int ListenTcp(int port)
        {
            int listeners = 0;
            for (int i = 0; i < _isListener.Length; i++) if (_isListener[i]) listeners++;
            int slot = FreeSlot();
            if (slot < 0 || listeners >= _maxListeners) return Sockets.NoSocket;
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                s.Bind(new IPEndPoint(IPAddress.Any, port));
                s.Listen(4);
            }
            catch (SocketException)
            {
                s.Close();
                return Sockets.NoSocket;
            }
            _sockets[slot] = s;
            _isListener[slot] = true;
            return slot;
        }

        public int BindUdp(int port)
        {
            int slot = FreeSlot();
            if (slot < 0) return Sockets.NoSocket;
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try { s.Bind(new IPEndPoint(IPAddress.Any, port)); }
            catch (SocketException)
            {
                s.Close();
                return Sockets.NoSocket;
            }
            _sockets[slot] = s;
            return slot;
        }

        public bool IsReadable(int handle)
        {
            Socket? s = Get(handle);
            if (s == null) return false;
            try { return s.Poll(0, SelectMode.SelectRead); }
            catch (SocketException) { return true; }   // the read reports the failure
        }

        public int Accept(int listener, Endpoint peer, Endpoint local)
        {
            Socket? s = Get(listener);
            int slot = FreeSlot();
            if (s == null) return Sockets.NoSocket;
            Socket accepted;
            try { accepted = s.Accept(); }
            catch (SocketException) { return Sockets.NoSocket; }
            if (slot < 0 || ActiveTcp() >= _maxActiveTcp)
            {
                try { accepted.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Linger, 0); }
                catch (SocketException) { }   // already reset by the peer
                accepted.Close();
                return Sockets.NoSocket;
            }
            // A peer that connects and resets at once (nmap -sT, any connect scan) is gone by now: its endpoints throw
            // (getpeername: ENOTCONN). Found on the virtual board, where it ended Main; the connection is dropped.
            try
            {
                accepted.SendTimeout = SendTimeoutMs;
                Fill(peer, (IPEndPoint)accepted.RemoteEndPoint);
                Fill(local, (IPEndPoint)accepted.LocalEndPoint);
            }
            catch (SocketException)
            {
                accepted.Close();
                return Sockets.NoSocket;
            }
            _sockets[slot] = accepted;
            _isActiveTcp[slot] = true;
            return slot;
        }

        public int Receive(int handle, byte[] buffer, int offset, int count)
        {
            Socket? s = Get(handle);
            if (s == null) return -1;
            try { return s.Receive(buffer, offset, count, SocketFlags.None); }
            catch (SocketException) { return -1; }
        }

        public int Send(int handle, byte[] buffer, int offset, int count)
        {
            Socket? s = Get(handle);
            if (s == null) return -1;
            try
            {
                if (!s.Poll(0, SelectMode.SelectWrite)) return 0;   // lwIP's send buffer is full: the caller keeps the bytes
                int chunk = count < SendChunkBytes ? count : SendChunkBytes;
                return s.Send(buffer, offset, chunk, SocketFlags.None);
            }
            catch (SocketException) { return -1; }
        }

        public int ReceiveFrom(int handle, byte[] buffer, int offset, int count, Endpoint from)
        {
            Socket? s = Get(handle);
            if (s == null) return -1;
            EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
            try
            {
                int n = s.ReceiveFrom(buffer, offset, count, SocketFlags.None, ref remote);
                Fill(from, (IPEndPoint)remote);
                return n;
            }
            catch (SocketException) { return -1; }
        }

        public int SendTo(int handle, byte[] buffer, int offset, int count, Endpoint remote)
        {
            Socket? s = Get(handle);
            if (s == null) return -1;
            try { return s.SendTo(buffer, offset, count, SocketFlags.None, ToIp(remote)); }
            catch (SocketException) { return -1; }
        }

        // Socket.Connect waits (Poll(-1, SelectWrite)) until lwIP connects or gives up after its SYN retries,
        // and no timeout applies to it; so it runs on a thread of its own and the loop polls ConnectState.
        public int ConnectTcp(Endpoint remote)
        {
            int slot = FreeSlot();
            if (slot < 0 || remote.Family != Family.Ipv4 || ActiveTcp() >= _maxActiveTcp) return Sockets.NoSocket;
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            PendingConnect pending = new PendingConnect(s, ToIp(remote));
            try
            {
                s.SendTimeout = SendTimeoutMs;
                new Thread(pending.Run).Start();
            }
            catch (System.Exception)
            {
                s.Close();
                return Sockets.NoSocket;
            }
            _sockets[slot] = s;
            _isActiveTcp[slot] = true;
            _connecting[slot] = pending;
            return slot;
        }

        public int ConnectState(int handle)
        {
            if (Get(handle) == null) return Sockets.ConnectFailed;
            PendingConnect? pending = _connecting[handle];
            if (pending == null) return Sockets.Connected;
            int state = pending.State;
            if (state == Sockets.Connected) _connecting[handle] = null;
            return state;
        }

        public int OpenUdp(Endpoint remote)
        {
            int slot = FreeSlot();
            if (slot < 0 || remote.Family != Family.Ipv4) return Sockets.NoSocket;
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try { s.Bind(new IPEndPoint(IPAddress.Any, 0)); }   // ReceiveFrom throws on an unbound socket
            catch (SocketException)
            {
                s.Close();
                return Sockets.NoSocket;
            }
            _sockets[slot] = s;
            return slot;
        }

        public void Close(int handle) { Release(handle, false); }

        public void Reset(int handle) { Release(handle, true); }

        private void Release(int handle, bool reset)
        {
            Socket? s = Get(handle);
            if (s == null) return;
            try { if (reset) s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Linger, 0); }
            catch (SocketException) { }
            s.Close();   // a connect still waiting on its thread then fails there, and that thread ends
            _sockets[handle] = null;
            _isListener[handle] = false;
            _isActiveTcp[handle] = false;
            _connecting[handle] = null;
        }

        private int ActiveTcp()
        {
            int n = 0;
            for (int i = 0; i < _isActiveTcp.Length; i++) if (_isActiveTcp[i]) n++;
            return n;
        }

        private int FreeSlot()
        {
            for (int i = 0; i < _sockets.Length; i++) if (_sockets[i] == null) return i;
            return -1;
        }

        private Socket? Get(int handle) { return handle >= 0 && handle < _sockets.Length ? _sockets[handle] : null; }

        private static void Fill(Endpoint e, IPEndPoint ip)
        {
            byte[] bytes = ip.Address.GetAddressBytes();
            e.Family = bytes.Length == 4 ? Family.Ipv4 : Family.Ipv6;
            for (int w = 0; w < 4; w++) e.Address[w] = 0;
            for (int i = 0; i < bytes.Length; i++) e.Address[i / 4] = (e.Address[i / 4] << 8) | bytes[i];
            e.Port = ip.Port;
        }

        private static IPEndPoint ToIp(Endpoint e)
        {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) bytes[i] = (byte)(e.Address[0] >> (24 - 8 * i));
            return new IPEndPoint(new IPAddress(bytes), e.Port);
        }

        // One connect in progress on its own thread; the loop reads State.
        private sealed class PendingConnect
        {
            private readonly Socket _socket;
            private readonly IPEndPoint _remote;
            // Written once by the connect thread, read by the loop: an int store is atomic, and the interpreter
            // re-reads the field on every access (nanoFramework's mscorlib has no IsVolatile for `volatile`).
            private int _state = Sockets.Connecting;

            public PendingConnect(Socket socket, IPEndPoint remote)
            {
                _socket = socket;
                _remote = remote;
            }

            public int State { get { return _state; } }

            public void Run()
            {
                try
                {
                    _socket.Connect(_remote);
                    _state = Sockets.Connected;
                }
                catch (System.Exception)   // refused, unreachable, or closed by the loop while waiting
                {
                    _state = Sockets.ConnectFailed;
                }
            }
        }
    }
}
