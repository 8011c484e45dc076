// RouterOS's psd matcher, port-scan detection as netfilter's psd module (after scanlogd) does it: per source,
// TCP and UDP packets to destination ports it has not sent to yet add the port's weight (LowPortWeight below
// 1024, HighPortWeight from 1024) while they come no more than DelayThreshold apart; the new port that brings
// the sum to WeightThreshold matches, and so does every later new port within the delay. A repeated port, a
// TCP ACK or RST to a new port, and a non-first fragment never match and change nothing. The first packet of a
// source only opens its record (it never matches). One detector per psd rule and family, in fixed memory:
// Capacity.PsdSources records, reused oldest first; Capacity.PsdPortsRemembered ports per record.
using Gateway.Core.Model;
using Gateway.Core.Packets;

namespace Gateway.Core.MatchState
{
    /// <summary>The state of one psd rule in one family.</summary>
    public sealed class PortScanDetector
    {
        private const int LowPortLimit = 1024;   // ports below it weigh LowPortWeight (netfilter: dport < 1024)

        private readonly int _words;
        private readonly int _threshold;
        private readonly long _delayMs;
        private readonly int _lowWeight;
        private readonly int _highWeight;

        // Records, by slot [0, PsdSources).
        private readonly uint[] _source;        // _words per slot
        private readonly bool[] _used;
        private readonly long[] _lastMs;        // when the record last saw a new port
        private readonly int[] _weight;
        private readonly int[] _portCount;
        private readonly ushort[] _ports;       // PsdPortsRemembered per slot
        private int _next;                      // the slot the next new source takes (a ring: oldest first)

        /// <param name="family">Family of the packets it sees.</param>
        /// <param name="rule">A rule with a psd matcher.</param>
        public PortScanDetector(Family family, Rule rule)
        {
            _words = AddressWords.Of(family);
            _threshold = rule.PsdWeightThreshold;
            _delayMs = rule.PsdDelayMs;
            _lowWeight = rule.PsdLowPortWeight;
            _highWeight = rule.PsdHighPortWeight;
            _source = new uint[Capacity.PsdSources * _words];
            _used = new bool[Capacity.PsdSources];
            _lastMs = new long[Capacity.PsdSources];
            _weight = new int[Capacity.PsdSources];
            _portCount = new int[Capacity.PsdSources];
            _ports = new ushort[Capacity.PsdSources * Capacity.PsdPortsRemembered];
        }

        /// <summary>Bytes one detector takes (array elements only).</summary>
        public static int Bytes(Family family)
        {
            return Capacity.PsdSources * (AddressWords.Of(family) * 4 + 1 + 8 + 4 + 4 + 2 * Capacity.PsdPortsRemembered);
        }

        /// <summary>Counts the packet and says whether it matches. Allocation-free.</summary>
        public bool Observe(Packet p, long nowMs)
        {
            bool tcp = p.Protocol == Protocols.Tcp;
            if ((!tcp && p.Protocol != Protocols.Udp) || p.FragmentOffset != 0 || IsZero(p.Src)) return false;
            bool ackOrRst = tcp && (p.TcpFlags & (TcpFlags.Ack | TcpFlags.Rst)) != 0;
            int slot = Find(p.Src);
            if (slot >= 0)
            {
                long since = nowMs - _lastMs[slot];
                if (since >= 0 && since <= _delayMs) return Update(slot, p.DstPort, ackOrRst, nowMs);
                _used[slot] = false;   // stale: a new record, as for a source never seen
            }
            if (tcp && (p.TcpFlags & TcpFlags.Ack) != 0) return false;
            slot = _next;
            _next = (_next + 1) % Capacity.PsdSources;
            _used[slot] = true;
            for (int w = 0; w < _words; w++) _source[slot * _words + w] = p.Src[w];
            _lastMs[slot] = nowMs;
            _weight[slot] = WeightOf(p.DstPort);
            _portCount[slot] = 1;
            _ports[slot * Capacity.PsdPortsRemembered] = (ushort)p.DstPort;
            return false;
        }

        private bool Update(int slot, int port, bool ackOrRst, long nowMs)
        {
            int first = slot * Capacity.PsdPortsRemembered;
            for (int i = 0; i < _portCount[slot]; i++) if (_ports[first + i] == port) return false;
            if (ackOrRst) return false;   // could be the reply side of a connection this host opened
            _lastMs[slot] = nowMs;
            if (_weight[slot] >= _threshold) return true;
            _weight[slot] += WeightOf(port);
            if (_weight[slot] >= _threshold) return true;
            if (_portCount[slot] < Capacity.PsdPortsRemembered) _ports[first + _portCount[slot]++] = (ushort)port;
            return false;
        }

        private int WeightOf(int port) { return port < LowPortLimit ? _lowWeight : _highWeight; }

        private int Find(uint[] address)
        {
            for (int slot = 0; slot < _used.Length; slot++)
            {
                if (_used[slot] && AddressWords.Compare(_source, slot * _words, address, 0, _words) == 0) return slot;
            }
            return -1;
        }

        private bool IsZero(uint[] address)
        {
            for (int w = 0; w < _words; w++) if (address[w] != 0) return false;
            return true;
        }
    }
}
