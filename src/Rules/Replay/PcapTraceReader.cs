// Reads pcap and pcapng captures into trace packets with SharpPcap's file reader (Debian's libpcap)
// and PacketDotNet's dissectors. Times are made relative to the first packet; the chain follows the
// gateway's address: to it is input, from it is output, anything else is forward.
using Gateway.Rules.Diagnostics;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Gateway.Rules.Replay;

/// <summary>Turns a capture file into IPv4/IPv6 TCP, UDP and ICMP trace packets; other frames are skipped.</summary>
public static class PcapTraceReader
{
    // An IPv4 header is at least 5 words of 32 bits (RFC 791).
    private const int MinIpv4HeaderWords = 5;

    /// <param name="warnings">Receives one line per frame that claims to be IP but cannot be dissected
    /// (a malformed or cut header): such a frame is skipped, as a router drops it, but never silently.</param>
    public static (List<TracePacket> Packets, Diagnostic? Error) Read(string path, string? gatewayAddress, string iface = Gateway.Core.Model.InterfaceNames.Gateway, List<Diagnostic>? warnings = null)
    {
        var packets = new List<TracePacket>();
        string name = Path.GetFileName(path);
        CaptureFileReaderDevice device;
        try
        {
            device = new CaptureFileReaderDevice(path);
            device.Open();
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException or IOException or TypeInitializationException)
        {
            string why = e is DllNotFoundException or TypeInitializationException
                ? "libpcap is not installed (Debian: apt-get install libpcap0.8)"
                : "not a pcap or pcapng file: " + e.Message;
            return (packets, new Diagnostic(name, 1, 1, why));
        }
        using (device)
        {
            DateTime? first = null;
            int index = 0;
            while (true)
            {
                GetPacketStatus status = device.GetNextPacket(out PacketCapture capture);
                if (status == GetPacketStatus.NoRemainingPackets) break;
                if (status != GetPacketStatus.PacketRead)
                {
                    // libpcap's words: "truncated dump file; tried to read 16 header bytes, only got 6", a
                    // capture length beyond the file's snapshot length, ... The record number is the line.
                    string why = device.LastError is { Length: > 0 } e ? e : "unreadable record";
                    return (packets, new Diagnostic(name, index + 1, 1, $"record {index + 1}: {why}; the capture is cut or damaged"));
                }
                index++;
                var raw = capture.GetPacket();
                TracePacket? p;
                // PacketDotNet parses lazily: a malformed header can throw at any field, so the whole
                // dissection of one frame is guarded, not just the first parse (and the timestamp, which
                // overflows a DateTime for absurd seconds). Its dissectors throw what they like (a plain
                // Exception for a malformed OSPF packet, found by the fuzzer): any failure skips the frame.
                try
                {
                    first ??= raw.Timeval.Date;
                    p = Dissect(raw, first.Value, gatewayAddress, iface, index);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    warnings?.Add(new Diagnostic(name, index, 1, $"warning: record {index}: malformed IP packet skipped ({e.Message})"));
                    continue;
                }
                if (p == null) continue;   // not IP (ARP, LLDP, ...): nothing a filter sees
                packets.Add(p);
            }
        }
        return (packets, null);
    }

    /// <summary>The gateway's address as a capture shows it: the most common destination of its inbound TCP SYNs
    /// (SYN without ACK), with how many of them go there; null when the capture has no SYN.</summary>
    public static (string Address, int Syns, int AllSyns)? InferGateway(IReadOnlyList<TracePacket> packets)
    {
        var syns = packets.Where(p => p.Proto == "tcp" && p.Flags.Contains('S', StringComparison.Ordinal) && !p.Flags.Contains('A', StringComparison.Ordinal)).ToList();
        if (syns.Count == 0) return null;
        var top = syns.GroupBy(p => p.Dst, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        return (top.Key, top.Count(), syns.Count);
    }

    // One frame as the filter sees it, or null when it is not IP. Throws on malformed headers. Only the
    // outer IP header and the header right after it are read, as the filter reads them: PacketDotNet's
    // recursive Extract walks encapsulated payloads and loops for ever on IP-in-IP with a header length of 0
    // (found by AFL++), so an IPv4 header is checked first and the transport is its direct payload.
    private static TracePacket? Dissect(RawCapture raw, DateTime first, string? gatewayAddress, string iface, int index)
    {
        long t = (long)(raw.Timeval.Date - first).TotalMilliseconds;
        var parsed = Packet.ParsePacket(raw.LinkLayerType, raw.Data);
        var ip = parsed.Extract<IPPacket>();
        if (ip == null) return null;
        if (ip is IPv4Packet v4 && (v4.Version != IPVersion.IPv4 || v4.HeaderLength < MinIpv4HeaderWords || v4.TotalLength < v4.HeaderLength * 4))
            throw new FormatException($"IPv4 header length {v4.HeaderLength * 4} bytes, total length {v4.TotalLength}");
        string src = ip.SourceAddress.ToString(), dst = ip.DestinationAddress.ToString();
        string chain = gatewayAddress == null || dst == gatewayAddress ? "input" : src == gatewayAddress ? "output" : "forward";
        // A forward leaves by the gateway's same one port, as the device sets it.
        var p = new TracePacket { T = t, Src = src, Dst = dst, Chain = chain, Iface = iface, OutIface = chain == "forward" ? iface : null, Len = ip.TotalLength, Line = index, Ttl = ip.TimeToLive };
        if (ip is IPv4Packet fragmented && (fragmented.FragmentOffset != 0 || (fragmented.FragmentFlags & 0x1) != 0)) p = p with { Frag = true };
        if (ip.PayloadPacket is TcpPacket tcp)
            p = p with { Proto = "tcp", Sport = tcp.SourcePort, Dport = tcp.DestinationPort, Flags = Flags(tcp) };
        else if (ip.PayloadPacket is UdpPacket udp)
            p = p with { Proto = "udp", Sport = udp.SourcePort, Dport = udp.DestinationPort, Flags = "" };
        else if (ip.PayloadPacket is IcmpV4Packet icmp)
            p = p with { Proto = "icmp", Flags = "", IcmpType = (int)icmp.TypeCode >> 8, IcmpCode = (int)icmp.TypeCode & 0xFF };
        else if (ip.PayloadPacket is IcmpV6Packet icmp6)
            p = p with { Proto = "icmpv6", Flags = "", IcmpType = (int)icmp6.Type, IcmpCode = icmp6.Code };
        else
            p = p with { Proto = ((int)ip.Protocol).ToString(System.Globalization.CultureInfo.InvariantCulture), Flags = "" };
        if (p.Proto == "1") p = p with { Proto = "icmp" };
        if (p.Proto == "58") p = p with { Proto = "icmpv6" };
        return p;
    }

    private static string Flags(TcpPacket tcp)
    {
        string f = "";
        if (tcp.Finished) f += "F";
        if (tcp.Synchronize) f += "S";
        if (tcp.Reset) f += "R";
        if (tcp.Push) f += "P";
        if (tcp.Acknowledgment) f += "A";
        if (tcp.Urgent) f += "U";
        if (tcp.ExplicitCongestionNotificationEcho) f += "E";
        if (tcp.CongestionWindowReduced) f += "C";
        return f;
    }
}
