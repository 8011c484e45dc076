// Connection tracking as netfilter does it with loose TCP tracking (routeros-semantics.md).
using Gateway.Core.Model;
using Gateway.Rules.Tracking;

namespace Gateway.Rules.Tests;

public class ConnectionTrackerTests
{
    private const int Tcp = Protocols.Tcp, Udp = Protocols.Udp;
    private static readonly UInt128 Client = 0x0A000001, Server = 0xC0000201;

    private static byte Step(ConnectionTracker t, int proto, bool fromClient, byte flags, long now, bool accept = true)
    {
        byte state = fromClient
            ? t.Classify(proto, Client, 5000, Server, 22, flags, now)
            : t.Classify(proto, Server, 22, Client, 5000, flags, now);
        t.Commit(accept, proto, flags, now);
        return state;
    }

    [Fact]
    public void New_until_the_reply_then_established_both_ways()
    {
        var t = new ConnectionTracker();
        Assert.Equal(ConnectionStates.New, Step(t, Tcp, true, TcpFlags.Syn, 0));
        Assert.Equal(ConnectionStates.New, Step(t, Tcp, true, TcpFlags.Syn, 1));          // a retransmitted SYN
        Assert.Equal(ConnectionStates.Established, Step(t, Tcp, false, TcpFlags.Syn | TcpFlags.Ack, 2));
        Assert.Equal(ConnectionStates.Established, Step(t, Tcp, true, TcpFlags.Ack, 3));
    }

    [Theory]
    [InlineData(TcpFlags.Fin | TcpFlags.Ack)]
    [InlineData(TcpFlags.Rst)]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData(0)]
    public void Tcp_that_fits_no_connection_and_cannot_start_one_is_invalid(byte flags)
    {
        Assert.Equal(ConnectionStates.Invalid, Step(new ConnectionTracker(), Tcp, true, flags, 0));
    }

    [Fact]
    public void Loose_tracking_picks_up_a_mid_stream_ack_as_new()
    {
        Assert.Equal(ConnectionStates.New, Step(new ConnectionTracker(), Tcp, true, TcpFlags.Ack, 0));
    }

    [Fact]
    public void A_dropped_first_packet_leaves_nothing_behind()
    {
        var t = new ConnectionTracker();
        Step(t, Tcp, true, TcpFlags.Syn, 0, accept: false);
        Assert.Equal(0, t.Count);
        Assert.Equal(ConnectionStates.Invalid, Step(t, Tcp, false, TcpFlags.Syn | TcpFlags.Ack, 1));
    }

    [Fact]
    public void Connections_time_out_by_protocol_and_state()
    {
        var t = new ConnectionTracker();
        Step(t, Udp, true, 0, 0);
        Assert.Equal(ConnectionStates.New, Step(t, Udp, true, 0, ConnectionTracker.UdpUnrepliedMs - 1));
        Step(t, Udp, false, 0, ConnectionTracker.UdpUnrepliedMs);                        // the reply: a stream now
        long stream = ConnectionTracker.UdpUnrepliedMs;
        Assert.Equal(ConnectionStates.Established, Step(t, Udp, true, 0, stream + ConnectionTracker.UdpStreamMs - 1));
        Assert.Equal(ConnectionStates.New, Step(t, Udp, true, 0, stream + 2 * ConnectionTracker.UdpStreamMs));
    }

    [Fact]
    public void A_full_table_gives_up_unreplied_connections_first_and_never_grows()
    {
        var t = new ConnectionTracker(capacity: 2);
        Assert.Equal(ConnectionStates.New, t.Classify(Tcp, 1, 1, Server, 22, TcpFlags.Syn, 0)); t.Commit(true, Tcp, TcpFlags.Syn, 0);
        t.Classify(Tcp, Server, 22, 1, 1, TcpFlags.Syn | TcpFlags.Ack, 1); t.Commit(true, Tcp, 0, 1);  // established
        t.Classify(Tcp, 2, 1, Server, 22, TcpFlags.Syn, 2); t.Commit(true, Tcp, TcpFlags.Syn, 2);
        t.Classify(Tcp, 3, 1, Server, 22, TcpFlags.Syn, 3); t.Commit(true, Tcp, TcpFlags.Syn, 3);     // evicts 2, the unreplied one
        Assert.Equal(2, t.Count);
        Assert.Equal(ConnectionStates.Established, t.Classify(Tcp, 1, 1, Server, 22, TcpFlags.Ack, 4));
        t.Classify(Tcp, Server, 22, 3, 1, TcpFlags.Syn | TcpFlags.Ack, 5); t.Commit(true, Tcp, 0, 5);
        t.Classify(Tcp, 4, 1, Server, 22, TcpFlags.Syn, 6); t.Commit(true, Tcp, TcpFlags.Syn, 6);     // both established: not recorded
        Assert.Equal(2, t.Count);
        Assert.Equal(1, t.Dropped);
    }
}
