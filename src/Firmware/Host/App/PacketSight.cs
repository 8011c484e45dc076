// Packet sight: with a tap, the gateway judges every inbound TCP SYN and UDP datagram when it arrives, in
// arrival order, whether or not anything listens on its port. Knock ports then get no listener (the stack
// answers them as closed, like every other unused port) and address-list adds, counters and logs happen on
// the packet. Guarded services (the console, dst-nat forwards) still listen: the verdict their SYN got
// waits in SightVerdicts for the accept. Without a tap (or when it cannot open) the gateway judges what its
// listeners accept, and says why. This component owns the tap, its capture buffer and the kept verdicts;
// the loop judges what it hands out.
using Gateway.Core;
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Headers;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Text;

namespace Gateway.Host.App
{
    /// <summary>The packet tap and the verdicts its packets got, waiting for their connections.</summary>
    public sealed class PacketSight
    {
        private IPacketTap? _tap;
        private readonly byte[] _capture = new byte[Capacity.TapCaptureBytes];
        private int _budget;
        private int _captured;

        /// <summary>Opens the tap; without one (or when it cannot open) the gateway sees only its listeners.</summary>
        public PacketSight(IPacketTap? tap)
        {
            if (tap == null) return;
            string reason = tap.Open();
            if (reason.Length > 0)
            {
                Description = "listeners (" + reason + ")";
                return;
            }
            _tap = tap;
            Description = "packets (raw)";
        }

        /// <summary>Verdicts of packets to guarded ports, waiting for their connection or datagram.</summary>
        public SightVerdicts Verdicts { get; } = new SightVerdicts();

        /// <summary>"packets (raw)" when the gateway sees every inbound packet; "listeners (...)" with the reason otherwise.</summary>
        public string Description { get; private set; } = "listeners (no packet tap)";
        /// <summary>True when the gateway sees packets, not only the connections its listeners accept.</summary>
        public bool SeesPackets { get { return _tap != null; } }
        /// <summary>Packets taken from the tap.</summary>
        public long Packets { get; private set; }
        /// <summary>Packets from the tap whose headers could not be read (counted, dropped, never judged).</summary>
        public long Malformed { get; private set; }
        /// <summary>TCP/UDP packets from the tap whose checksum fails (the stack drops them; never judged).</summary>
        public long BadChecksum { get; private set; }
        /// <summary>Connections and datagrams on a guarded port whose packet the tap did not show in time
        /// (lost in its queue): judged when accepted instead.</summary>
        public long Misses { get; private set; }
        /// <summary>Passes that took everything the tap held: once this count moves, every packet that had
        /// arrived before that pass began has been judged.</summary>
        public long Emptied { get; private set; }
        /// <summary>Packets the tap lost (its queue was full).</summary>
        public long Lost { get { return _tap == null ? 0 : _tap.Lost; } }

        /// <summary>Starts a drain: at most Capacity.TapPacketsPerPass packets are taken before the loop moves on,
        /// so a flood cannot starve the consoles.</summary>
        public void BeginDrain() { _budget = Capacity.TapPacketsPerPass; }

        /// <summary>Reads the next packet worth judging into <paramref name="packet"/>: a new TCP connection (SYN
        /// without ACK, RST or FIN: with those the stack discards it) or a UDP datagram, whole or a first fragment,
        /// with readable headers and no failed checksum. False when the tap is empty or this drain's budget is spent.</summary>
        public bool Next(Packet packet)
        {
            while (_tap != null && _budget > 0)
            {
                _budget--;
                int n = _tap.Take(_capture, 0, _capture.Length);
                _captured = n;
                if (n <= 0)
                {
                    Emptied++;
                    _budget = 0;
                    return false;
                }
                Packets++;
                if (HeaderParser.Parse(_capture, 0, n, packet) != HeaderResult.Ok) { Malformed++; continue; }
                // What the stack drops is no knock: a segment whose checksum fails never reached it.
                if (_tap.ChecksumsComplete && TransportChecksum.Check(_capture, 0, n) == TransportChecksum.Invalid) { BadChecksum++; continue; }
                if (packet.Protocol == Protocols.Tcp)
                {
                    if ((packet.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst | TcpFlags.Fin)) != TcpFlags.Syn) continue;
                }
                else if (packet.Protocol != Protocols.Udp) continue;
                if (packet.IsFragment && packet.FragmentOffset != 0) continue;   // judged with its first fragment
                return true;
            }
            return false;
        }

        /// <summary>The capture <see cref="Next"/> read last (its UDP payload is an SPA datagram's).</summary>
        public byte[] Capture { get { return _capture; } }

        /// <summary>Where the last packet's UDP payload lies in <see cref="Capture"/>: IPv4 only (fwknop's access
        /// requests are), whole (a payload cut by the capture's size is not one). False otherwise.</summary>
        public bool UdpPayload(out int offset, out int length)
        {
            offset = 0;
            length = 0;
            if (_captured < Ipv4Field.MinHeader || (_capture[Ipv4Field.VersionAndLength] >> 4) != 4 || _capture[Ipv4Field.Protocol] != Protocols.Udp) return false;
            int header = (_capture[Ipv4Field.VersionAndLength] & 0x0F) * 4;
            if (header < Ipv4Field.MinHeader || header + UdpField.Header > _captured) return false;
            int udpLength = (_capture[header + UdpField.Length] << 8) | _capture[header + UdpField.Length + 1];
            if (udpLength < UdpField.Header || header + udpLength > _captured) return false;
            offset = header + UdpField.Header;
            length = udpLength - UdpField.Header;
            return true;
        }

        /// <summary>Counts an attempt on a guarded port whose packet the tap had not shown: judged at accept.</summary>
        public void Missed(int protocol, Endpoint peer, int port, long now)
        {
            Misses++;
            Verdicts.JudgedAtAccept(protocol, peer, port, now);
        }

        public void Close()
        {
            if (_tap == null) return;
            _tap.Close();
            _tap = null;
        }

        /// <summary>The sight line of <c>status</c>.</summary>
        public void AppendStatus(TextBuffer b)
        {
            b.Append("sight: "); b.Append(Description);
            if (_tap != null)
            {
                b.Append("; packets "); b.AppendInt(Packets); b.Append(", malformed "); b.AppendInt(Malformed);
                b.Append(", bad checksum "); b.AppendInt(BadChecksum);
                b.Append(", lost "); b.AppendInt(Lost); b.Append(", judged at accept "); b.AppendInt(Misses);
            }
            b.Append('\n');
        }

        public void AppendMachineStatus(TextBuffer b)
        {
            b.Append(",\"sight\":\""); b.Append(_tap != null ? "packets" : "listeners");
            b.Append("\",\"tapPackets\":"); b.AppendInt(Packets);
            b.Append(",\"tapMalformed\":"); b.AppendInt(Malformed);
            b.Append(",\"tapLost\":"); b.AppendInt(Lost);
        }
    }
}
