// A RuleSet run on the table engine and the reference interpreter side by side, packet by packet, from one
// source to 192.0.2.1 on input: every verdict must agree, and the table's is returned.
using Gateway.Core.Model;
using Gateway.Rules.Reference;
using Gateway.Rules.Replay;

namespace Gateway.Rules.Tests;

internal sealed class BothEngines(RuleSet rules)
{
    private readonly TraceRunner _table = new(new TableFirewall(rules));
    private readonly TraceRunner _reference = new(new ReferenceFirewall(rules));

    /// <summary>Trace time of the last packet sent, in ms.</summary>
    public long Now { get; private set; }

    /// <summary>Sends one packet <paramref name="after"/> ms after the last; a TCP packet carries <paramref name="flags"/>.</summary>
    public string Send(string src, int dport, string proto = "tcp", string flags = "S", long after = 100)
    {
        Now += after;
        var p = new TracePacket { T = Now, Src = src, Dst = "192.0.2.1", Proto = proto, Sport = 40000 + dport % 1000, Dport = dport, Flags = proto == "tcp" ? flags : "", Chain = "input", Iface = "ether1", Len = 60 };
        var a = _table.Step(p);
        Assert.Equal(_reference.Step(p), a);
        return a.Verdict;
    }

    /// <summary>Sends a packet as given (its time set <paramref name="after"/> ms after the last).</summary>
    public string Send(TracePacket packet, long after = 100)
    {
        Now += after;
        var p = packet with { T = Now };
        var a = _table.Step(p);
        Assert.Equal(_reference.Step(p), a);
        return a.Verdict;
    }

    /// <summary>Whether both engines list the address now (they must agree).</summary>
    public bool IsListed(string list, string address)
    {
        bool listed = _table.Firewall.IsListed(list, address, Now);
        Assert.Equal(_reference.Firewall.IsListed(list, address, Now), listed);
        return listed;
    }
}
