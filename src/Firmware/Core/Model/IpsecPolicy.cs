// ipsec-policy=in|out,ipsec|none. The gateway does no IPsec: no packet was decapsulated from or is headed
// for an IPsec tunnel, so "ipsec" never holds and "none" always does, in either direction.
namespace Gateway.Core.Model
{
    /// <summary>The <c>ipsec-policy</c> matcher: direction and policy.</summary>
    public enum IpsecPolicy : byte
    {
        Unset = 0,
        InIpsec,
        InNone,
        OutIpsec,
        OutNone,
    }
}
