// The outcome of evaluating one packet, written into a reused instance so deciding allocates nothing. The
// engine writes the fields (on the board a property setter is an interpreted call); readers use the properties.
using Gateway.Core.Model;

namespace Gateway.Core.Engine
{
    /// <summary>Verdict and deciding rule of the last packet evaluated into this instance.</summary>
    public sealed class Decision
    {
        /// <summary>No deciding rule: no terminal rule matched and RouterOS accepts.</summary>
        public const int NoRule = -1;

        internal Verdict DecidedVerdict;
        internal int DecidingChain;
        internal int DecidingRule = NoRule;
        internal RuleAction DecidingAction;
        internal RejectWith RejectAnswer;

        public Verdict Verdict { get { return DecidedVerdict; } }
        /// <summary>Chain of the deciding rule, or the entry chain when none decided.</summary>
        public int ChainIndex { get { return DecidingChain; } }
        /// <summary>Index of the deciding rule within its chain, in added order with disabled rules
        /// counted; <see cref="NoRule"/> when none decided.</summary>
        public int RuleIndex { get { return DecidingRule; } }
        /// <summary>The deciding rule's action (Accept when none decided).</summary>
        public RuleAction Action { get { return DecidingAction; } }
        /// <summary>For <see cref="Verdict.Reject"/>: what to answer.</summary>
        public RejectWith RejectWith { get { return RejectAnswer; } }
    }
}
