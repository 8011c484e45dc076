// Keeps the last log=yes / action=log matches as numbers in fixed arrays (no strings are built on the
// per-packet path); the console formats them when asked.
using Gateway.Core;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Packets;
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

        private static void Endpoint(TextBuffer b, Family family, uint[] words, int i, int port)
        {
            if (family == Family.Ipv4) IpAddressText.AppendIpv4(b, words[i * 4]);
            else { b.Append('['); IpAddressText.AppendIpv6(b, words, i * 4); b.Append(']'); }
            b.Append(':');
            DecimalText.Append(b, port);
        }
    }
}
