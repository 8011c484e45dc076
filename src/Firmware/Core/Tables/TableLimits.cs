// The capacities a RuleSet is compiled against: Capacity's defaults on the PC, a board profile's
// values on a device. The compiler refuses a RuleSet over any of them, naming it.
namespace Gateway.Core.Tables
{
    /// <summary>Sizes of the compiled tables and address-list stores. Per family unless said otherwise.</summary>
    public sealed class TableLimits
    {
        public int MaxRules { get; set; } = Capacity.DefaultMaxRules;
        public int MaxChains { get; set; } = Capacity.DefaultMaxChains;
        public int MaxPortRanges { get; set; } = Capacity.DefaultMaxPortRanges;
        public int MaxAddressMatchers { get; set; } = Capacity.DefaultMaxAddressMatchers;
        public int MaxLists { get; set; } = Capacity.DefaultMaxLists;
        /// <summary>Rules with a psd matcher over both families (each has a detector of <see cref="MatchState.PortScanDetector.Bytes"/>).</summary>
        public int MaxPsdRules { get; set; } = Capacity.DefaultMaxPsdRules;
        /// <summary>limit and dst-limit matchers over both families (each a <see cref="MatchState.RateLimiter"/>).</summary>
        public int MaxLimitRules { get; set; } = Capacity.DefaultMaxLimitRules;
        /// <summary>Distinct interface names over both families.</summary>
        public int MaxInterfaces { get; set; } = Capacity.DefaultMaxInterfaces;
        public int MaxForwards { get; set; } = Capacity.DefaultMaxForwards;
        /// <summary>Single-address list entries of the IPv4 store (static ones included).</summary>
        public int Ipv4ListEntries { get; set; } = Capacity.DefaultIpv4ListEntries;
        /// <summary>Single-address list entries of the IPv6 store (static ones included).</summary>
        public int Ipv6ListEntries { get; set; } = Capacity.DefaultIpv6ListEntries;
        /// <summary>Prefix and range list entries of each store.</summary>
        public int ListRangeEntries { get; set; } = Capacity.DefaultListRangeEntries;
    }
}
