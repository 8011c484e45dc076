// One packet as the engine sees it. The hardware layer (or a trace reader) fills one reused instance;
// addresses are words so that comparing them never allocates. Its members are plain fields, not properties:
// on the board every property access is an interpreted call, and a decision reads and writes a dozen of them.
using Gateway.Core.Model;

// CA1051 (visible instance fields) is off here on purpose: the fields are the point (see above).
#pragma warning disable CA1051
namespace Gateway.Core.Packets
{
    /// <summary>A packet to decide. Reuse one instance; nothing in it is kept by the engine.</summary>
    public sealed class Packet
    {
        /// <summary>No interface id (a name no rule mentions).</summary>
        public const int NoInterface = -1;

        /// <summary>No interface at all: the out-interface of a packet the gateway itself receives (input).</summary>
        public const int Absent = -2;

        /// <summary>The ICMP type or code of a packet that is not ICMP, or whose header was not seen.</summary>
        public const int NoIcmp = -1;

        /// <summary>The TTL of a packet whose header was not seen (a connection accepted by a listener).</summary>
        public const int UnknownTtl = -1;

        public Family Family;
        /// <summary>The built-in chain the packet enters.</summary>
        public EntryChain Chain;
        /// <summary>IP protocol number.</summary>
        public int Protocol;
        /// <summary>Source address words, most significant first (IPv4 uses word 0).</summary>
        public readonly uint[] Src = new uint[4];
        /// <summary>Destination address words.</summary>
        public readonly uint[] Dst = new uint[4];
        public int SrcPort;
        public int DstPort;
        /// <summary><see cref="TcpFlags"/> bits.</summary>
        public byte TcpFlags;
        /// <summary>Length in bytes, for packet-size and the byte counters.</summary>
        public int Length;
        /// <summary>IPv4 TTL or IPv6 hop limit as received (<see cref="UnknownTtl"/> when the source cannot tell).</summary>
        public int Ttl = UnknownTtl;
        /// <summary>Fragment offset in 8-byte units (0 for an unfragmented packet or a first fragment).</summary>
        public int FragmentOffset;
        /// <summary>The more-fragments bit: set on every fragment but the last.</summary>
        public bool MoreFragments;
        /// <summary>True for any fragment (RouterOS's <c>fragment=yes</c>).</summary>
        public bool IsFragment { get { return MoreFragments || FragmentOffset != 0; } }
        /// <summary>One <see cref="ConnectionStates"/> bit.</summary>
        public byte ConnectionState = ConnectionStates.New;
        /// <summary>Interface id from <see cref="Tables.Table.InterfaceIndex"/>, or <see cref="NoInterface"/>.</summary>
        public int InInterface = NoInterface;
        /// <summary>Interface id, <see cref="NoInterface"/>, or <see cref="Absent"/> when the packet leaves by none.</summary>
        public int OutInterface = Absent;
        /// <summary><see cref="NatStates"/> bits of the packet's connection: dst-nat for a forwarded connection.</summary>
        public byte NatState;
        /// <summary>ICMP / ICMPv6 type, or <see cref="NoIcmp"/>.</summary>
        public int IcmpType = NoIcmp;
        /// <summary>ICMP / ICMPv6 code, or <see cref="NoIcmp"/>.</summary>
        public int IcmpCode = NoIcmp;
        /// <summary>True for a connection to a service the gateway itself guards (its network console, a dst-nat
        /// forward): if no terminal rule decides it, it is dropped, not accepted. A knock gateway fails closed
        /// where RouterOS would accept; every other packet keeps RouterOS's accept at the end of a chain.</summary>
        public bool ToService;

        /// <summary>Marks the headers a connection accepted by a listener does not show (TTL, fragmenting, ICMP)
        /// as not seen: what the gateway fills for every packet that did not come through the packet tap.</summary>
        public void ClearUnseenHeaders()
        {
            Ttl = UnknownTtl;
            FragmentOffset = 0;
            MoreFragments = false;
            IcmpType = NoIcmp;
            IcmpCode = NoIcmp;
        }

        /// <summary>Sets an IPv4 packet's addresses (host byte order).</summary>
        public void SetIpv4(uint src, uint dst)
        {
            Family = Family.Ipv4;
            Src[0] = src;
            Dst[0] = dst;
        }
    }
}
