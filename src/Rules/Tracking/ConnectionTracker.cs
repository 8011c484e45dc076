// Connection tracking for replay and script tests, as RouterOS runs netfilter's with
// loose-tcp-tracking=yes (routeros-semantics.md, "Connection tracking"): a connection is keyed by
// protocol and both endpoints, is new until its reply direction is seen and established after, is
// recorded only when its first packet is accepted, and lives for a protocol-dependent timeout.
using Gateway.Core.Model;

namespace Gateway.Rules.Tracking;

/// <summary>Classifies packets into connection states and records accepted connections, bounded.</summary>
public sealed class ConnectionTracker
{
    /// <summary>RouterOS tcp-established-timeout: 1 day.</summary>
    public const long TcpEstablishedMs = 24 * 3600 * 1000L;
    /// <summary>RouterOS tcp-syn-sent-timeout (no reply yet): 5 s.</summary>
    public const long TcpUnrepliedMs = 5_000;
    /// <summary>RouterOS tcp-close-timeout, after a FIN or RST: 10 s.</summary>
    public const long TcpClosingMs = 10_000;
    /// <summary>RouterOS udp-timeout (one direction seen): 10 s.</summary>
    public const long UdpUnrepliedMs = 10_000;
    /// <summary>RouterOS udp-stream-timeout (both directions seen): 3 min.</summary>
    public const long UdpStreamMs = 180_000;
    /// <summary>RouterOS icmp-timeout and the generic timeout for other protocols: 10 s.</summary>
    public const long OtherMs = 10_000;
    /// <summary>Default table size; RouterOS sizes it from RAM, a replay needs few.</summary>
    public const int DefaultCapacity = 4096;

    private sealed class Connection
    {
        public required Key Original;
        public bool SeenReply;
        public bool Closing;
        public long ExpiresAtMs;
    }

    private readonly record struct Key(int Protocol, UInt128 Src, int SrcPort, UInt128 Dst, int DstPort, Family Family)
    {
        public Key Reversed => new(Protocol, Dst, DstPort, Src, SrcPort, Family);
    }

    private readonly Dictionary<Key, Connection> _byTuple = new();
    private readonly int _capacity;
    private Key _pendingKey;
    private bool _pendingNew;

    public ConnectionTracker(int capacity = DefaultCapacity) { _capacity = capacity; }

    /// <summary>Connections recorded now.</summary>
    public int Count => _byTuple.Count / 2;
    /// <summary>New connections that could not be recorded because the table was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Live connections started from the block <paramref name="source"/>/<paramref name="prefix"/> of a
    /// family, and the connection of the packet being decided when it is new and not tracked yet (connlimit's count).</summary>
    public int ConnectionsFrom(Family family, UInt128 source, int prefix, long nowMs)
    {
        int bits = family == Family.Ipv4 ? 32 : 128;
        UInt128 mask = prefix == 0 ? UInt128.Zero : (bits == 128 ? UInt128.MaxValue : (UInt128)uint.MaxValue) << (bits - prefix);
        if (bits == 32) mask &= uint.MaxValue;
        int n = _pendingNew && _pendingKey.Family == family && (_pendingKey.Src & mask) == (source & mask) ? 1 : 0;
        foreach (var (key, c) in _byTuple)
        {
            if (!key.Equals(c.Original) || c.ExpiresAtMs <= nowMs) continue;
            if (key.Family == family && (key.Src & mask) == (source & mask)) n++;
        }
        return n;
    }

    /// <summary>The state of a packet (one <see cref="ConnectionStates"/> bit). Call
    /// <see cref="Commit"/> with the verdict afterwards.</summary>
    public byte Classify(int protocol, UInt128 src, int srcPort, UInt128 dst, int dstPort, byte tcpFlags, long nowMs, Family family = Family.Ipv4)
    {
        ExpireAll(nowMs);
        var key = new Key(protocol, src, srcPort, dst, dstPort, family);
        _pendingNew = false;
        if (_byTuple.TryGetValue(key, out var c))
        {
            bool reply = !key.Equals(c.Original);
            if (reply && !c.SeenReply)
            {
                c.SeenReply = true;
            }
            Refresh(c, protocol, tcpFlags, nowMs);
            return c.SeenReply ? ConnectionStates.Established : ConnectionStates.New;
        }
        if (protocol == Protocols.Tcp)
        {
            bool syn = (tcpFlags & TcpFlags.Syn) != 0, ack = (tcpFlags & TcpFlags.Ack) != 0;
            bool fin = (tcpFlags & TcpFlags.Fin) != 0, rst = (tcpFlags & TcpFlags.Rst) != 0;
            bool starts = (syn && !ack && !fin && !rst) || (ack && !syn && !fin && !rst);   // loose tracking: mid-stream ACK
            if (!starts) return ConnectionStates.Invalid;
        }
        _pendingKey = key;
        _pendingNew = true;
        return ConnectionStates.New;
    }

    /// <summary>Forgets the last classified packet (a packet whose state the trace gives is not tracked).</summary>
    public void ClearPending() => _pendingNew = false;

    /// <summary>Records the connection of the last classified packet if it started one and was accepted.</summary>
    public void Commit(bool accepted, int protocol, byte tcpFlags, long nowMs)
    {
        if (!_pendingNew || !accepted) return;
        _pendingNew = false;
        if (Count >= _capacity && !EvictUnreplied())
        {
            Dropped++;
            return;
        }
        var c = new Connection { Original = _pendingKey };
        Refresh(c, protocol, tcpFlags, nowMs);
        _byTuple[_pendingKey] = c;
        _byTuple[_pendingKey.Reversed] = c;
    }

    private static void Refresh(Connection c, int protocol, byte tcpFlags, long nowMs)
    {
        long timeout;
        if (protocol == Protocols.Tcp)
        {
            if ((tcpFlags & (TcpFlags.Fin | TcpFlags.Rst)) != 0) c.Closing = true;
            timeout = c.Closing ? TcpClosingMs : c.SeenReply ? TcpEstablishedMs : TcpUnrepliedMs;
        }
        else if (protocol == Protocols.Udp) timeout = c.SeenReply ? UdpStreamMs : UdpUnrepliedMs;
        else timeout = OtherMs;
        c.ExpiresAtMs = nowMs + timeout;
    }

    // A full table gives up the unreplied connection closest to expiry; established ones are kept.
    private bool EvictUnreplied()
    {
        Connection? victim = null;
        foreach (var c in _byTuple.Values)
            if (!c.SeenReply && (victim == null || c.ExpiresAtMs < victim.ExpiresAtMs)) victim = c;
        if (victim == null) return false;
        _byTuple.Remove(victim.Original);
        _byTuple.Remove(victim.Original.Reversed);
        return true;
    }

    private void ExpireAll(long nowMs)
    {
        List<Key>? gone = null;
        foreach (var (key, c) in _byTuple)
            if (nowMs >= c.ExpiresAtMs) (gone ??= new()).Add(key);
        if (gone != null) foreach (var key in gone) _byTuple.Remove(key);
    }
}
