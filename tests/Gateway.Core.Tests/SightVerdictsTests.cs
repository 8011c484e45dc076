// The verdict a guarded connection's SYN got waits for its accept: found by protocol, source address and
// port and the port it was sent to, taken once, forgotten after SightVerdicts.KeepMs, and a burst larger
// than the table makes room by the oldest entry (counted), never by growing.
using Gateway.Host.App;

namespace Gateway.Core.Tests;

public class SightVerdictsTests
{
    // The verdict taken, as an int, or None when no verdict waits.
    private const int None = -1;

    private static int Take(SightVerdicts v, int protocol, Endpoint peer, int dstPort, long now) =>
        v.Take(protocol, peer, dstPort, now, out Verdict verdict) ? (int)verdict : None;

    private static Packet Syn(uint src, int srcPort)
    {
        var p = new Packet { Family = Family.Ipv4, Protocol = Protocols.Tcp, SrcPort = srcPort, DstPort = 22 };
        p.Src[0] = src;
        return p;
    }

    private static Endpoint Peer(uint address, int port)
    {
        var e = new Endpoint { Family = Family.Ipv4, Port = port };
        e.Address[0] = address;
        return e;
    }

    [Fact]
    public void A_verdict_is_found_by_its_connection_and_taken_once()
    {
        var v = new SightVerdicts();
        v.Remember(Syn(1, 40000), 2222, Verdict.Accept, 0);
        v.Remember(Syn(1, 40001), 2222, Verdict.Drop, 0);
        Assert.Equal(None, Take(v, Protocols.Tcp, Peer(1, 40000), 2323, 10));   // another port
        Assert.Equal(None, Take(v, Protocols.Udp, Peer(1, 40000), 2222, 10));   // another protocol
        Assert.Equal(None, Take(v, Protocols.Tcp, Peer(2, 40000), 2222, 10));   // another host
        Assert.Equal((int)Verdict.Drop, Take(v, Protocols.Tcp, Peer(1, 40001), 2222, 10));
        Assert.Equal((int)Verdict.Accept, Take(v, Protocols.Tcp, Peer(1, 40000), 2222, 10));
        Assert.Equal(None, Take(v, Protocols.Tcp, Peer(1, 40000), 2222, 10));
    }

    [Fact]
    public void A_verdict_older_than_its_keep_time_is_not_used()
    {
        var v = new SightVerdicts();
        v.Remember(Syn(1, 40000), 2222, Verdict.Accept, 0);
        Assert.Equal(None, Take(v, Protocols.Tcp, Peer(1, 40000), 2222, SightVerdicts.KeepMs + 1));
    }

    [Fact]
    public void A_burst_past_the_capacity_overwrites_the_oldest()
    {
        var v = new SightVerdicts();
        for (int i = 0; i <= Capacity.MaxSightVerdicts; i++) v.Remember(Syn(1, 1000 + i), 2222, Verdict.Accept, i);
        Assert.Equal(1, v.Overwritten);
        Assert.Equal(None, Take(v, Protocols.Tcp, Peer(1, 1000), 2222, 100));
        Assert.Equal((int)Verdict.Accept, Take(v, Protocols.Tcp, Peer(1, 1001), 2222, 100));
        Assert.Equal((int)Verdict.Accept, Take(v, Protocols.Tcp, Peer(1, 1000 + Capacity.MaxSightVerdicts), 2222, 100));
    }

    [Fact]
    public void Of_several_verdicts_for_one_flow_the_oldest_is_taken_first()
    {
        var v = new SightVerdicts();
        v.Remember(Syn(1, 40000), 2222, Verdict.Drop, 0);
        v.Remember(Syn(1, 2000), 2222, Verdict.Accept, 1);   // another attempt in between
        Take(v, Protocols.Tcp, Peer(1, 2000), 2222, 2);         // frees slot 1
        v.Remember(Syn(1, 40000), 2222, Verdict.Accept, 3);  // a later datagram of the first flow takes the freed slot
        Assert.Equal((int)Verdict.Drop, Take(v, Protocols.Tcp, Peer(1, 40000), 2222, 4));
        Assert.Equal((int)Verdict.Accept, Take(v, Protocols.Tcp, Peer(1, 40000), 2222, 4));
    }

    [Fact]
    public void An_attempt_judged_at_accept_is_not_judged_again_when_its_packet_comes()
    {
        var v = new SightVerdicts();
        v.JudgedAtAccept(Protocols.Tcp, Peer(1, 40000), 2323, 0);
        Assert.Equal(None, Take(v, Protocols.Tcp, Peer(1, 40000), 2323, 1));   // not a verdict to hand out
        Assert.False(v.TakeJudgedAtAccept(Syn(1, 40001), 2323));
        Assert.True(v.TakeJudgedAtAccept(Syn(1, 40000), 2323));
        Assert.False(v.TakeJudgedAtAccept(Syn(1, 40000), 2323));   // once
    }
}
