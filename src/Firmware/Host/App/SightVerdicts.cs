// With packet sight a connection to a guarded service (the network console, a dst-nat forward) is
// judged on its SYN, when the tap sees it; the listener accepts it a moment later. This table carries
// the verdict from the packet to the accept (keyed by protocol, source address and port, and the port
// it was sent to), so no attempt is judged twice. Fixed slots; the oldest entry makes room.
using Gateway.Core;
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Packets;

namespace Gateway.Host.App
{
    /// <summary>Verdicts of recent packets to guarded ports, waiting for their connection or datagram.</summary>
    public sealed class SightVerdicts
    {
        /// <summary>A verdict waits this long for its connection; the handshake takes one round trip.</summary>
        public const long KeepMs = 5000;

        private readonly int[] _protocol = new int[Capacity.MaxSightVerdicts];   // 0 = free slot
        private readonly Family[] _family = new Family[Capacity.MaxSightVerdicts];
        private readonly uint[] _address = new uint[Capacity.MaxSightVerdicts * 4];
        private readonly int[] _srcPort = new int[Capacity.MaxSightVerdicts];
        private readonly int[] _dstPort = new int[Capacity.MaxSightVerdicts];
        private readonly Verdict[] _verdict = new Verdict[Capacity.MaxSightVerdicts];
        // An attempt judged at accept (its packet is still to come): a mark, not a verdict to hand out.
        private readonly bool[] _judgedAtAccept = new bool[Capacity.MaxSightVerdicts];
        private readonly long[] _atMs = new long[Capacity.MaxSightVerdicts];

        /// <summary>Verdicts that made room for a newer one before their connection came.</summary>
        public long Overwritten { get; private set; }

        /// <summary>Keeps the verdict of a packet sent to <paramref name="dstPort"/> (the port before any dst-nat).</summary>
        public void Remember(Packet packet, int dstPort, Verdict verdict, long now)
        {
            Store(FreeOrOldest(now), packet.Protocol, packet.Family, packet.Src, packet.SrcPort, dstPort, verdict, false, now);
        }

        /// <summary>Takes the verdict kept for an attempt from <paramref name="peer"/> to <paramref name="dstPort"/>
        /// out of the table; false when none waits (or it waited past <see cref="KeepMs"/>).</summary>
        public bool Take(int protocol, Endpoint peer, int dstPort, long now, out Verdict verdict)
        {
            verdict = Verdict.Drop;
            // The oldest kept verdict for the attempt (a UDP flow may have several datagrams waiting).
            int found = -1;
            for (int i = 0; i < _protocol.Length; i++)
                if (!_judgedAtAccept[i] && IsFor(i, protocol, peer.Family, peer.Address, peer.Port, dstPort) && (found < 0 || _atMs[i] < _atMs[found])) found = i;
            if (found < 0) return false;
            _protocol[found] = 0;
            if (now - _atMs[found] > KeepMs) return false;
            verdict = _verdict[found];
            return true;
        }

        /// <summary>Notes that an attempt was judged at accept because its packet had not come yet, so that the
        /// packet, when the tap shows it, is not judged a second time.</summary>
        public void JudgedAtAccept(int protocol, Endpoint peer, int dstPort, long now)
        {
            Store(FreeOrOldest(now), protocol, peer.Family, peer.Address, peer.Port, dstPort, Verdict.Drop, true, now);
        }

        /// <summary>True (and forgotten) when this packet's attempt was judged at accept already.</summary>
        public bool TakeJudgedAtAccept(Packet packet, int dstPort)
        {
            for (int i = 0; i < _protocol.Length; i++)
            {
                if (!_judgedAtAccept[i] || !IsFor(i, packet.Protocol, packet.Family, packet.Src, packet.SrcPort, dstPort)) continue;
                _protocol[i] = 0;
                return true;
            }
            return false;
        }

        private void Store(int slot, int protocol, Family family, uint[] address, int srcPort, int dstPort, Verdict verdict, bool judgedAtAccept, long now)
        {
            _protocol[slot] = protocol;
            _family[slot] = family;
            for (int w = 0; w < 4; w++) _address[slot * 4 + w] = address[w];
            _srcPort[slot] = srcPort;
            _dstPort[slot] = dstPort;
            _verdict[slot] = verdict;
            _judgedAtAccept[slot] = judgedAtAccept;
            _atMs[slot] = now;
        }

        private bool IsFor(int i, int protocol, Family family, uint[] address, int srcPort, int dstPort)
        {
            return _protocol[i] == protocol && _srcPort[i] == srcPort && _dstPort[i] == dstPort && _family[i] == family
                && _address[i * 4] == address[0] && _address[i * 4 + 1] == address[1] && _address[i * 4 + 2] == address[2] && _address[i * 4 + 3] == address[3];
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
