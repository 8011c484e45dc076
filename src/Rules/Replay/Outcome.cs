// What a firewall decided for one packet, in the words of `gateway replay`'s output.
namespace Gateway.Rules.Replay;

/// <summary>Verdict (accept, drop, reject), the deciding rule's chain, and its index in that chain or null.</summary>
public sealed record Outcome(string Verdict, string Chain, int? Rule)
{
    /// <summary>True when raw's notrack took the packet out of connection tracking: it starts no connection.</summary>
    public bool Untracked { get; init; }
}
