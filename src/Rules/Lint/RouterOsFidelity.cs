// Warnings where the gateway cannot follow RouterOS exactly, so that a pasted config says where it differs:
// address lists nothing fills (empty until the console fills them), interface-list members naming ports the
// gateway does not have, and matchers that never hold on the gateway or only with packet sight.
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Rules.Diagnostics;

namespace Gateway.Rules.Lint;

public static class RouterOsFidelity
{
    /// <param name="ports">The ports the board has (every board today: ether1).</param>
    public static IEnumerable<Diagnostic> Warnings(RuleSet set, IReadOnlyList<string> ports, Func<Rule?, string, Diagnostic> at, Func<int, int, string, Diagnostic> atLine)
    {
        foreach (var family in new[] { set.Ipv4, set.Ipv6, set.Ipv4.Raw, set.Ipv6.Raw })
        {
            var warned = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < family.RuleCount; i++)
            {
                var rule = family.RuleAt(i);
                foreach (var (matcher, list) in new[] { ("src-address-list", rule.SrcAddressList), ("dst-address-list", rule.DstAddressList) })
                {
                    if (list == null || RuleSetValidator.IsFilled(family, list) || IsSpaGrant(set, family, list) || !warned.Add(list)) continue;
                    yield return at(rule, $"{matcher} {list}: nothing in the file fills this {(family.Family == Family.Ipv4 ? "IPv4" : "IPv6")} list; it is empty until the console or a later push adds entries (RouterOS accepts an empty list)");
                }
                if (rule.IsDisabled) continue;
                if (rule.SrcMacAddress != null && rule.SrcMacAddress.StartsWith('!'))
                    yield return at(rule, "src-mac-address=" + rule.SrcMacAddress + ": the gateway never sees a source MAC address, so this matcher holds for every packet, the allowed MAC's too");
                string? reach = RuleReach.Note(rule);
                if (reach != null) yield return at(rule, reach);
            }
        }
        for (int d = 0; d < set.Spa.Count; d++)
        {
            var door = set.Spa.At(d);
            for (int j = 0; j < door.OpenCount; j++)
            {
                string grant = SpaDoor.GrantList(door.Name, door.OpenProtocols[j], door.OpenPorts[j]);
                if (!Enumerable.Range(0, set.Ipv4.RuleCount).Any(i => set.Ipv4.RuleAt(i).SrcAddressList == grant))
                    yield return atLine(door.SourceLine, door.SourceColumn, $"spa door {door.Name}: no rule accepts from {grant}, so granting {grant[(grant.LastIndexOf(':') + 1)..]} opens nothing (spa() adds that rule)");
            }
        }
        var lists = set.InterfaceLists;
        for (int i = 0; i < lists.MemberCount; i++)
        {
            var m = lists.MemberAt(i);
            if (m.IsDisabled || ports.Contains(m.Interface)) continue;
            yield return atLine(m.SourceLine, m.SourceColumn, $"interface list member {m.Interface} of {m.List}: the board's ports are {string.Join(", ", ports)}; this member is kept and never matches");
        }
    }

    // A door's grant lists are filled by the gateway when it grants a request.
    private static bool IsSpaGrant(RuleSet set, FamilyRules family, string list)
    {
        if (family.Family != Family.Ipv4) return false;
        for (int d = 0; d < set.Spa.Count; d++)
        {
            var door = set.Spa.At(d);
            for (int j = 0; j < door.OpenCount; j++)
                if (SpaDoor.GrantList(door.Name, door.OpenProtocols[j], door.OpenPorts[j]) == list) return true;
        }
        return false;
    }
}
