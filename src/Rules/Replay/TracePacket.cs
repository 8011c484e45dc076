// One packet of a trace (DESIGN.md "Trace input"), as read from JSON lines, pcap or a script's test.
namespace Gateway.Rules.Replay;

/// <summary>A packet as a trace describes it; defaults follow DESIGN.md.</summary>
public sealed record TracePacket
{
    public long T { get; init; }
    public string Src { get; init; } = "";
    public string Dst { get; init; } = "";
    /// <summary>tcp, udp, icmp, icmpv6 or a number.</summary>
    public string Proto { get; init; } = "tcp";
    public int Sport { get; init; }
    public int Dport { get; init; }
    /// <summary>TCP flags as letters (S, A, F, R, P, U, E, C); default S.</summary>
    public string Flags { get; init; } = "S";
    public string Chain { get; init; } = "input";
    public string Iface { get; init; } = "ether1";
    public string? OutIface { get; init; }
    public int Len { get; init; } = 60;
    /// <summary>A connection state to use instead of connection tracking's, or null.</summary>
    public string? State { get; init; }
    /// <summary>1-based line of the trace file, for messages; 0 when not from a file.</summary>
    public int Line { get; init; }
}
