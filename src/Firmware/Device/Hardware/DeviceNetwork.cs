// INetwork on the board: nanoFramework's blocking sockets, never waited on: every readiness check is
// Poll(0, SelectRead) from the one gateway loop (there is no Select). The handle table has the board's
// socket budget; lwIP itself allows 16 sockets (MEMP_NUM_NETCONN). A reset is linger 0, then Close().
using System.Net;
using System.Net.Sockets;
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Device.Hardware
{
    public sealed class DeviceNetwork : INetwork
    {
        private readonly Socket?[] _sockets;
        private readonly bool[] _isListener;
        private readonly int _maxListeners;

        public DeviceNetwork(int maxSockets, int maxTcpListeners)
        {
            _sockets = new Socket?[maxSockets];
            _isListener = new bool[maxSockets];
            _maxListeners = maxTcpListeners;
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
            if (slot < 0)
            {
                accepted.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Linger, 0);
                accepted.Close();
                return Sockets.NoSocket;
            }
            Fill(peer, (IPEndPoint)accepted.RemoteEndPoint);
            Fill(local, (IPEndPoint)accepted.LocalEndPoint);
            _sockets[slot] = accepted;
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
            try { return s.Send(buffer, offset, count, SocketFlags.None); }
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

        // Blocking: lwIP gives up after its SYN retries. Forward only to hosts that answer on the LAN.
        public int ConnectTcp(Endpoint remote)
        {
            int slot = FreeSlot();
            if (slot < 0 || remote.Family != Family.Ipv4) return Sockets.NoSocket;
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try { s.Connect(ToIp(remote)); }
            catch (SocketException)
            {
                s.Close();
                return Sockets.NoSocket;
            }
            _sockets[slot] = s;
            return slot;
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
            s.Close();
            _sockets[handle] = null;
            _isListener[handle] = false;
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
    }
}
