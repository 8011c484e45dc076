// Where log=yes and action=log rules report. Called on the per-packet path: implementations must not
// block; the engine passes numbers and the reused packet, never a formatted string.
using Gateway.Core.Model;
using Gateway.Core.Packets;

namespace Gateway.Core.Engine
{
    /// <summary>Receives the packets that logging rules match.</summary>
    public interface IRuleLog
    {
        /// <param name="family">Which family's table the rule is in.</param>
        /// <param name="chainIndex">Chain of the rule.</param>
        /// <param name="ruleIndex">Rule's index within its chain.</param>
        /// <param name="prefix">The rule's log-prefix, or null.</param>
        /// <param name="packet">The packet; valid only during the call.</param>
        /// <param name="nowMs">The evaluation's monotonic time.</param>
        void OnRuleLog(Family family, int chainIndex, int ruleIndex, string? prefix, Packet packet, long nowMs);
    }
}
