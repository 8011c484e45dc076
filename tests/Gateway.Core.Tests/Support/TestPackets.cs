// Builds engine packets from text addresses; one reused Packet per test, as the hardware layer does.
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Support;

internal sealed class TestPackets
{
    public Packet Packet { get; } = new();
    public Decision Decision { get; } = new();

    public static uint V4(string text)
    {
        Assert.True(IpAddressText.TryParseIpv4(text, 0, text.Length, out uint v), text);
        return v;
    }

    public Packet Tcp(string src, int sport, string dst, int dport, byte flags = TcpFlags.Syn, EntryChain chain = EntryChain.Input)
        => Set(src, sport, dst, dport, Protocols.Tcp, flags, chain);

    public Packet Udp(string src, int sport, string dst, int dport, EntryChain chain = EntryChain.Input)
        => Set(src, sport, dst, dport, Protocols.Udp, 0, chain);

    public Packet Set(string src, int sport, string dst, int dport, int protocol, byte flags, EntryChain chain)
    {
        var p = Packet;
        bool v6 = src.Contains(':');
        p.Family = v6 ? Family.Ipv6 : Family.Ipv4;
        if (v6)
        {
            Assert.True(IpAddressText.TryParseIpv6(src, 0, src.Length, p.Src, 0), src);
            Assert.True(IpAddressText.TryParseIpv6(dst, 0, dst.Length, p.Dst, 0), dst);
        }
        else
        {
            p.SetIpv4(V4(src), V4(dst));
        }
        p.SrcPort = sport;
        p.DstPort = dport;
        p.Protocol = protocol;
        p.TcpFlags = flags;
        p.Chain = chain;
        p.Length = 60;
        p.ConnectionState = ConnectionStates.New;
        p.InInterface = Packet.NoInterface;
        p.OutInterface = Packet.NoInterface;
        return p;
    }

    /// <summary>Evaluates and returns "verdict chain:rule" (rule "-" when none decided), e.g. "drop input:3".</summary>
    public string Run(FilterEngine engine, long nowMs)
    {
        var verdict = engine.Evaluate(Packet, nowMs, Decision);
        var chain = engine.Table.Filter(Packet.Family).ChainName(Decision.ChainIndex);
        var rule = Decision.RuleIndex == Decision.NoRule ? "-" : Decision.RuleIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{verdict.ToString().ToLowerInvariant()} {chain}:{rule}";
    }
}
