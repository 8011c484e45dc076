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

        // Marks an attempt judged at accept (its packet is still to come): not a verdict to hand out.
        private const Verdict AlreadyJudged = (Verdict)254;

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
            int slot = FreeOrOldest(now);
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
            int found = Find(protocol, peer, dstPort);
            if (found < 0) return None;
            _protocol[found] = 0;
            return now - _atMs[found] > KeepMs ? None : (int)_verdict[found];
        }

        /// <summary>Notes that an attempt was judged at accept because its packet had not come yet, so that the
        /// packet, when the tap shows it, is not judged a second time.</summary>
        public void JudgedAtAccept(int protocol, Endpoint peer, int dstPort, long now)
        {
            int slot = FreeOrOldest(now);
            _protocol[slot] = protocol;
            _family[slot] = peer.Family;
            for (int w = 0; w < 4; w++) _address[slot * 4 + w] = peer.Address[w];
            _srcPort[slot] = peer.Port;
            _dstPort[slot] = dstPort;
            _verdict[slot] = AlreadyJudged;
            _atMs[slot] = now;
        }

        /// <summary>True (and forgotten) when this packet's attempt was judged at accept already.</summary>
        public bool TakeJudgedAtAccept(Packet packet, int dstPort)
        {
            for (int i = 0; i < _protocol.Length; i++)
            {
                if (_protocol[i] != packet.Protocol || _verdict[i] != AlreadyJudged || _srcPort[i] != packet.SrcPort || _dstPort[i] != dstPort || _family[i] != packet.Family) continue;
                if (_address[i * 4] != packet.Src[0] || _address[i * 4 + 1] != packet.Src[1] || _address[i * 4 + 2] != packet.Src[2] || _address[i * 4 + 3] != packet.Src[3]) continue;
                _protocol[i] = 0;
                return true;
            }
            return false;
        }

        // The oldest kept verdict for the attempt (a UDP flow may have several datagrams waiting).
        private int Find(int protocol, Endpoint peer, int dstPort)
        {
            int found = -1;
            for (int i = 0; i < _protocol.Length; i++)
            {
                if (_protocol[i] != protocol || _verdict[i] == AlreadyJudged || _srcPort[i] != peer.Port || _dstPort[i] != dstPort || _family[i] != peer.Family) continue;
                if (_address[i * 4] != peer.Address[0] || _address[i * 4 + 1] != peer.Address[1] || _address[i * 4 + 2] != peer.Address[2] || _address[i * 4 + 3] != peer.Address[3]) continue;
                if (found < 0 || _atMs[i] < _atMs[found]) found = i;
            }
            return found;
        }

        private int FreeOrOldest(long now)
        {
            int slot = 0;
            for (int i = 0; i < _protocol.Length; i++)
            {
                if (_protocol[i] == 0 || now - _atMs[i] > KeepMs) return i;
                if (_atMs[i] < _atMs[slot]) slot = i;
            }
            Overwritten++;
            return slot;
        }

        /// <summary>Forgets every verdict (new rules, a restart).</summary>
        public void Clear()
        {
            for (int i = 0; i < _protocol.Length; i++) _protocol[i] = 0;
        }
    }
}
