// One place that fills the engine's Packet for a connection the gateway holds or is asked to take: a new
// attempt accepted by a listener, or an open session judged again. Headers a listener does not show (TTL,
// fragmenting, ICMP) are marked unseen; a forward is dst-nat and leaves by the one port it came in by;
// what the gateway receives itself leaves by none.
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Packets;

namespace Gateway.Host.App
{
    /// <summary>Fills a <see cref="Packet"/> for a connection from an endpoint.</summary>
    public static class ConnectionPacket
    {
        /// <summary>The IP length of a SYN with the usual options.</summary>
        public const int SynLength = 60;
        /// <summary>The IP length of an ACK with timestamps.</summary>
        public const int AckLength = 52;
        /// <summary>IPv4 and UDP headers before a datagram's payload.</summary>
        public const int UdpHeadersLength = 28;

        /// <param name="dst">The destination address words (the gateway's own, or the LAN host's after dst-nat).</param>
        public static void Fill(Packet p, Endpoint peer, uint[] dst, int dstPort, EntryChain chain, int protocol, byte flags, int length, int inInterface)
        {
            p.Family = peer.Family;
            p.Protocol = protocol;
            for (int w = 0; w < 4; w++)
            {
                p.Src[w] = peer.Address[w];
                p.Dst[w] = dst[w];
            }
            p.SrcPort = peer.Port;
            p.DstPort = dstPort;
            p.Chain = chain;
            p.TcpFlags = flags;
            p.Length = length;
            p.ClearUnseenHeaders();
            p.ConnectionState = ConnectionStates.New;
            Arrive(p, inInterface);
        }

        /// <summary>Sets the interfaces and NAT state of a packet that came in on <paramref name="inInterface"/>,
        /// by its chain: a forward is dst-nat and leaves by the same one port; what the gateway receives leaves by none.</summary>
        public static void Arrive(Packet p, int inInterface)
        {
            p.InInterface = inInterface;
            bool forwarded = p.Chain == EntryChain.Forward;
            p.OutInterface = forwarded ? inInterface : Packet.Absent;
            p.NatState = forwarded ? NatStates.Dstnat : (byte)0;
        }
    }
}
