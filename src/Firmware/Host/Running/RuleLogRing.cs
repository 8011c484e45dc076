// Keeps the last log=yes / action=log matches as numbers in fixed arrays (no strings are built on the
// per-packet path); the console formats them when asked, and the syslog sender reads them by sequence
// number in RouterOS's firewall log line ("KNOCK input: in:ether1 out:(unknown 0), proto TCP (SYN), ...").
using Gateway.Core;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Tables;
using Gateway.Core.Text;

namespace Gateway.Host.Running
{
    /// <summary>A ring of the last <see cref="Capacity.LogLines"/> rule log events.</summary>
    public sealed class RuleLogRing : IRuleLog
    {
        private readonly long[] _timeMs = new long[Capacity.LogLines];
        private readonly byte[] _family = new byte[Capacity.LogLines];
        private readonly int[] _chain = new int[Capacity.LogLines];
        private readonly int[] _rule = new int[Capacity.LogLines];
        private readonly string?[] _prefix = StringArrays.New(Capacity.LogLines);
        private readonly int[] _protocol = new int[Capacity.LogLines];
        private readonly uint[] _src = new uint[Capacity.LogLines * 4];
        private readonly uint[] _dst = new uint[Capacity.LogLines * 4];
        private readonly int[] _srcPort = new int[Capacity.LogLines];
        private readonly int[] _dstPort = new int[Capacity.LogLines];
        private readonly int[] _length = new int[Capacity.LogLines];
        private readonly byte[] _tcpFlags = new byte[Capacity.LogLines];
        private readonly int[] _icmpType = new int[Capacity.LogLines];
        private readonly int[] _icmpCode = new int[Capacity.LogLines];
        private int _next;

        /// <summary>Events recorded since start (the ring keeps the last ones).</summary>
        public long Count { get; private set; }

        public void OnRuleLog(Family family, int chainIndex, int ruleIndex, string? prefix, Packet packet, long nowMs)
        {
            int i = _next;
            _timeMs[i] = nowMs;
            _family[i] = (byte)family;
            _chain[i] = chainIndex;
            _rule[i] = ruleIndex;
            _prefix[i] = prefix;
            _protocol[i] = packet.Protocol;
            for (int w = 0; w < 4; w++)
            {
                _src[i * 4 + w] = packet.Src[w];
                _dst[i * 4 + w] = packet.Dst[w];
            }
            _srcPort[i] = packet.SrcPort;
            _dstPort[i] = packet.DstPort;
            _length[i] = packet.Length;
            _tcpFlags[i] = packet.TcpFlags;
            _icmpType[i] = packet.IcmpType;
            _icmpCode[i] = packet.IcmpCode;
            _next = (_next + 1) % Capacity.LogLines;
            Count++;
        }

        /// <summary>The kept events, oldest first, one line each: <c>12.345s prefix input:3 tcp a:p->b:q</c>.</summary>
        public void AppendTo(TextBuffer b, string[] ipv4Chains, string[] ipv6Chains)
        {
            long kept = Count < Capacity.LogLines ? Count : Capacity.LogLines;
            for (long k = 0; k < kept; k++)
            {
                int i = (int)((_next - kept + k + Capacity.LogLines) % Capacity.LogLines);
                DecimalText.Append(b, _timeMs[i] / 1000);
                b.Append('.');
                long ms = _timeMs[i] % 1000;
                if (ms < 100) b.Append('0');
                if (ms < 10) b.Append('0');
                DecimalText.Append(b, ms);
                b.Append("s ");
                if (_prefix[i] != null) { b.Append(_prefix[i]!); b.Append(' '); }
                string[] chains = _family[i] == (byte)Family.Ipv4 ? ipv4Chains : ipv6Chains;
                b.Append(_chain[i] < chains.Length ? chains[_chain[i]] : "?");
                b.Append(':');
                DecimalText.Append(b, _rule[i]);
                b.Append(' ');
                b.Append(Protocols.NameOf(_protocol[i]) ?? DecimalText.ToText(_protocol[i]));
                b.Append(' ');
                Endpoint(b, (Family)_family[i], _src, i, _srcPort[i]);
                b.Append("->");
                Endpoint(b, (Family)_family[i], _dst, i, _dstPort[i]);
                b.Append('\n');
            }
        }

        /// <summary>True while the event numbered <paramref name="sequence"/> (0 = the first since start) is
        /// still kept: events older than the last <see cref="Capacity.LogLines"/> are overwritten.</summary>
        public bool Has(long sequence) { return sequence < Count && sequence >= Count - Capacity.LogLines; }

        /// <summary>When the event happened (the loop's clock).</summary>
        public long TimeOf(long sequence) { return _timeMs[SlotOf(sequence)]; }

        /// <summary>Appends the event as RouterOS's firewall log writes it, without allocating:
        /// <c>PREFIX CHAIN: in:ether1 out:(unknown 0), proto TCP (SYN), a:p-&gt;b:q, len 60</c>.</summary>
        public void AppendRouterOsLine(TextBuffer b, long sequence, string[] ipv4Chains, string[] ipv6Chains)
        {
            int i = SlotOf(sequence);
            if (_prefix[i] != null && _prefix[i]!.Length > 0) { b.Append(_prefix[i]!); b.Append(' '); }
            string[] chains = _family[i] == (byte)Family.Ipv4 ? ipv4Chains : ipv6Chains;
            b.Append(_chain[i] < chains.Length ? chains[_chain[i]] : "?");
            b.Append(": in:");
            b.Append(InterfaceNames.Gateway);
            b.Append(" out:(unknown 0), proto ");
            int protocol = _protocol[i];
            string? name = Protocols.NameOf(protocol);
            if (name == null) DecimalText.Append(b, protocol);
            else AppendUpper(b, name);
            bool ports = protocol == Protocols.Tcp || protocol == Protocols.Udp;
            if (protocol == Protocols.Tcp) AppendFlags(b, _tcpFlags[i]);
            else if (_icmpType[i] >= 0)
            {
                b.Append(" (type "); DecimalText.Append(b, _icmpType[i]);
                b.Append(", code "); DecimalText.Append(b, _icmpCode[i]); b.Append(')');
            }
            b.Append(", ");
            Address(b, (Family)_family[i], _src, i, ports, _srcPort[i]);
            b.Append("->");
            Address(b, (Family)_family[i], _dst, i, ports, _dstPort[i]);
            b.Append(", len ");
            DecimalText.Append(b, _length[i]);
        }

        /// <summary>A table's chain names by index, as <see cref="AppendTo"/> and <see cref="AppendRouterOsLine"/> take
        /// them (built when asked: the console's log, the syslog sender once per rule change).</summary>
        public static string[] ChainNamesOf(FilterTable t)
        {
            string[] names = StringArrays.New(t.ChainCount);
            for (int i = 0; i < names.Length; i++) names[i] = t.ChainName(i);
            return names;
        }

        private static int SlotOf(long sequence) { return (int)(sequence % Capacity.LogLines); }

        private static void AppendUpper(TextBuffer b, string name)
        {
            for (int k = 0; k < name.Length; k++)
            {
                char c = name[k];
                b.Append(c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
            }
        }

        // RouterOS writes the flags set, in its order: (SYN), (ACK,FIN), (RST).
        private static void AppendFlags(TextBuffer b, byte flags)
        {
            if (flags == 0) return;
            b.Append(" (");
            bool first = true;
            first = Flag(b, flags, TcpFlags.Syn, "SYN", first);
            first = Flag(b, flags, TcpFlags.Ack, "ACK", first);
            first = Flag(b, flags, TcpFlags.Psh, "PSH", first);
            first = Flag(b, flags, TcpFlags.Rst, "RST", first);
            first = Flag(b, flags, TcpFlags.Fin, "FIN", first);
            Flag(b, flags, TcpFlags.Urg, "URG", first);
            b.Append(')');
        }

        private static bool Flag(TextBuffer b, byte flags, byte flag, string name, bool first)
        {
            if ((flags & flag) == 0) return first;
            if (!first) b.Append(',');
            b.Append(name);
            return false;
        }

        private static void Address(TextBuffer b, Family family, uint[] words, int i, bool withPort, int port)
        {
            if (family == Family.Ipv4) IpAddressText.AppendIpv4(b, words[i * 4]);
            else if (withPort) { b.Append('['); IpAddressText.AppendIpv6(b, words, i * 4); b.Append(']'); }
            else IpAddressText.AppendIpv6(b, words, i * 4);
            if (!withPort) return;
            b.Append(':');
            DecimalText.Append(b, port);
        }

        private static void Endpoint(TextBuffer b, Family family, uint[] words, int i, int port)
        {
            if (family == Family.Ipv4) IpAddressText.AppendIpv4(b, words[i * 4]);
            else { b.Append('['); IpAddressText.AppendIpv6(b, words, i * 4); b.Append(']'); }
            b.Append(':');
            DecimalText.Append(b, port);
        }
    }
}
