// What a filter rule does when all its matchers hold (routeros-semantics.md, "Evaluation").
namespace Gateway.Core.Model
{
    /// <summary>The <c>action=</c> of a filter rule.</summary>
    public enum RuleAction : byte
    {
        /// <summary>Terminal: let the packet through.</summary>
        Accept = 0,
        /// <summary>Terminal: discard silently.</summary>
        Drop,
        /// <summary>Terminal: discard and answer with <see cref="Rule.RejectWith"/>.</summary>
        Reject,
        /// <summary>Terminal: hold the TCP connection open without serving it. The socket-level gateway
        /// cannot hold a half-open connection, so its verdict is drop.</summary>
        Tarpit,
        /// <summary>Enter <see cref="Rule.JumpTarget"/>; come back after it returns or runs out.</summary>
        Jump,
        /// <summary>Leave the current custom chain; in a built-in chain, the packet is accepted.</summary>
        Return,
        /// <summary>Non-terminal: list the packet's source address in <see cref="Rule.AddressList"/>.</summary>
        AddSrcToAddressList,
        /// <summary>Non-terminal: list the packet's destination address in <see cref="Rule.AddressList"/>.</summary>
        AddDstToAddressList,
        /// <summary>Non-terminal: write a log line with <see cref="Rule.LogPrefix"/>.</summary>
        Log,
        /// <summary>Non-terminal: count the packet and go on.</summary>
        Passthrough,
        /// <summary>Non-terminal: RouterOS hands the connection to its fast path. The gateway has none, so
        /// the packet goes on and the next rule decides (as MikroTik's default configuration expects: an
        /// accept of established,related follows it).</summary>
        FasttrackConnection,
        /// <summary>Raw only, non-terminal: the packet bypasses connection tracking, so the filter sees it as
        /// untracked; the raw rules after it still run.</summary>
        Notrack,
    }
}
