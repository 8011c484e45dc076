// The compiled filter of one family: rules as parallel arrays of primitives, grouped by chain in the
// order they were added, plus the pooled port ranges and address ranges they point into.
// Filled once by the Compiler; afterwards only the counters change (on the per-packet path, no allocation).
using Gateway.Core.MatchState;
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Core.Tables
{
    /// <summary>One family's rules in flat arrays, indexed by a table-wide rule index.</summary>
    public sealed class FilterTable
    {
        public const int NoIndex = -1;

        /// <summary>Chain index of raw's prerouting (what comes in: input and forward), or NoIndex without raw rules.</summary>
        internal int RawPrerouting = NoIndex;
        /// <summary>Chain index of raw's output, or NoIndex without raw rules.</summary>
        internal int RawOutput = NoIndex;

        internal readonly Family Family;
        internal readonly int Words;                 // address words: 1 or 4

        // Chains, index [0, ChainCount): 0..2 are input, forward, output (EntryChain), then the filter's custom
        // chains; with raw rules, raw's prerouting and output and raw's custom chains after them.
        internal readonly string[] ChainNames;
        internal readonly bool[] ChainIsRaw;
        internal readonly int[] ChainFirstRule;      // table-wide index of the chain's first rule
        internal readonly int[] ChainRuleCount;      // rules in the chain, disabled ones included

        // Rules, index [0, RuleCount); a chain's rules are contiguous and in added order.
        internal readonly int[] Match;               // MatchBits present
        internal readonly int[] Negate;              // MatchBits negated
        internal readonly short[] Protocol;          // IP protocol number
        internal readonly int[] SrcAddress;          // address-range index or NoIndex
        internal readonly int[] DstAddress;
        internal readonly int[] SrcPorts;            // port-set index or NoIndex
        internal readonly int[] DstPorts;
        internal readonly ushort[] DstPortLow;       // a dst-port of one range (MatchBits.DstPortRange), inclusive
        internal readonly ushort[] DstPortHigh;
        internal readonly int[] AnyPorts;
        internal readonly short[] SrcList;           // list id or NoIndex
        internal readonly short[] DstList;
        internal readonly short[] InInterface;       // interface id (Table-wide) or NoIndex
        internal readonly short[] OutInterface;
        internal readonly byte[] StateMask;          // ConnectionStates bits
        internal readonly byte[] FlagsSet;           // TcpFlags bits that must be set
        internal readonly byte[] FlagsClear;         // TcpFlags bits that must be clear
        internal readonly int[] SizeMin;
        internal readonly int[] SizeMax;
        internal readonly short[] Psd;               // detector index or NoIndex
        internal readonly short[] Limit;             // limiter index of limit= or NoIndex
        internal readonly short[] DstLimit;          // limiter index of dst-limit= or NoIndex
        internal readonly int[] InListMask;          // interface-list members: bit = interface id, bit 31 = unnamed interfaces
        internal readonly int[] OutListMask;
        internal readonly byte[] NatMask;            // NatStates bits
        internal readonly byte[] SrcTypeMask;        // AddressTypes bits
        internal readonly byte[] DstTypeMask;
        internal readonly byte[] IcmpTypeLow;        // icmp-options bounds, inclusive
        internal readonly byte[] IcmpTypeHigh;
        internal readonly byte[] IcmpCodeLow;
        internal readonly byte[] IcmpCodeHigh;
        internal readonly byte[] TtlCompare;         // TtlCompare
        internal readonly byte[] TtlValue;
        internal readonly ushort[] ConnLimit;        // connection-limit count
        internal readonly byte[] ConnLimitPrefix;    // connection-limit netmask
        internal readonly byte[] Action;             // RuleAction
        internal readonly short[] ActionTarget;      // jump: chain index; add-*: list id; else NoIndex
        internal readonly byte[] RejectKind;         // RejectWith (family default filled in)
        internal readonly byte[] TimeoutKind;        // ListTimeoutKind of add-* actions
        internal readonly long[] TimeoutMs;
        internal readonly bool[] Log;                // log=yes or action=log
        internal readonly string?[] LogPrefix;
        internal readonly long[] Packets;            // counters: packets that matched
        internal readonly long[] Bytes;              // counters: their bytes

        // Port sets, index [0, PortSetCount): ranges [PortSetFirst, PortSetFirst + PortSetCount) of the pools.
        internal readonly int[] PortSetFirst;
        internal readonly int[] PortSetLength;
        internal readonly ushort[] PortLow;
        internal readonly ushort[] PortHigh;

        // Address ranges, index [0, n): Words words each, inclusive bounds.
        internal readonly uint[] AddressLow;
        internal readonly uint[] AddressHigh;

        // Port-scan detectors of the psd rules, by detector index.
        internal readonly PortScanDetector[] Detectors;

        // Token buckets of the limit and dst-limit matchers, by limiter index.
        internal readonly RateLimiter[] Limiters;

        // Address lists of this family, by list id.
        internal readonly string[] ListNames;

        internal FilterTable(Family family, int chains, int rules, int portSets, int portRanges, int addressRanges, int lists, int psdRules, int limiters)
        {
            Family = family;
            Words = AddressWords.Of(family);
            ChainNames = StringArrays.New(chains);
            ChainIsRaw = new bool[chains];
            ChainFirstRule = new int[chains];
            ChainRuleCount = new int[chains];
            Match = new int[rules];
            Negate = new int[rules];
            Protocol = new short[rules];
            SrcAddress = new int[rules];
            DstAddress = new int[rules];
            SrcPorts = new int[rules];
            DstPorts = new int[rules];
            DstPortLow = new ushort[rules];
            DstPortHigh = new ushort[rules];
            AnyPorts = new int[rules];
            SrcList = new short[rules];
            DstList = new short[rules];
            InInterface = new short[rules];
            OutInterface = new short[rules];
            StateMask = new byte[rules];
            FlagsSet = new byte[rules];
            FlagsClear = new byte[rules];
            SizeMin = new int[rules];
            SizeMax = new int[rules];
            Psd = new short[rules];
            Limit = new short[rules];
            DstLimit = new short[rules];
            InListMask = new int[rules];
            OutListMask = new int[rules];
            NatMask = new byte[rules];
            SrcTypeMask = new byte[rules];
            DstTypeMask = new byte[rules];
            IcmpTypeLow = new byte[rules];
            IcmpTypeHigh = new byte[rules];
            IcmpCodeLow = new byte[rules];
            IcmpCodeHigh = new byte[rules];
            TtlCompare = new byte[rules];
            TtlValue = new byte[rules];
            ConnLimit = new ushort[rules];
            ConnLimitPrefix = new byte[rules];
            Action = new byte[rules];
            ActionTarget = new short[rules];
            RejectKind = new byte[rules];
            TimeoutKind = new byte[rules];
            TimeoutMs = new long[rules];
            Log = new bool[rules];
            LogPrefix = StringArrays.New(rules);
            Packets = new long[rules];
            Bytes = new long[rules];
            PortSetFirst = new int[portSets];
            PortSetLength = new int[portSets];
            PortLow = new ushort[portRanges];
            PortHigh = new ushort[portRanges];
            AddressLow = new uint[addressRanges * Words];
            AddressHigh = new uint[addressRanges * Words];
            ListNames = StringArrays.New(lists);
            Detectors = new PortScanDetector[psdRules];
            Limiters = new RateLimiter[limiters];
        }

        /// <summary>Bytes of one rule across the parallel arrays (a reference counts 4, as on the device).</summary>
        public const int RuleBytes = 4 * 2 + 2 + 4 * 5 + 2 * 2 + 2 * 4 + 1 * 3 + 4 * 2 + 2 + 4 * 2 + 1 * 9 + 2 * 2 + 2 + 1 + 1 + 2 + 1 + 1 + 8 + 1 + 4 + 8 * 2;

        /// <summary>The decision index the engine walks (set by the compiler once the rules are laid out).</summary>
        public DecisionIndex Index { get; internal set; } = new DecisionIndex(0, 0, 0, new SourceGate(0));

        public int ChainCount { get { return ChainNames.Length; } }
        public int RuleCount { get { return Match.Length; } }
        public int ListCount { get { return ListNames.Length; } }

        public string ChainName(int chainIndex) { return ChainNames[chainIndex]; }

        /// <summary>Index of a filter chain by name, or <see cref="NoIndex"/>.</summary>
        public int ChainIndex(string name) { return ChainIndex(name, false); }

        /// <summary>Index of a filter (or, with <paramref name="raw"/>, a raw) chain by name, or <see cref="NoIndex"/>.</summary>
        public int ChainIndex(string name, bool raw)
        {
            for (int i = 0; i < ChainNames.Length; i++) if (ChainNames[i] == name && ChainIsRaw[i] == raw) return i;
            return NoIndex;
        }

        /// <summary>Number of rules in a chain, disabled ones included.</summary>
        public int RulesInChain(int chainIndex) { return ChainRuleCount[chainIndex]; }

        public string ListName(int listId) { return ListNames[listId]; }

        /// <summary>Id of a list by name, or <see cref="NoIndex"/>.</summary>
        public int ListId(string name)
        {
            for (int i = 0; i < ListNames.Length; i++) if (ListNames[i] == name) return i;
            return NoIndex;
        }

        /// <summary>Packets counted by rule <paramref name="ruleIndex"/> of chain <paramref name="chainIndex"/>.</summary>
        public long PacketsOf(int chainIndex, int ruleIndex) { return Packets[ChainFirstRule[chainIndex] + ruleIndex]; }

        /// <summary>Bytes counted by a rule, as <see cref="PacketsOf"/>.</summary>
        public long BytesOf(int chainIndex, int ruleIndex) { return Bytes[ChainFirstRule[chainIndex] + ruleIndex]; }

        /// <summary>True when one of port set <paramref name="set"/>'s ranges holds <paramref name="port"/>.</summary>
        internal bool InPortSet(int set, int port)
        {
            int first = PortSetFirst[set];
            int last = first + PortSetLength[set];
            for (int i = first; i < last; i++) if (port >= PortLow[i] && port <= PortHigh[i]) return true;
            return false;
        }

        /// <summary>Bytes of the limiters (their buckets and keys) and their references.</summary>
        internal int LimiterBytes;

        /// <summary>Zeroes every counter (console <c>reset-counters-all</c>).</summary>
        public void ResetCounters()
        {
            for (int i = 0; i < Packets.Length; i++) { Packets[i] = 0; Bytes[i] = 0; }
        }

        /// <summary>Bytes the arrays of this table take, element sizes only (array headers excluded).</summary>
        public int ArrayBytes
        {
            get
            {
                int rules = RuleCount;
                return rules * RuleBytes + ChainCount * (4 + 4 + 4 + 1) + PortSetFirst.Length * 8 + PortLow.Length * 4
                    + AddressLow.Length * 8 + ListNames.Length * 4 + Detectors.Length * (4 + PortScanDetector.Bytes(Family)) + LimiterBytes
                    + Index.Bytes;
            }
        }
    }
}
