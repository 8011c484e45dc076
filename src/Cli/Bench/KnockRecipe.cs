// The knock sequence a rules file implements, read from its IPv4 filter rules, so the bench's traffic knocks
// the file's own ports: the first step is an add-src-to-address-list rule on one tcp port that needs no list,
// each next step one that needs the previous step's list; the granted list is the last one, and the service
// port is the dst-port of the accept rule that matches it (any port when that rule names none); when that rule
// is in the forward chain, service packets go there, to its dst-address (the LAN host after dst-nat).
using Gateway.Core.Model;

namespace Gateway.Cli.Bench;

internal sealed record KnockRecipe(int[] Ports, long[] TimeoutsMs, string KnockChain, string ServiceChain, uint ServiceDst, int? ServicePort)
{
    /// <summary>A port no recipe uses, for "any port" services.</summary>
    public const int AnyServicePort = 22;

    public int Steps => Ports.Length;

    public static KnockRecipe? Of(RuleSet rules, out string problem)
    {
        var ports = new List<int>();
        var timeouts = new List<long>();
        string? list = null, chain = null;
        var used = new HashSet<Rule>();
        while (true)
        {
            Rule? step = null;
            for (int i = 0; i < rules.Ipv4.RuleCount && step == null; i++)
            {
                Rule r = rules.Ipv4.RuleAt(i);
                if (!r.IsDisabled && !used.Contains(r) && r.Action == RuleAction.AddSrcToAddressList && r.Protocol == Protocols.Tcp
                    && r.DstPort is { Count: 1, IsNegated: false } p && p.LowAt(0) == p.HighAt(0) && r.SrcAddressList == list && !r.IsSrcAddressListNegated)
                    step = r;
            }
            if (step == null) break;
            used.Add(step);
            ports.Add(step.DstPort!.LowAt(0));
            timeouts.Add(step.AddressListTimeoutMs);
            chain ??= step.Chain;
            list = step.AddressList;
        }
        if (list == null)
        {
            problem = "bench needs a knock recipe: an add-src-to-address-list rule on one tcp dst-port, then rules that need its list";
            return null;
        }
        for (int i = 0; i < rules.Ipv4.RuleCount; i++)
        {
            Rule r = rules.Ipv4.RuleAt(i);
            if (r.IsDisabled || r.Action != RuleAction.Accept || r.SrcAddressList != list || r.IsSrcAddressListNegated) continue;
            problem = "";
            int? service = r.DstPort is { IsNegated: false } d ? d.LowAt(0) : null;
            uint dst = r.DstAddress is { IsNegated: false, Family: Family.Ipv4 } a ? a.Low[0] : Workload.Gateway;
            return new KnockRecipe(ports.ToArray(), timeouts.ToArray(), chain!, r.Chain, dst, service);
        }
        problem = $"bench needs a knock recipe: no accept rule matches src-address-list={list}";
        return null;
    }
}
