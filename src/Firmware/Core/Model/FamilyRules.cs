// Everything one address family's firewall holds: filter rules in the order they were added,
// address-list entries, dst-nat forwards. Built at load or edit time; arrays grow, nothing is shared.
using System.Collections;

namespace Gateway.Core.Model
{
    /// <summary>The filter, address-list and nat content of <c>/ip firewall</c> or <c>/ipv6 firewall</c>.</summary>
    public sealed class FamilyRules
    {
        private readonly ArrayList _rules = new ArrayList();
        private readonly ArrayList _entries = new ArrayList();
        private readonly ArrayList _forwards = new ArrayList();

        private readonly FamilyRules? _raw;

        public FamilyRules(Family family) : this(family, false) { }

        private FamilyRules(Family family, bool isRaw)
        {
            Family = family;
            IsRaw = isRaw;
            if (!isRaw) _raw = new FamilyRules(family, true);
        }

        public Family Family { get; }

        /// <summary>True for the <see cref="Raw"/> rules of a family (they hold rules only).</summary>
        public bool IsRaw { get; }

        /// <summary><c>/ip firewall raw</c>: rules RouterOS runs before connection tracking and the filter
        /// (chains prerouting and output). The raw rules' own Raw is null.</summary>
        public FamilyRules Raw { get { return _raw!; } }

        public int RuleCount { get { return _rules.Count; } }
        public int EntryCount { get { return _entries.Count; } }
        public int ForwardCount { get { return _forwards.Count; } }

        public Rule RuleAt(int index) { return (Rule)_rules[index]!; }
        public ListEntry EntryAt(int index) { return (ListEntry)_entries[index]!; }
        public Forward ForwardAt(int index) { return (Forward)_forwards[index]!; }

        public void AddRule(Rule rule) { _rules.Add(rule); }
        public void AddEntry(ListEntry entry) { _entries.Add(entry); }
        public void AddForward(Forward forward) { _forwards.Add(forward); }

        public void InsertRule(int index, Rule rule) { _rules.Insert(index, rule); }
        public void RemoveRuleAt(int index) { _rules.RemoveAt(index); }
        public void RemoveEntryAt(int index) { _entries.RemoveAt(index); }
        public void RemoveForwardAt(int index) { _forwards.RemoveAt(index); }

        /// <summary>Index of a rule among the rules of its chain, counting disabled ones: the index that
        /// replay output and the console show.</summary>
        public int IndexInChain(int ruleIndex)
        {
            string chain = RuleAt(ruleIndex).Chain;
            int n = 0;
            for (int i = 0; i < ruleIndex; i++) if (RuleAt(i).Chain == chain) n++;
            return n;
        }
    }
}
