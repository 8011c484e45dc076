// Packet sight on Linux: one raw socket per protocol (TCP, UDP) bound to the emulator's address, so the
// kernel hands over a copy of every packet sent to that address while still answering it itself (a
// port nobody listens on gets RST or ICMP port unreachable). Needs CAP_NET_RAW (root in CI).
// On the loopback interface a raw socket also sees what the emulator sends to itself; those packets
// (from its own address and a port of one of its sockets, now or in the last seconds) are left out, as a
// board's tap only ever sees inbound packets. Linux hands IPv6 raw packets over without their IPv6
// header: the tap writes one from the socket's addresses (the hop limit is not seen: UnknownHopLimit).
using System.Net;
using System.Net.Sockets;
using Gateway.Core.Hardware;

namespace Gateway.Emulator.Hardware;

/// <summary>IPacketTap over Linux raw sockets.</summary>
public sealed class RawSocketTap : IPacketTap
{
    /// <summary>Hop limit written into IPv6 headers (Linux does not pass the received one to a raw socket).</summary>
    public const byte UnknownHopLimit = 64;

    /// <summary>Sockets the tap takes from the budget (one per protocol, as on a board).</summary>
    public const int Sockets = 2;

    private const int Ipv6HeaderBytes = 40;
    private const int SolSocket = 1;        // Linux SOL_SOCKET
    private const int SoRcvBufForce = 33;   // Linux SO_RCVBUFFORCE (needs CAP_NET_ADMIN)

    /// <summary>Receive queue of each tap socket, in bytes, when the process may set it past rmem_max.</summary>
    public const int ForcedReceiveBufferBytes = 32 << 20;
    private static readonly ProtocolType[] Protocols = { ProtocolType.Tcp, ProtocolType.Udp };

    private readonly IPAddress _address;
    private readonly SocketNetwork _own;
    private readonly byte[] _datagram = new byte[65536];
    private readonly Socket?[] _sockets = new Socket?[2];

    /// <param name="address">The emulator's address; only packets sent to it are seen.</param>
    /// <param name="own">The emulator's sockets, whose packets are not inbound.</param>
    /// <param name="checksumsComplete">Whether captured checksums can be trusted; null: not on loopback (see
    /// <see cref="ChecksumsComplete"/>). Tests that send only forged packets, with checksums of their own, say true.</param>
    public RawSocketTap(IPAddress address, SocketNetwork own, bool? checksumsComplete = null)
    {
        _address = address;
        _own = own;
        ChecksumsComplete = checksumsComplete ?? !IPAddress.IsLoopback(address);
    }

    private readonly string?[] _inodes = new string?[2];

    /// <summary>By default not on loopback: Linux leaves a local sender's TCP/UDP checksums for hardware lo does not have.</summary>
    public bool ChecksumsComplete { get; }

    /// <summary>Packets Linux dropped because a tap socket's receive buffer was full: the "drops" column of
    /// /proc/net/raw (raw6) for the tap's sockets, read when asked (for status), never per packet.</summary>
    public long Lost
    {
        get
        {
            long lost = 0;
            string table = _address.AddressFamily == AddressFamily.InterNetwork ? "/proc/net/raw" : "/proc/net/raw6";
            try
            {
                foreach (string line in File.ReadLines(table).Skip(1))
                {
                    string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length >= 13 && Array.IndexOf(_inodes, f[9]) >= 0 && long.TryParse(f[^1], out long drops)) lost += drops;
                }
            }
            catch (IOException) { }
            return lost;
        }
    }

    // The socket's inode, which names it in /proc/net/raw.
    private static string? InodeOf(Socket s)
    {
        try
        {
            string? target = new FileInfo("/proc/self/fd/" + s.SafeHandle.DangerousGetHandle()).LinkTarget;
            return target != null && target.StartsWith("socket:[", StringComparison.Ordinal) ? target[8..^1] : null;
        }
        catch (IOException) { return null; }
    }

    public string Open()
    {
        if (!OperatingSystem.IsLinux()) return "raw sockets need Linux";
        try
        {
            for (int i = 0; i < Protocols.Length; i++)
            {
                var s = new Socket(_address.AddressFamily, SocketType.Raw, Protocols[i]) { Blocking = false, ReceiveBufferSize = 1 << 20 };
                _sockets[i] = s;
                // A full-range nmap -T5 on loopback sends ~65,000 SYNs in two seconds: as root, a queue past
                // net.core.rmem_max (SO_RCVBUFFORCE) so that the loop can keep up; ignored where not permitted.
                try { s.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(ForcedReceiveBufferBytes)); }
                catch (SocketException) { }
                s.Bind(new IPEndPoint(_address, 0));
                PacketTimestamps.Enable(s);
                _inodes[i] = InodeOf(s);
            }
            return "";
        }
        catch (SocketException e)
        {
            Close();
            return e.SocketErrorCode is SocketError.AccessDenied ? "no raw sockets: needs root or CAP_NET_RAW" : "no raw sockets: " + e.Message;
        }
    }

    // Arrival order across the two sockets: each holds its next packet here with the kernel's receive time, and
    // the earlier of the two is handed out first, so a TCP and a UDP knock sent back to back keep their order.
    private readonly byte[][] _pending = { new byte[PendingBytes], new byte[PendingBytes] };
    private readonly int[] _pendingLength = new int[2];
    private readonly long[] _pendingNs = new long[2];
    private readonly long[] _stamp = new long[2];
    private const int PendingBytes = 2048;   // more than any header the gateway reads
    private int _lastTaken;

    public int Take(byte[] buffer, int offset, int count)
    {
        int earliest = -1;
        for (int i = 0; i < _sockets.Length; i++)
        {
            var s = _sockets[i];
            if (s == null) continue;
            while (_pendingLength[i] == 0)
            {
                int n = Read(s, Protocols[i], _pending[i], 0, PendingBytes);
                if (n == 0) break;
                if (n < 0) continue;   // the emulator's own packet: skip it
                _pendingLength[i] = n;
                _pendingNs[i] = PacketTimestamps.LastReadNs(s, _stamp);
            }
            // Equal times (or none known) alternate, so neither protocol can starve the other.
            if (_pendingLength[i] > 0 && (earliest < 0 || _pendingNs[i] < _pendingNs[earliest] || (_pendingNs[i] == _pendingNs[earliest] && earliest == _lastTaken))) earliest = i;
        }
        if (earliest < 0) return 0;
        _lastTaken = earliest;
        int copied = Math.Min(_pendingLength[earliest], count);
        Array.Copy(_pending[earliest], 0, buffer, offset, copied);
        _pendingLength[earliest] = 0;
        return copied;
    }

    // Bytes written, 0 when nothing waits, -1 for a packet the emulator sent itself.
    private int Read(Socket s, ProtocolType protocol, byte[] buffer, int offset, int count)
    {
        EndPoint from = new IPEndPoint(_address.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        int n;
        try { n = s.ReceiveFrom(_datagram, 0, _datagram.Length, SocketFlags.None, ref from); }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock) { return 0; }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return 0; }
        if (_address.AddressFamily == AddressFamily.InterNetwork)
        {
            int ihl = (_datagram[0] & 0x0F) * 4;
            if (n >= ihl + 2 && ihl >= 20 && FromOwnAddress(_datagram.AsSpan(12, 4)) && _own.IsOwnSource(protocol, (_datagram[ihl] << 8) | _datagram[ihl + 1])) return -1;
            int copied = Math.Min(n, count);
            Array.Copy(_datagram, 0, buffer, offset, copied);
            return copied;
        }
        var source = ((IPEndPoint)from).Address;
        if (n >= 2 && source.Equals(_address) && _own.IsOwnSource(protocol, (_datagram[0] << 8) | _datagram[1])) return -1;
        return WriteIpv6(source, protocol, n, buffer, offset, count);
    }

    // The emulator's own packets come from its own address (a client on lo may come from 127.0.0.1 with the same port).
    private bool FromOwnAddress(ReadOnlySpan<byte> source)
    {
        Span<byte> own = stackalloc byte[4];
        return _address.TryWriteBytes(own, out int written) && written == 4 && source.SequenceEqual(own);
    }

    // An IPv6 header (version 6, payload length, next header, hop limit, source, destination) and the payload.
    private int WriteIpv6(IPAddress source, ProtocolType protocol, int payload, byte[] buffer, int offset, int count)
    {
        if (count < Ipv6HeaderBytes) return 0;
        Array.Clear(buffer, offset, Ipv6HeaderBytes);
        buffer[offset] = 0x60;
        buffer[offset + 4] = (byte)(payload >> 8);
        buffer[offset + 5] = (byte)payload;
        buffer[offset + 6] = (byte)protocol;
        buffer[offset + 7] = UnknownHopLimit;
        source.TryWriteBytes(buffer.AsSpan(offset + 8, 16), out _);
        _address.TryWriteBytes(buffer.AsSpan(offset + 24, 16), out _);
        int copied = Math.Min(payload, count - Ipv6HeaderBytes);
        Array.Copy(_datagram, 0, buffer, offset + Ipv6HeaderBytes, copied);
        return Ipv6HeaderBytes + copied;
    }

    public void Close()
    {
        for (int i = 0; i < _sockets.Length; i++)
        {
            _sockets[i]?.Dispose();
            _sockets[i] = null;
            _inodes[i] = null;
            _pendingLength[i] = 0;
        }
    }
}
