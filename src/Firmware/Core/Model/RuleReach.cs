// Which rules the gateway can never see match, or sees match only with packet sight (the emulator's raw tap;
// a board judges connections at its listeners, where no TTL, fragment or ICMP header is known). For
// `gateway compile --explain` and the lint.
namespace Gateway.Core.Model
{
    /// <summary>Why a rule may never match on the gateway, or null when nothing stops it.</summary>
    public static class RuleReach
    {
        public static string? Note(Rule rule)
        {
            if (rule.SrcMacAddress != null && rule.SrcMacAddress[0] != '!') return "never matches: the gateway sees no MAC addresses";
            if (rule.IpsecPolicy == IpsecPolicy.InIpsec || rule.IpsecPolicy == IpsecPolicy.OutIpsec) return "never matches: the gateway does no IPsec";
            if (rule.TtlCompare != TtlCompare.None) return "needs packet sight (" + (rule.IsHopLimit ? "hop-limit" : "ttl") + "): never matches on a board's listeners";
            if (rule.Fragment == 1) return "needs packet sight (fragment=yes): never matches on a board's listeners";
            if (rule.IcmpTypeLow != Rule.NoIcmp) return "needs packet sight (icmp-options): never matches on a board's listeners";
            return null;
        }
    }
}
