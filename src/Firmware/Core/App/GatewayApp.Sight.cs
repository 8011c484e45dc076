// Packet sight: with a tap, the gateway judges every inbound TCP SYN and UDP datagram when it arrives,
// in arrival order, whether or not anything listens on its port. Knock ports then get no listener (the
// stack answers them as closed, like every other unused port) and address-list adds, counters and logs
// happen on the packet. Guarded services (the console, dst-nat forwards) still listen: the verdict their
// SYN got waits in SightVerdicts for the accept. Without a tap (or when it cannot open) the gateway
// judges what its listeners accept, as before, and says why.
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Headers;
using Gateway.Core.Text;

namespace Gateway.Core.App
{
    public sealed partial class GatewayApp
    {
        // A verdict that no packet gave: the attempt is judged when it is accepted.
        private const Verdict NotSeen = (Verdict)255;

        private IPacketTap? _tap;
        private readonly SightVerdicts _sightVerdicts = new SightVerdicts();
        private readonly byte[] _capture = new byte[Capacity.TapCaptureBytes];

        /// <summary>"packets (raw)" when the gateway sees every inbound packet; "listeners (...)" with the reason otherwise.</summary>
        public string Sight { get; private set; } = "listeners (no packet tap)";
        /// <summary>True when the gateway sees packets, not only the connections its listeners accept.</summary>
        public bool SeesPackets { get { return _tap != null; } }
        /// <summary>Packets taken from the tap.</summary>
        public long TapPackets { get; private set; }
        /// <summary>Packets from the tap whose headers could not be read (counted, dropped, never judged).</summary>
        public long TapMalformed { get; private set; }
        /// <summary>TCP/UDP packets from the tap whose checksum fails (the stack drops them; never judged).</summary>
        public long TapBadChecksum { get; private set; }
        /// <summary>Connections and datagrams on a guarded port whose packet the tap did not show in time
        /// (lost in its queue): judged when accepted instead.</summary>
        public long TapMisses { get; private set; }
        /// <summary>Loop passes that took everything the tap held: once this count moves, every packet that had
        /// arrived before that pass began has been judged.</summary>
        public long TapEmptied { get; private set; }
        /// <summary>Packets the tap lost (its queue was full).</summary>
        public long TapLost { get { return _tap == null ? 0 : _tap.Lost; } }

        private void OpenSight(IPacketTap? tap)
        {
            if (tap == null) return;
            string reason = tap.Open();
            if (reason.Length > 0)
            {
                Sight = "listeners (" + reason + ")";
                return;
            }
            _tap = tap;
            Sight = "packets (raw)";
        }

        private void CloseSight()
        {
            if (_tap == null) return;
            _tap.Close();
            _tap = null;
        }

        // Judges what the tap holds, oldest first, a bounded number per pass.
        private void DrainTap(long now)
        {
            for (int i = 0; i < Capacity.TapPacketsPerPass; i++)
            {
                int n = _tap!.Take(_capture, 0, _capture.Length);
                if (n <= 0)
                {
                    TapEmptied++;
                    return;
                }
                TapPackets++;
                if (HeaderParser.Parse(_capture, 0, n, _packet) != HeaderParser.Ok) { TapMalformed++; continue; }
                // What the stack drops is no knock: a segment whose checksum fails never reached it.
                if (_tap.ChecksumsComplete && TransportChecksum.Check(_capture, 0, n) == TransportChecksum.Invalid) { TapBadChecksum++; continue; }
                JudgePacket(now);
            }
        }

        // A new connection (SYN without ACK) or a datagram is judged; the rest of a connection's packets
        // belong to a connection already judged and are left to the stack and the proxies.
        private void JudgePacket(long now)
        {
            int protocol = _packet.Protocol;
            if (protocol == Protocols.Tcp)
            {
                // A SYN without ACK starts a connection; with RST or FIN as well the stack discards it (Linux's
                // and lwIP's listen and closed-port paths), so it is no knock either.
                if ((_packet.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst | TcpFlags.Fin)) != TcpFlags.Syn) return;
            }
            else if (protocol != Protocols.Udp || IsReplyOfUdpFlow()) return;
            if (_packet.IsFragment && _packet.FragmentOffset != 0) return;   // judged with its first fragment
            int port = _packet.DstPort;
            Forward? forward = FindForward(protocol, port, _packet.Family);
            bool guarded = forward != null || (protocol == Protocols.Tcp && port == _consolePort);
            if (guarded && _sightVerdicts.TakeJudgedAtAccept(_packet, port)) return;   // its connection was judged already
            if (forward != null)
            {
                for (int w = 0; w < 4; w++) _packet.Dst[w] = forward.ToAddress!.Low[w];
                _packet.DstPort = forward.ToPort > 0 ? forward.ToPort : port;
                _packet.Chain = EntryChain.Forward;
            }
            else _packet.Chain = EntryChain.Input;
            Verdict verdict = Evaluate(guarded, now);
            if (guarded) _sightVerdicts.Remember(_packet, port, verdict, now);
        }

        // A datagram from a LAN host to one of the gateway's forward flows answers that flow.
        private bool IsReplyOfUdpFlow()
        {
            for (int i = 0; i < _udpUpstream.Length; i++)
            {
                if (_udpUpstream[i] == Sockets.NoSocket) continue;
                if (_udpTarget[i].Port == _packet.SrcPort && _udpTarget[i].HasAddress(_packet.Family, _packet.Src)) return true;
            }
            return false;
        }

        // The verdict a connection's first packet got, or NotSeen (listener mode, or the tap lost it).
        private Verdict SeenVerdict(int protocol, int port, long now)
        {
            if (_tap == null) return NotSeen;
            int kept = _sightVerdicts.Take(protocol, _peer, port, now);
            if (kept == SightVerdicts.None)
            {
                DrainTap(now);   // the packet may have come in since this pass drained the tap
                kept = _sightVerdicts.Take(protocol, _peer, port, now);
            }
            if (kept != SightVerdicts.None) return (Verdict)kept;
            TapMisses++;
            _sightVerdicts.JudgedAtAccept(protocol, _peer, port, now);
            return NotSeen;
        }

        /// <summary>The sight line of <c>status</c>: how the gateway sees traffic, and the tap's counters.</summary>
        public void AppendStatus(TextBuffer b)
        {
            b.Append("sight: "); b.Append(Sight);
            if (_tap != null)
            {
                b.Append("; packets "); b.AppendInt(TapPackets); b.Append(", malformed "); b.AppendInt(TapMalformed);
                b.Append(", bad checksum "); b.AppendInt(TapBadChecksum);
                b.Append(", lost "); b.AppendInt(TapLost); b.Append(", judged at accept "); b.AppendInt(TapMisses);
            }
            b.Append('\n');
            b.Append("attempts: accepted "); b.AppendInt(AttemptsAccepted); b.Append(", dropped "); b.AppendInt(AttemptsDropped); b.Append('\n');
            b.Append("network console: password "); b.Append(Password != null && Password.IsSet ? "set" : "not set (the network console offers nothing)");
            b.Append("; failed logins "); b.AppendInt(Logins.Failures); b.Append(", refused "); b.AppendInt(Logins.Refused);
            b.Append(" (global budget "); b.AppendInt(Logins.RefusedGlobally); b.Append("), timed out "); b.AppendInt(LoginsTimedOut); b.Append('\n');
        }

        public void AppendMachineStatus(TextBuffer b)
        {
            b.Append(",\"sight\":\""); b.Append(_tap != null ? "packets" : "listeners");
            b.Append("\",\"tapPackets\":"); b.AppendInt(TapPackets);
            b.Append(",\"tapMalformed\":"); b.AppendInt(TapMalformed);
            b.Append(",\"tapLost\":"); b.AppendInt(TapLost);
            b.Append(",\"consolePort\":"); b.AppendInt(_consolePort);
        }
    }
}
