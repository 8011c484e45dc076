// Engine packets from text addresses for the tests of both runtimes (the core's xUnit tests and the device
// tests on nanoCLR, so written for nanoFramework 1.x): one reused Packet and Decision per test, as the
// hardware layer reuses them.
using System;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Text;

namespace Gateway.Testing
{
    /// <summary>One reused packet and decision, filled from text as the hardware layer fills them.</summary>
    internal sealed class TestPackets
    {
        public readonly Packet Packet = new Packet();
        public readonly Decision Decision = new Decision();

        /// <summary>An IPv4 address as its word; a malformed one throws.</summary>
        public static uint V4(string text)
        {
            uint v;
            if (!IpAddressText.TryParseIpv4(text, 0, text.Length, out v)) throw new ArgumentException("not an IPv4 address: " + text);
            return v;
        }

        /// <summary>A SYN to the gateway (input).</summary>
        public Packet Tcp(string src, int sport, string dst, int dport) { return Tcp(src, sport, dst, dport, TcpFlags.Syn, EntryChain.Input); }

        public Packet Tcp(string src, int sport, string dst, int dport, byte flags) { return Tcp(src, sport, dst, dport, flags, EntryChain.Input); }

        public Packet Tcp(string src, int sport, string dst, int dport, byte flags, EntryChain chain)
        {
            return Set(src, sport, dst, dport, Protocols.Tcp, flags, chain);
        }

        public Packet Udp(string src, int sport, string dst, int dport) { return Udp(src, sport, dst, dport, EntryChain.Input); }

        public Packet Udp(string src, int sport, string dst, int dport, EntryChain chain)
        {
            return Set(src, sport, dst, dport, Protocols.Udp, 0, chain);
        }

        /// <summary>One knock step: a SYN from <paramref name="src"/> to the gateway (192.0.2.1) on
        /// <paramref name="port"/>, decided at time 0.</summary>
        public static void Knock(FilterEngine engine, string src, int port)
        {
            TestPackets p = new TestPackets();
            engine.Evaluate(p.Tcp(src, 1, "192.0.2.1", port), 0, p.Decision);
        }

        /// <summary>A SYN through the gateway (forward, 203.0.113.1:1 to 10.0.0.5:22) arriving on one interface and
        /// leaving by another, named as the engine's rules know them.</summary>
        public Packet Forward(FilterEngine engine, string inInterface, string outInterface)
        {
            Packet p = Set("203.0.113.1", 1, "10.0.0.5", 22, Protocols.Tcp, TcpFlags.Syn, EntryChain.Forward);
            p.InInterface = engine.Table.InterfaceIndex(inInterface);
            p.OutInterface = engine.Table.InterfaceIndex(outInterface);
            return p;
        }

        public Packet Set(string src, int sport, string dst, int dport, int protocol, byte flags, EntryChain chain)
        {
            Packet p = Packet;
            if (src.IndexOf(':') >= 0)
            {
                p.Family = Family.Ipv6;
                if (!IpAddressText.TryParseIpv6(src, 0, src.Length, p.Src, 0)) throw new ArgumentException("not an IPv6 address: " + src);
                if (!IpAddressText.TryParseIpv6(dst, 0, dst.Length, p.Dst, 0)) throw new ArgumentException("not an IPv6 address: " + dst);
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

        /// <summary>Evaluates the packet and returns "verdict chain:rule" (rule "-" when none decided), e.g. "drop input:3".</summary>
        public string Run(FilterEngine engine, long nowMs) { return Run(engine, nowMs, Packet); }

        /// <summary>As <see cref="Run(FilterEngine, long)"/> for a packet just filled: <c>p.Run(engine, 0, p.Tcp(...))</c>.</summary>
        public string Run(FilterEngine engine, long nowMs, Packet packet)
        {
            Verdict v = engine.Evaluate(packet, nowMs, Decision);
            string verdict = v == Verdict.Accept ? "accept" : v == Verdict.Drop ? "drop" : v == Verdict.Reject ? "reject" : "?";
            string chain = engine.Table.Filter(packet.Family).ChainName(Decision.ChainIndex);
            string rule = Decision.RuleIndex == Decision.NoRule ? "-" : DecimalText.ToText(Decision.RuleIndex);
            return verdict + " " + chain + ":" + rule;
        }
    }
}
