// ttl= (IPv4) and hop-limit= (IPv6): equal, not-equal, less-than or greater-than a number 0-255.
namespace Gateway.Core.Model
{
    /// <summary>How a <c>ttl</c> / <c>hop-limit</c> matcher compares the packet's value with the rule's.</summary>
    public enum TtlCompare : byte
    {
        None = 0,
        Equal,
        NotEqual,
        LessThan,
        GreaterThan,
    }
}
