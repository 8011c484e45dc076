// The engine's answer for one packet.
namespace Gateway.Core.Engine
{
    /// <summary>What happens to a packet. Tarpit decides <see cref="Drop"/> (the socket-level gateway
    /// cannot hold a connection half-open).</summary>
    public enum Verdict : byte
    {
        Accept = 0,
        Drop,
        Reject,
    }
}
