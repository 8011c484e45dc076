// What reading a captured packet's headers came to.
namespace Gateway.Core.Headers
{
    /// <summary>The outcome of <see cref="HeaderParser.Parse"/>.</summary>
    public enum HeaderResult
    {
        /// <summary>The headers were read.</summary>
        Ok,
        /// <summary>The capture ends inside a header the packet says is there.</summary>
        Truncated,
        /// <summary>A header field contradicts itself or the packet (IHL under 5, a length shorter than its header, a TCP data offset under 5).</summary>
        Malformed,
        /// <summary>Neither IPv4 nor IPv6.</summary>
        NotIp,
    }
}
