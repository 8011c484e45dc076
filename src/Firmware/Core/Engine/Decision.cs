// The outcome of evaluating one packet, written into a reused instance so deciding allocates nothing.
using Gateway.Core.Model;

namespace Gateway.Core.Engine
{
    /// <summary>Verdict and deciding rule of the last packet evaluated into this instance.</summary>
    public sealed class Decision
    {
        /// <summary>No deciding rule: no terminal rule matched and RouterOS accepts.</summary>
        public const int NoRule = -1;

        public Verdict Verdict { get; internal set; }
        /// <summary>Chain of the deciding rule, or the entry chain when none decided.</summary>
        public int ChainIndex { get; internal set; }
        /// <summary>Index of the deciding rule within its chain, in added order with disabled rules
        /// counted; <see cref="NoRule"/> when none decided.</summary>
        public int RuleIndex { get; internal set; } = NoRule;
        /// <summary>The deciding rule's action (Accept when none decided).</summary>
        public RuleAction Action { get; internal set; }
        /// <summary>For <see cref="Verdict.Reject"/>: what to answer.</summary>
        public RejectWith RejectWith { get; internal set; }
    }
}
