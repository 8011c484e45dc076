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
    public string Iface { get; init; } = Gateway.Core.Model.InterfaceNames.Gateway;
    public string? OutIface { get; init; }
    public int Len { get; init; } = 60;
    /// <summary>IPv4 TTL or IPv6 hop limit, or -1 when not known (a listener's connection).</summary>
    public int Ttl { get; init; } = -1;
    /// <summary>True for a fragment (first or later).</summary>
    public bool Frag { get; init; }
    /// <summary>ICMP type and code, or -1.</summary>
    public int IcmpType { get; init; } = -1;
    public int IcmpCode { get; init; } = -1;
    /// <summary>srcnat, dstnat, both ("srcnat,dstnat"), none (""), or null for the gateway's own: dstnat in
    /// forward (every forward is a dst-nat), none elsewhere.</summary>
    public string? Nat { get; init; }
    /// <summary>A connection state to use instead of connection tracking's, or null.</summary>
    public string? State { get; init; }
    /// <summary>True for a connection to a service the gateway guards (its network console, a dst-nat forward):
    /// when no terminal rule decides it, the gateway drops it where RouterOS would accept (fail closed).</summary>
    public bool Service { get; init; }
    /// <summary>1-based line of the trace file, for messages; 0 when not from a file.</summary>
    public int Line { get; init; }
}
