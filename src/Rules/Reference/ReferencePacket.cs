// A trace packet as the reference interpreter reads it: addresses as 128-bit numbers, names as names.
using Gateway.Core.Model;
using Gateway.Rules.Replay;

namespace Gateway.Rules.Reference;

internal sealed record ReferencePacket(Family Family, string Chain, int Protocol, UInt128 Src, UInt128 Dst,
    int SrcPort, int DstPort, byte TcpFlags, int Length, byte State, string InInterface, string? OutInterface,
    byte Nat, int Ttl, bool Fragment, int IcmpType, int IcmpCode)
{
    public static ReferencePacket From(TracePacket p, byte state)
    {
        PacketFields.Header(p, out var family, out var src, out var dst, out int protocol, out byte flags);
        return new ReferencePacket(family, p.Chain, protocol, src, dst, p.Sport, p.Dport,
            flags, p.Len, state, p.Iface, p.OutIface,
            PacketFields.NatOf(p), p.Ttl, p.Frag, p.IcmpType, p.IcmpCode);
    }
}
