// With packet sight a connection to a guarded service (the network console, a dst-nat forward) is
// judged on its SYN, when the tap sees it; the listener accepts it a moment later. This table carries
// the verdict from the packet to the accept (keyed by protocol, source address and port, and the port
// it was sent to), so no attempt is judged twice. Fixed slots; the oldest entry makes room.
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Core.App
{
    /// <summary>Verdicts of recent packets to guarded ports, waiting for their connection or datagram.</summary>
    public sealed class SightVerdicts
    {
        /// <summary>A verdict waits this long for its connection; the handshake takes one round trip.</summary>
        public const long KeepMs = 5000;

        /// <summary>No verdict waits for this attempt.</summary>
        public const int None = -1;

        private readonly int[] _protocol = new int[Capacity.MaxSightVerdicts];   // 0 = free slot
        private readonly Family[] _family = new Family[Capacity.MaxSightVerdicts];
        private readonly uint[] _address = new uint[Capacity.MaxSightVerdicts * 4];
        private readonly int[] _srcPort = new int[Capacity.MaxSightVerdicts];
        private readonly int[] _dstPort = new int[Capacity.MaxSightVerdicts];
        private readonly Verdict[] _verdict = new Verdict[Capacity.MaxSightVerdicts];
        private readonly long[] _atMs = new long[Capacity.MaxSightVerdicts];

        /// <summary>Verdicts that made room for a newer one before their connection came.</summary>
        public long Overwritten { get; private set; }

        /// <summary>Keeps the verdict of a packet sent to <paramref name="dstPort"/> (the port before any dst-nat).</summary>
        public void Remember(Packet packet, int dstPort, Verdict verdict, long now)
        {
            int slot = 0;
            for (int i = 0; i < _protocol.Length; i++)
            {
                if (_protocol[i] == 0 || now - _atMs[i] > KeepMs) { slot = i; break; }
                if (_atMs[i] < _atMs[slot]) slot = i;
                if (i == _protocol.Length - 1) Overwritten++;
            }
            _protocol[slot] = packet.Protocol;
            _family[slot] = packet.Family;
            for (int w = 0; w < 4; w++) _address[slot * 4 + w] = packet.Src[w];
            _srcPort[slot] = packet.SrcPort;
            _dstPort[slot] = dstPort;
            _verdict[slot] = verdict;
            _atMs[slot] = now;
        }

        /// <summary>The verdict kept for an attempt from <paramref name="peer"/> to <paramref name="dstPort"/>,
        /// removed from the table, or <see cref="None"/>.</summary>
        public int Take(int protocol, Endpoint peer, int dstPort, long now)
        {
            for (int i = 0; i < _protocol.Length; i++)
            {
                if (_protocol[i] != protocol || _srcPort[i] != peer.Port || _dstPort[i] != dstPort || _family[i] != peer.Family) continue;
                if (_address[i * 4] != peer.Address[0] || _address[i * 4 + 1] != peer.Address[1] || _address[i * 4 + 2] != peer.Address[2] || _address[i * 4 + 3] != peer.Address[3]) continue;
                _protocol[i] = 0;
                if (now - _atMs[i] > KeepMs) return None;
                return (int)_verdict[i];
            }
            return None;
        }

        /// <summary>Forgets every verdict (new rules, a restart).</summary>
        public void Clear()
        {
            for (int i = 0; i < _protocol.Length; i++) _protocol[i] = 0;
        }
    }
}
