// The portable RuleSet: IPv4 and IPv6 firewalls side by side, never mixed (routeros-semantics.md).
namespace Gateway.Core.Model
{
    /// <summary>A complete set of rules for the gateway: one <see cref="FamilyRules"/> per family.</summary>
    public sealed class RuleSet
    {
        public FamilyRules Ipv4 { get; } = new FamilyRules(Family.Ipv4);
        public FamilyRules Ipv6 { get; } = new FamilyRules(Family.Ipv6);
        /// <summary><c>/interface list</c> and its members: the same for both families.</summary>
        public InterfaceLists InterfaceLists { get; } = new InterfaceLists();
        /// <summary><c>/spa</c>: single packet authorization doors (their keys are never here).</summary>
        public SpaDoors Spa { get; } = new SpaDoors();

        public FamilyRules Of(Family family) { return family == Family.Ipv4 ? Ipv4 : Ipv6; }

        /// <summary>The names of the built-in chains, indexed by <see cref="EntryChain"/>.</summary>
        public static readonly string[] BuiltInChains = { "input", "forward", "output" };

        /// <summary>The built-in chains of <c>/ip firewall raw</c>: prerouting (what comes in: input and forward)
        /// and output.</summary>
        public static readonly string[] RawChains = { "prerouting", "output" };

        /// <summary>True for prerouting and output, the raw stage's built-in chains.</summary>
        public static bool IsRawChain(string name)
        {
            return name == RawChains[0] || name == RawChains[1];
        }

        /// <summary>True for input, forward and output.</summary>
        public static bool IsBuiltInChain(string name)
        {
            return name == BuiltInChains[0] || name == BuiltInChains[1] || name == BuiltInChains[2];
        }
    }
}
