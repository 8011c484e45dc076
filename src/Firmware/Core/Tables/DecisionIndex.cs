// The decision index of one family's table: for every chain and protocol class (TCP, UDP, any other), the
// destination-port intervals that no rule's dst-port splits, and for each interval the chain's enabled rules
// a packet of that class and port could match, in rule order. The engine visits only those candidates, so
// rules for other ports and protocols (and disabled rules) cost nothing; rules for other sources are kept out
// of the lists by the SourceGate. Built by the compiler (IndexBuilder) within a stated budget; a chain and
// class over budget keep one interval of all their rules.
namespace Gateway.Core.Tables
{
    /// <summary>Candidate rule lists by chain, protocol class and destination port.</summary>
    public sealed class DecisionIndex
    {
        /// <summary>Protocol classes: TCP and UDP are split by destination port, the rest are one class.</summary>
        public const int Classes = 3;
        public const int ClassTcp = 0;
        public const int ClassUdp = 1;
        public const int ClassOther = 2;

        // Buckets [chain * Classes + class]: intervals [BucketFirst[b], BucketFirst[b + 1]).
        internal readonly ushort[] BucketFirst;
        // By bucket: MatchBits every candidate is known to pass unless negated (protocol in TCP's and UDP's
        // buckets, dst-port in a bucket split by port), so the engine does not test them again.
        internal readonly int[] Settled;
        // Intervals: the lowest destination port of each; its candidates are [IntervalFirst[i], IntervalFirst[i + 1]).
        internal readonly ushort[] IntervalLow;
        internal readonly ushort[] IntervalFirst;
        // Table-wide rule indexes, each interval's in ascending (rule) order.
        internal readonly short[] Candidates;
        // One bit per block of 2^BlockBits ports: set when some rule's dst-port names a port in the block.
        // A packet to a port in a clear block (most scans) needs no search: in every bucket, the rules that
        // could match it are those that name no dst-port, the candidates of the bucket's QuietInterval.
        internal readonly int[] NamedBlocks;
        internal readonly ushort[] QuietInterval;

        /// <summary>Ports per block of the named-port map, as a power of two.</summary>
        public const int BlockBits = 6;
        /// <summary>Words of the named-port map: one bit per block of the 65,536 ports.</summary>
        public const int BlockWords = 65536 >> BlockBits >> 5;

        /// <summary>The rules kept out of the port intervals, found by the packet's source instead.</summary>
        internal readonly SourceGate Gate;

        internal DecisionIndex(int chains, int intervals, int candidates, SourceGate gate)
        {
            Gate = gate;
            BucketFirst = new ushort[chains * Classes + 1];
            Settled = new int[chains * Classes];
            IntervalLow = new ushort[intervals];
            IntervalFirst = new ushort[intervals + 1];
            Candidates = new short[candidates];
            NamedBlocks = new int[BlockWords];
            QuietInterval = new ushort[chains * Classes];
        }

        /// <summary>Bytes of the index's arrays (element sizes only).</summary>
        public int Bytes { get { return BucketFirst.Length * 2 + Settled.Length * (4 + 2) + IntervalLow.Length * (2 + 2) + 2 + Candidates.Length * 2 + BlockWords * 4 + Gate.Bytes; } }

        /// <summary>Rules the source gate holds (kept out of the port intervals).</summary>
        public int GatedRuleCount { get { return Gate.Count; } }

        /// <summary>Candidate rules over all buckets.</summary>
        public int CandidateCount { get { return Candidates.Length; } }

        /// <summary>Intervals over all buckets.</summary>
        public int IntervalCount { get { return IntervalLow.Length; } }

        /// <summary>The protocol class of an IP protocol number.</summary>
        public static int ClassOf(int protocol)
        {
            if (protocol == Model.Protocols.Tcp) return ClassTcp;
            if (protocol == Model.Protocols.Udp) return ClassUdp;
            return ClassOther;
        }

        /// <summary>True when no rule names a port in <paramref name="port"/>'s block (most scans): in every
        /// bucket its interval is the bucket's <see cref="QuietInterval"/>, found without a search; otherwise
        /// <see cref="SearchInterval"/> finds it. The candidates of interval i are positions
        /// [IntervalFirst[i], IntervalFirst[i + 1]) of <see cref="Candidates"/>, and the bucket's
        /// <see cref="Settled"/> bits hold for all of them. FilterEngine.Run repeats this test in place (a call
        /// costs the interpreter more than the test): a change to the map's layout changes both.</summary>
        internal bool IsQuiet(int port)
        {
            return (NamedBlocks[port >> (BlockBits + 5)] & (1 << ((port >> BlockBits) & 31))) == 0;
        }

        /// <summary>The interval of bucket <paramref name="bucket"/> (chain * Classes + class) that holds
        /// <paramref name="port"/>.</summary>
        internal int IntervalOf(int bucket, int port)
        {
            return IsQuiet(port) ? QuietInterval[bucket] : SearchInterval(bucket, port);
        }

        /// <summary>The last interval of the bucket starting at or below the port, by binary search (also how
        /// the builder finds each bucket's quiet interval, before the map may be asked).</summary>
        internal int SearchInterval(int bucket, int port)
        {
            int low = BucketFirst[bucket];
            int high = BucketFirst[bucket + 1] - 1;
            while (low < high)
            {
                int mid = (low + high + 1) >> 1;
                if (IntervalLow[mid] <= port) low = mid; else high = mid - 1;
            }
            return low;
        }

        /// <summary>Most rules of one family a table may hold, whatever the board allows: positions in the
        /// index are 16-bit (<see cref="CandidatesPerRule"/> times this stays below 65,536).</summary>
        public const int MaxRules = 10000;

        /// <summary>Most candidates an index may hold per rule of its table: every rule in each of the three
        /// classes, and as much again for rules repeated in port intervals. A bucket whose split would pass
        /// it (or <see cref="IntervalsPerRule"/>) keeps one interval of all its rules.</summary>
        public const int CandidatesPerRule = 6;

        /// <summary>Most port intervals an index may hold per rule, beyond one per bucket.</summary>
        public const int IntervalsPerRule = 3;

        /// <summary>Bytes of an index at a table's capacities: the candidate and interval budgets.</summary>
        public static int BytesAtCapacity(int rules, int chains)
        {
            return (chains * Classes + 1) * 2 + chains * Classes * (4 + 2) + MaxIntervals(chains, rules) * (2 + 2) + 2 + CandidatesPerRule * rules * 2 + BlockWords * 4
                + SourceGate.BytesAtCapacity(rules);
        }

        /// <summary>Most intervals an index holds: one per bucket and <see cref="IntervalsPerRule"/> per rule.</summary>
        public static int MaxIntervals(int chains, int rules) { return chains * Classes + IntervalsPerRule * rules; }
    }
}
