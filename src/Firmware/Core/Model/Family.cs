// Address family of a rule table. RouterOS keeps /ip and /ipv6 firewalls apart, lists included.
namespace Gateway.Core.Model
{
    /// <summary>IPv4 (<c>/ip firewall</c>) or IPv6 (<c>/ipv6 firewall</c>).</summary>
    public enum Family : byte
    {
        Ipv4 = 0,
        Ipv6 = 1,
    }
}
