// The emulator's network: real sockets bound to one address (127.0.0.1 by default), polled without
// blocking like the device's, under a board's socket budget (all sockets, TCP listeners, active TCP
// connections) so that the emulator refuses what the board would refuse. Like the device layer, no call
// waits on a peer: sends take what fits (in a send buffer the size of lwIP's), connects are polled.
using System.Net;
using System.Net.Sockets;
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Emulator.Hardware;

/// <summary>INetwork over System.Net.Sockets with a fixed handle table.</summary>
public sealed class SocketNetwork : INetwork, IDisposable
{
    /// <summary>Send buffer of every TCP connection, in bytes: ESP-IDF's default lwIP TCP send buffer
    /// (CONFIG_LWIP_TCP_SND_BUF_DEFAULT, 5744 = 4 segments of 1436), so a peer that stops reading fills it as
    /// soon as it would on a board. (Linux doubles the value it is given and keeps a floor of its own.)</summary>
    public const int LwipSendBufferBytes = 5744;

    /// <summary>Receive buffer of every TCP connection, in bytes: ESP-IDF's default lwIP TCP window
    /// (CONFIG_LWIP_TCP_WND_DEFAULT, 5744), so a client whose commands the gateway stops reading is held back
    /// as soon as it would be by a board.</summary>
    public const int LwipReceiveWindowBytes = 5744;

    private readonly IPAddress _bind;
    private readonly Socket?[] _sockets;
    private readonly bool[] _isListener;
    private readonly bool[] _isActiveTcp;
    private readonly int _maxListeners;
    private readonly int _maxActiveTcp;
    private readonly int[] _localPort;
    // Sockets closed in the last RecentlyClosedMs: their last packets may still wait in a raw tap's queue.
    private readonly (ProtocolType Protocol, int Port, long ClosedAtMs)[] _closed = new (ProtocolType, int, long)[64];
    private int _closedNext;

    /// <summary>How long a closed socket's port still counts as the emulator's own (see <see cref="IsOwnSource"/>).</summary>
    public const long RecentlyClosedMs = 2000;

    /// <param name="maxSockets">All sockets at once (the board's budget).</param>
    /// <param name="maxTcpListeners">TCP listeners at once.</param>
    /// <param name="maxActiveTcp">Accepted and outgoing TCP connections at once (lwIP's MAX_ACTIVE_TCP).</param>
    public SocketNetwork(IPAddress bind, int maxSockets, int maxTcpListeners, int maxActiveTcp)
    {
        _bind = bind;
        _sockets = new Socket?[maxSockets];
        _isListener = new bool[maxSockets];
        _isActiveTcp = new bool[maxSockets];
        _localPort = new int[maxSockets];
        _maxListeners = maxTcpListeners;
        _maxActiveTcp = maxActiveTcp;
    }

    public int ListenTcp(int port)
    {
        if (_isListener.Count(l => l) >= _maxListeners) return Sockets.NoSocket;
        return Open(() =>
        {
            var s = new Socket(_bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                s.Bind(new IPEndPoint(_bind, port));
                s.Listen(16);
                s.Blocking = false;
                return s;
            }
            catch (SocketException) { s.Dispose(); throw; }
        }, listener: true);
    }

    public int BindUdp(int port) => Open(() =>
    {
        var s = new Socket(_bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            s.Bind(new IPEndPoint(_bind, port));
            s.Blocking = false;
            return s;
        }
        catch (SocketException) { s.Dispose(); throw; }
    }, listener: false);

    public bool IsReadable(int handle)
    {
        var s = Get(handle);
        try { return s != null && s.Poll(0, SelectMode.SelectRead); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return true; }   // let the read report it
    }

    public int Accept(int listener, Endpoint peer, Endpoint local)
    {
        var s = Get(listener);
        if (s == null) return Sockets.NoSocket;
        int slot = FreeSlot();
        Socket accepted;
        try { accepted = s.Accept(); }
        catch (SocketException) { return Sockets.NoSocket; }
        if (slot < 0 || _isActiveTcp.Count(a => a) >= _maxActiveTcp)
        {
            // Over the budget: the board's stack would not have accepted it either.
            accepted.LingerState = new LingerOption(true, 0);
            accepted.Close();
            return Sockets.NoSocket;
        }
        accepted.Blocking = false;
        accepted.SendBufferSize = LwipSendBufferBytes;
        accepted.ReceiveBufferSize = LwipReceiveWindowBytes;
        Fill(peer, (IPEndPoint)accepted.RemoteEndPoint!);
        Fill(local, (IPEndPoint)accepted.LocalEndPoint!);
        _sockets[slot] = accepted;
        _isActiveTcp[slot] = true;
        _localPort[slot] = ((IPEndPoint)accepted.LocalEndPoint!).Port;
        return slot;
    }

    public int Receive(int handle, byte[] buffer, int offset, int count)
    {
        var s = Get(handle);
        if (s == null) return -1;
        try { return s.Receive(buffer, offset, count, SocketFlags.None); }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock) { return -1; }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return -1; }
    }

    public int Send(int handle, byte[] buffer, int offset, int count)
    {
        var s = Get(handle);
        if (s == null) return -1;
        try
        {
            int sent = s.Send(buffer, offset, count, SocketFlags.None, out SocketError error);
            if (error == SocketError.WouldBlock) return 0;   // the send buffer is full: the caller keeps the rest
            return error == SocketError.Success ? sent : -1;
        }
        catch (ObjectDisposedException) { return -1; }
    }

    public int ReceiveFrom(int handle, byte[] buffer, int offset, int count, Endpoint from)
    {
        var s = Get(handle);
        if (s == null) return -1;
        EndPoint remote = new IPEndPoint(s.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        try
        {
            int n = s.ReceiveFrom(buffer, offset, count, SocketFlags.None, ref remote);
            Fill(from, (IPEndPoint)remote);
            return n;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return -1; }
    }

    public int SendTo(int handle, byte[] buffer, int offset, int count, Endpoint remote)
    {
        var s = Get(handle);
        if (s == null) return -1;
        try { return s.SendTo(buffer, offset, count, SocketFlags.None, ToIp(remote)); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return -1; }
    }

    public int ConnectTcp(Endpoint remote)
    {
        if (_isActiveTcp.Count(a => a) >= _maxActiveTcp) return Sockets.NoSocket;
        int handle = Open(() =>
        {
            var target = ToIp(remote);
            var s = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false, SendBufferSize = LwipSendBufferBytes, ReceiveBufferSize = LwipReceiveWindowBytes };
            try { s.Connect(target); }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress) { }   // polled by ConnectState
            catch (SocketException) { s.Dispose(); throw; }
            return s;
        }, listener: false);
        if (handle != Sockets.NoSocket) _isActiveTcp[handle] = true;
        return handle;
    }

    public int ConnectState(int handle)
    {
        var s = Get(handle);
        if (s == null) return Sockets.ConnectFailed;
        try
        {
            bool failed = s.Poll(0, SelectMode.SelectError);
            if (!failed && !s.Poll(0, SelectMode.SelectWrite)) return Sockets.Connecting;
            return failed || (int)s.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)! != 0 ? Sockets.ConnectFailed : Sockets.Connected;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return Sockets.ConnectFailed; }
    }

    public int OpenUdp(Endpoint remote) => Open(() =>
    {
        var s = new Socket(ToIp(remote).AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(s.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0));
        s.Blocking = false;
        return s;
    }, listener: false);

    public void Close(int handle) => Release(handle, reset: false);

    public void Reset(int handle) => Release(handle, reset: true);

    public void Dispose()
    {
        for (int i = 0; i < _sockets.Length; i++) Release(i, reset: false);
    }

    private void Release(int handle, bool reset)
    {
        var s = Get(handle);
        if (s == null) return;
        try
        {
            if (reset) s.LingerState = new LingerOption(true, 0);
            else if (s.SocketType == SocketType.Stream && !_isListener[handle]) s.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        _closed[_closedNext] = (s.ProtocolType, _localPort[handle], Environment.TickCount64);
        _closedNext = (_closedNext + 1) % _closed.Length;
        s.Close();
        _sockets[handle] = null;
        _localPort[handle] = 0;
        _isListener[handle] = false;
        _isActiveTcp[handle] = false;
    }

    private int Open(Func<Socket> create, bool listener)
    {
        int slot = FreeSlot();
        if (slot < 0) return Sockets.NoSocket;
        try { _sockets[slot] = create(); }
        catch (SocketException) { return Sockets.NoSocket; }
        _isListener[slot] = listener;
        _localPort[slot] = _sockets[slot]!.LocalEndPoint is IPEndPoint local ? local.Port : 0;
        return slot;
    }

    /// <summary>True when a packet with this source port was sent by one of the emulator's own sockets (open
    /// now or closed in the last <see cref="RecentlyClosedMs"/>): on loopback a raw tap sees both directions.</summary>
    public bool IsOwnSource(ProtocolType protocol, int port)
    {
        for (int i = 0; i < _sockets.Length; i++)
            if (_sockets[i] is { } s && _localPort[i] == port && s.ProtocolType == protocol) return true;
        long now = Environment.TickCount64;
        foreach (var c in _closed)
            if (c.Port == port && c.Protocol == protocol && now - c.ClosedAtMs < RecentlyClosedMs) return true;
        return false;
    }

    private int FreeSlot() => Array.IndexOf(_sockets, null);

    private Socket? Get(int handle) => handle >= 0 && handle < _sockets.Length ? _sockets[handle] : null;

    private static void Fill(Endpoint e, IPEndPoint ip)
    {
        var address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        byte[] bytes = address.GetAddressBytes();
        e.Family = bytes.Length == 4 ? Family.Ipv4 : Family.Ipv6;
        Array.Clear(e.Address);
        for (int i = 0; i < bytes.Length; i++) e.Address[i / 4] = (e.Address[i / 4] << 8) | bytes[i];
        e.Port = ip.Port;
    }

    private static IPEndPoint ToIp(Endpoint e)
    {
        int words = e.Family == Family.Ipv4 ? 1 : 4;
        byte[] bytes = new byte[words * 4];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(e.Address[i / 4] >> (24 - 8 * (i % 4)));
        return new IPEndPoint(new IPAddress(bytes), e.Port);
    }
}
