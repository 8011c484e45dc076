// An INetwork in memory, for the loop's components without a socket: listeners with a queue of pending
// connections, connections with inbound bytes and a send window the test sets, UDP sockets with queued
// datagrams, connects that stay pending until the test answers them. It records what the gateway sent,
// closed and reset, so a test reads a peer's view.
using System.Text;

namespace Gateway.Core.Tests.Support;

internal sealed class FakeNetwork : INetwork
{
    internal sealed class Socket
    {
        public int Handle;
        public string Kind = "";              // listen-tcp, bind-udp, connection, connect, udp
        public int Port;
        public Endpoint Peer = new();
        public Endpoint Local = new();
        public readonly Queue<Socket> Pending = new();          // a listener's connections to accept
        public readonly Queue<byte[]> Inbound = new();          // bytes (TCP) or datagrams (UDP) to read
        public readonly Queue<Endpoint> DatagramFrom = new();
        public readonly List<byte> Sent = new();
        public readonly List<(byte[] Data, Endpoint To)> SentTo = new();
        public int Window = int.MaxValue;     // bytes the peer takes now
        public bool PeerClosed { get; set; }   // the client closed its side: reads return 0
        public int ConnectState = Sockets.Connecting;
        public bool Closed, WasReset;
        public string SentText => Encoding.ASCII.GetString(Sent.ToArray());
    }

    private readonly List<Socket> _sockets = new();

    /// <summary>Refuse new listeners on these ports (taken by another program).</summary>
    public HashSet<int> TakenPorts { get; } = new();

    public IReadOnlyList<Socket> All => _sockets;
    public Socket this[int handle] => _sockets[handle];
    public Socket? Listener(string kind, int port) => _sockets.LastOrDefault(s => s.Kind == kind && s.Port == port && !s.Closed);

    private Socket Add(string kind, int port)
    {
        var s = new Socket { Handle = _sockets.Count, Kind = kind, Port = port };
        _sockets.Add(s);
        return s;
    }

    /// <summary>A client at <paramref name="address"/>:<paramref name="sourcePort"/> connects to the listener on
    /// <paramref name="port"/>; the returned socket is the gateway's side of it.</summary>
    public Socket Connect(int port, uint address, int sourcePort, uint gateway = 0xC0000201)
    {
        var listener = Listener("listen-tcp", port) ?? throw new InvalidOperationException($"nothing listens on tcp {port}");
        var c = Add("connection", port);
        c.Peer.Family = Family.Ipv4; c.Peer.Address[0] = address; c.Peer.Port = sourcePort;
        c.Local.Family = Family.Ipv4; c.Local.Address[0] = gateway; c.Local.Port = port;
        listener.Pending.Enqueue(c);
        return c;
    }

    /// <summary>A datagram from a client to the bound UDP socket on <paramref name="port"/>.</summary>
    public void Datagram(int port, uint address, int sourcePort, byte[] data)
    {
        var bound = Listener("bind-udp", port) ?? throw new InvalidOperationException($"nothing is bound to udp {port}");
        var from = new Endpoint { Family = Family.Ipv4, Port = sourcePort };
        from.Address[0] = address;
        bound.Inbound.Enqueue(data);
        bound.DatagramFrom.Enqueue(from);
    }

    public int ListenTcp(int port) => TakenPorts.Contains(port) ? Sockets.NoSocket : Add("listen-tcp", port).Handle;
    public int BindUdp(int port) => TakenPorts.Contains(port) ? Sockets.NoSocket : Add("bind-udp", port).Handle;

    public bool IsReadable(int handle)
    {
        var s = _sockets[handle];
        return !s.Closed && (s.Pending.Count > 0 || s.Inbound.Count > 0 || s.PeerClosed);
    }

    public int Accept(int listener, Endpoint peer, Endpoint local)
    {
        var l = _sockets[listener];
        if (l.Pending.Count == 0) return Sockets.NoSocket;
        var c = l.Pending.Dequeue();
        peer.CopyFrom(c.Peer);
        local.CopyFrom(c.Local);
        return c.Handle;
    }

    public int Receive(int handle, byte[] buffer, int offset, int count)
    {
        var s = _sockets[handle];
        if (s.Inbound.Count == 0) return s.PeerClosed ? 0 : -1;
        var data = s.Inbound.Peek();
        int n = Math.Min(count, data.Length);
        Array.Copy(data, 0, buffer, offset, n);
        s.Inbound.Dequeue();
        if (n < data.Length) s.Inbound.Enqueue(data[n..]);   // the rest (tests send short lines)
        return n;
    }

    public int Send(int handle, byte[] buffer, int offset, int count)
    {
        var s = _sockets[handle];
        if (s.Closed) return -1;
        int n = Math.Min(count, s.Window);
        s.Sent.AddRange(buffer.AsSpan(offset, n).ToArray());
        if (s.Window != int.MaxValue) s.Window -= n;
        return n;
    }

    public int ReceiveFrom(int handle, byte[] buffer, int offset, int count, Endpoint from)
    {
        var s = _sockets[handle];
        if (s.Inbound.Count == 0) return -1;
        var data = s.Inbound.Dequeue();
        from.CopyFrom(s.DatagramFrom.Count > 0 ? s.DatagramFrom.Dequeue() : s.Peer);
        int n = Math.Min(count, data.Length);
        Array.Copy(data, 0, buffer, offset, n);
        return n;
    }

    public int SendTo(int handle, byte[] buffer, int offset, int count, Endpoint remote)
    {
        var to = new Endpoint();
        to.CopyFrom(remote);
        _sockets[handle].SentTo.Add((buffer[offset..(offset + count)], to));
        return count;
    }

    public int ConnectTcp(Endpoint remote)
    {
        var s = Add("connect", remote.Port);
        s.Peer.CopyFrom(remote);
        return s.Handle;
    }

    public int ConnectState(int handle) => _sockets[handle].ConnectState;

    public int OpenUdp(Endpoint remote)
    {
        var s = Add("udp", remote.Port);
        s.Peer.CopyFrom(remote);
        return s.Handle;
    }

    public void Close(int handle) { if (handle >= 0) _sockets[handle].Closed = true; }

    public void Reset(int handle)
    {
        if (handle < 0) return;
        _sockets[handle].Closed = true;
        _sockets[handle].WasReset = true;
    }
}

/// <summary>An IPacketTap fed by the test: packets come out in the order they were put in.</summary>
internal sealed class FakeTap(bool checksumsComplete = true) : IPacketTap
{
    private readonly Queue<byte[]> _packets = new();
    public bool Opened { get; private set; }
    public void Put(byte[] packet) => _packets.Enqueue(packet);
    public int Count => _packets.Count;
    public string Open() { Opened = true; return ""; }
    public int Take(byte[] buffer, int offset, int count)
    {
        if (_packets.Count == 0) return 0;
        var p = _packets.Dequeue();
        int n = Math.Min(count, p.Length);
        Array.Copy(p, 0, buffer, offset, n);
        return n;
    }
    public long Lost => 0;
    public bool ChecksumsComplete => checksumsComplete;
    public void Close() => Opened = false;
}
