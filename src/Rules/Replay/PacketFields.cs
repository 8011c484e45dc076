// Turns a TracePacket's text fields into the numbers a Core Packet holds, with clear errors.
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Rules.Replay;

/// <summary>Parses trace field values (addresses, protocol, flags, chain, state).</summary>
public static class PacketFields
{
    private const string FlagLetters = "FSRPAUEC";   // bit order of TcpFlags: fin syn rst psh ack urg ece cwr

    /// <summary>Parses an address into words; the family follows the form.</summary>
    public static bool TryAddress(string text, uint[] words, out Family family)
    {
        family = text.Contains(':') ? Family.Ipv6 : Family.Ipv4;
        if (family == Family.Ipv6) return IpAddressText.TryParseIpv6(text, 0, text.Length, words, 0);
        bool ok = IpAddressText.TryParseIpv4(text, 0, text.Length, out uint v);
        words[0] = v;
        return ok;
    }

    /// <summary>An address's words as one number (IPv4 in the low 32 bits), for tracking and the reference.</summary>
    public static UInt128 ToNumber(Family family, uint[] words) => family == Family.Ipv4
        ? words[0]
        : ((UInt128)words[0] << 96) | ((UInt128)words[1] << 64) | ((UInt128)words[2] << 32) | words[3];

    public static bool TryProtocol(string text, out int protocol)
    {
        protocol = Protocols.FromName(text.ToLowerInvariant());
        if (protocol != Protocols.Any) return true;
        return int.TryParse(text, out protocol) && protocol >= 0 && protocol <= Protocols.MaxNumber;
    }

    public static bool TryFlags(string text, out byte flags)
    {
        flags = 0;
        foreach (char c in text.ToUpperInvariant())
        {
            int bit = FlagLetters.IndexOf(c, StringComparison.Ordinal);
            if (bit < 0) return false;
            flags |= (byte)(1 << bit);
        }
        return true;
    }

    public static bool TryChain(string text, out EntryChain chain)
    {
        chain = text switch { "input" => EntryChain.Input, "forward" => EntryChain.Forward, "output" => EntryChain.Output, _ => (EntryChain)255 };
        return (int)chain != 255;
    }

    public static bool TryState(string text, out byte state)
    {
        state = text switch
        {
            "new" => ConnectionStates.New,
            "established" => ConnectionStates.Established,
            "related" => ConnectionStates.Related,
            "invalid" => ConnectionStates.Invalid,
            "untracked" => ConnectionStates.Untracked,
            _ => 0,
        };
        return state != 0;
    }

    /// <summary>A checked trace packet's header as the deciders read it: family, addresses as numbers, protocol,
    /// and TCP flags (0 for any other protocol).</summary>
    public static void Header(TracePacket p, out Family family, out UInt128 src, out UInt128 dst, out int protocol, out byte tcpFlags)
    {
        var words = new uint[4];
        TryAddress(p.Src, words, out family);
        src = ToNumber(family, words);
        TryAddress(p.Dst, words, out _);
        dst = ToNumber(family, words);
        TryProtocol(p.Proto, out protocol);
        TryFlags(p.Flags, out tcpFlags);
        if (protocol != Protocols.Tcp) tcpFlags = 0;
    }

    /// <summary>The connection-nat-state bits of a trace packet (see <see cref="TracePacket.Nat"/>).</summary>
    public static byte NatOf(TracePacket p)
    {
        if (p.Nat == null) return p.Chain == "forward" ? NatStates.Dstnat : (byte)0;
        byte bits = 0;
        foreach (var word in p.Nat.Split(',', StringSplitOptions.RemoveEmptyEntries))
            bits |= word switch { "srcnat" => NatStates.Srcnat, "dstnat" => NatStates.Dstnat, _ => (byte)0x80 };
        return bits;
    }

    /// <summary>Checks every field; null when the packet is well-formed, else a message.</summary>
    public static string? Check(TracePacket p)
    {
        var words = new uint[4];
        if (!TryAddress(p.Src, words, out var srcFamily)) return $"src is not an IP address: \"{p.Src}\"";
        if (!TryAddress(p.Dst, words, out var dstFamily)) return $"dst is not an IP address: \"{p.Dst}\"";
        if (srcFamily != dstFamily) return "src and dst are of different families";
        if (!TryProtocol(p.Proto, out int proto)) return $"proto must be tcp, udp, icmp, icmpv6 or 0-255, not \"{p.Proto}\"";
        if (p.Sport is < 0 or > 65535 || p.Dport is < 0 or > 65535) return "ports must be 0-65535";
        if (proto == Protocols.Tcp && !TryFlags(p.Flags, out _)) return $"flags must be letters of FSRPAUEC, not \"{p.Flags}\"";
        if (!TryChain(p.Chain, out _)) return $"chain must be input, forward or output, not \"{p.Chain}\"";
        if (p.State != null && !TryState(p.State, out _)) return $"state must be new, established, related, invalid or untracked, not \"{p.State}\"";
        if (p.Len is < 0 or > 65535) return "len must be 0-65535";
        if (p.Ttl is < -1 or > 255) return "ttl must be 0-255";
        if (p.IcmpType is < -1 or > 255 || p.IcmpCode is < -1 or > 255) return "icmp-type and icmp-code must be 0-255";
        if ((NatOf(p) & 0x80) != 0) return $"nat must be srcnat, dstnat, both comma-separated, or empty, not \"{p.Nat}\"";
        return null;
    }
}
