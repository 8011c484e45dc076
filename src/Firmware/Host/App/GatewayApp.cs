// The gateway's loop, shared by the board and the emulator: one pass polls every component in a fixed order
// (there is no Select on the device) and nothing a peer does can block it. Packet sight judges every inbound
// SYN and datagram from the tap; without it the gateway judges what its listeners accept. What the rules
// drop is reset; what they accept goes to the network console or a dst-nat forward. The components own
// their sockets and arrays: Listeners (the listen plan), PacketSight (tap and kept verdicts), ForwardProxy,
// NetworkConsoles, SessionReview. Listeners follow new rules on the next pass; open sessions are judged again.
using Gateway.Core;
using Gateway.Core.Compiler;
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Text;
using Gateway.Host.Console;
using Gateway.Host.Logging;
using Gateway.Host.Running;

namespace Gateway.Host.App
{
    /// <summary>The gateway's polling loop over the hardware interfaces.</summary>
    public sealed class GatewayApp : IGatewayStatus
    {
        private readonly ActiveRules _rules;
        private readonly INetwork _network;
        private readonly IClock _clock;
        private readonly Packet _packet = new Packet();
        private readonly Decision _decision = new Decision();
        private readonly Endpoint _peer = new Endpoint();
        private readonly Endpoint _local = new Endpoint();
        private readonly byte[] _buffer = new byte[Capacity.ProxyBufferBytes];   // one read at a time, for every component
        private int _plannedGeneration = -1;

        /// <param name="consolePort">TCP port of the gateway's own network console.</param>
        /// <param name="tap">Inbound packets (packet sight), or null to see only what the gateway listens on.</param>
        public GatewayApp(ActiveRules rules, INetwork network, IClock clock, RuleLogRing log, int consolePort, IPacketTap? tap)
        {
            _rules = rules;
            _network = network;
            _clock = clock;
            Listeners = new Listeners(network);
            PacketSight = new PacketSight(tap);
            Forwards = new ForwardProxy(network, _buffer);
            Consoles = new NetworkConsoles(rules, log, network, clock, consolePort, _buffer);
            Consoles.Gateway = this;
            Review = new SessionReview(rules, Consoles, Forwards);
        }

        public Listeners Listeners { get; }
        public PacketSight PacketSight { get; }
        public ForwardProxy Forwards { get; }
        public NetworkConsoles Consoles { get; }
        public SessionReview Review { get; }
        /// <summary>What the gateway reports besides rule logs (grants here, logins in the consoles).</summary>
        public GatewayEvents? Events { get; set; }
        /// <summary>SPA doors: datagrams the filter accepts on a door's port go there.</summary>
        public Gateway.Host.Spa.SpaDoorway? Spa { get; set; }
        /// <summary>Sends the logs the logging rules route to syslog servers, once per pass.</summary>
        public SyslogSender? Syslog { get; set; }

        public long AttemptsAccepted { get; private set; }
        public long AttemptsDropped { get; private set; }
        /// <summary>Set when a console asked for a reboot.</summary>
        public bool RebootRequested { get { return Consoles.RebootRequested; } }
        /// <summary>True once the listeners follow the rules now in force.</summary>
        public bool IsPlanned { get { return _plannedGeneration == _rules.Generation; } }

        /// <summary>One pass over every socket. Call it in a loop; it does not block. True when the pass had work:
        /// it judged a connection or datagram, took a packet from the tap, or the proxy forwarded data (the board's
        /// loop goes on while passes find work, and rests after QuietMs without any or MaxBusyMs without a rest: LoopPacer).</summary>
        public bool Poll()
        {
            long before = Work;
            long now = _clock.NowMs;
            if (_rules.Generation != _plannedGeneration)
            {
                // Opens what the rules need and closes what they no longer name.
                _plannedGeneration = _rules.Generation;
                if (Events != null) Events.RulesInForce(_rules.TableId, _rules.IsDefault ? "built-in default" : _rules.SourceFile, now);
                PacketSight.Verdicts.Clear();
                Listeners.Follow(ListenPlan.Of(_rules.RuleSet, Consoles.Port, PacketSight.SeesPackets));
            }
            DrainTap(now);
            for (int i = 0; i < Listeners.Count; i++)
            {
                if (Listeners.ProtocolAt(i) == Protocols.Tcp) AcceptAll(i, now);
                else ReceiveDatagrams(i, now);
            }
            Review.Review(now);
            Forwards.PumpTcp(now);
            Forwards.PumpUdp(now);
            Consoles.Pump(now);
            if (Syslog != null) Syslog.Pump(now);
            return Work != before;
        }

        // What passes have done so far, in counts that only grow: attempts judged, packets the tap gave, proxy reads.
        private long Work { get { return AttemptsAccepted + AttemptsDropped + PacketSight.Packets + Forwards.Receipts; } }

        private void AcceptAll(int listener, long now)
        {
            int handle = Listeners.HandleAt(listener), port = Listeners.PortAt(listener);
            while (_network.IsReadable(handle))
            {
                int connection = _network.Accept(handle, _peer, _local);
                if (connection == Sockets.NoSocket) return;
                Forward? forward = FindForward(Protocols.Tcp, port, _peer.Family);
                Verdict verdict;
                if (!SeenVerdict(Protocols.Tcp, port, now, out verdict)) verdict = Decide(Protocols.Tcp, TcpFlags.Syn, forward, port, ConnectionPacket.SynLength, now);
                if (verdict != Verdict.Accept)
                {
                    _network.Reset(connection);
                    continue;
                }
                bool served = forward != null || port == Consoles.Port;
                if (served && Events != null) Events.Grant(_peer, forward != null ? "forward" : "console", now);
                if (forward != null) Forwards.StartTcp(connection, _peer, forward, now);
                else if (served) Consoles.Start(connection, _peer, _local, now);
                else _network.Close(connection);   // accepted, but nothing serves this port (a knock port)
            }
        }

        private void ReceiveDatagrams(int listener, long now)
        {
            int handle = Listeners.HandleAt(listener), port = Listeners.PortAt(listener);
            while (_network.IsReadable(handle))
            {
                int n = _network.ReceiveFrom(handle, _buffer, 0, _buffer.Length, _peer);
                if (n < 0) return;
                Forward? forward = FindForward(Protocols.Udp, port, _peer.Family);
                Verdict verdict;
                if (!SeenVerdict(Protocols.Udp, port, now, out verdict)) verdict = Decide(Protocols.Udp, 0, forward, port, n + ConnectionPacket.UdpHeadersLength, now);
                if (verdict != Verdict.Accept) continue;
                if (forward != null) Forwards.ForwardDatagram(handle, _peer, forward, _buffer, n, now);
                else if (Spa != null && Spa.IsDoorPort(port)) Spa.Offer(_buffer, 0, n, _peer.Family, _peer.Address, port, now);
            }
        }

        // Judges what the tap holds, oldest first, a bounded number per drain. A new connection or a datagram
        // is judged; a datagram from a LAN host answers a forward flow and is the proxy's.
        private void DrainTap(long now)
        {
            PacketSight.BeginDrain();
            while (PacketSight.Next(_packet))
            {
                int protocol = _packet.Protocol, port = _packet.DstPort;
                if (protocol == Protocols.Udp && Forwards.IsReplyOfFlow(_packet.Family, _packet.Src, _packet.SrcPort)) continue;
                Forward? forward = FindForward(protocol, port, _packet.Family);
                bool guarded = forward != null || (protocol == Protocols.Tcp && port == Consoles.Port);
                if (guarded && PacketSight.Verdicts.TakeJudgedAtAccept(_packet, port)) continue;   // its connection was judged already
                if (forward != null)
                {
                    for (int w = 0; w < 4; w++) _packet.Dst[w] = forward.ToAddress!.Low[w];
                    _packet.DstPort = forward.TargetPort;
                    _packet.Chain = EntryChain.Forward;
                }
                else _packet.Chain = EntryChain.Input;
                Verdict verdict = Evaluate(guarded, now);
                if (guarded) PacketSight.Verdicts.Remember(_packet, port, verdict, now);
                else if (protocol == Protocols.Udp && verdict == Verdict.Accept && Spa != null && Spa.IsDoorPort(port))
                {
                    if (PacketSight.UdpPayload(out int offset, out int length)) Spa.Offer(PacketSight.Capture, offset, length, _packet.Family, _packet.Src, port, now);
                    else Spa.Offer(PacketSight.Capture, 0, 0, _packet.Family, _packet.Src, port, now);   // counted as not fwknop's shape
                }
            }
        }

        // The verdict a connection's first packet got; false when no packet gave one (listener mode, or the tap
        // lost it): the attempt is then judged at accept.
        private bool SeenVerdict(int protocol, int port, long now, out Verdict verdict)
        {
            verdict = Verdict.Drop;
            if (!PacketSight.SeesPackets) return false;
            if (PacketSight.Verdicts.Take(protocol, _peer, port, now, out verdict)) return true;
            DrainTap(now);   // the packet may have come in since this pass drained the tap
            if (PacketSight.Verdicts.Take(protocol, _peer, port, now, out verdict)) return true;
            verdict = Verdict.Drop;
            PacketSight.Missed(protocol, _peer, port, now);
            return false;
        }

        // The attempt as RouterOS's filter would see it: forwards after dst-nat in the forward chain,
        // everything else in input to the gateway's own address.
        private Verdict Decide(int protocol, byte flags, Forward? forward, int port, int length, long now)
        {
            if (forward != null)
                ConnectionPacket.Fill(_packet, _peer, forward.ToAddress!.Low, forward.TargetPort, EntryChain.Forward, protocol, flags, length, _rules.InterfaceId);
            else
                ConnectionPacket.Fill(_packet, _peer, _local.Address, port, EntryChain.Input, protocol, flags, length, _rules.InterfaceId);
            return Evaluate(forward != null || (protocol == Protocols.Tcp && port == Consoles.Port), now);
        }

        // Evaluates _packet as it arrives from outside: a new connection on the gateway's one interface. A
        // connection to a guarded service (the console, a forward) that no rule accepts is dropped.
        private Verdict Evaluate(bool toService, long now)
        {
            FilterEngine engine = _rules.Engine!;
            _packet.ToService = toService;
            _packet.ConnectionState = ConnectionStates.New;
            ConnectionPacket.Arrive(_packet, _rules.InterfaceId);
            Verdict verdict = engine.Evaluate(_packet, now, _decision, Review, false);
            if (verdict == Verdict.Accept) AttemptsAccepted++;
            else AttemptsDropped++;
            return verdict;
        }

        private Forward? FindForward(int protocol, int port, Family family)
        {
            Forward[] forwards = _rules.Engine!.Table.Forwards;
            for (int i = 0; i < forwards.Length; i++)
            {
                Forward f = forwards[i];
                if (f.Protocol == protocol && f.DstPort == port && f.ToAddress != null && f.ToAddress.Family == family) return f;
            }
            return null;
        }

        /// <summary>Closes every connection and the tap (before a reboot or when the emulator stops).</summary>
        public void Shutdown()
        {
            Consoles.CloseAll();
            Forwards.CloseAll();
            if (Syslog != null) Syslog.Close();
            Listeners.CloseAll();
            _plannedGeneration = -1;
            PacketSight.Close();
        }

        /// <summary>The loop's lines of <c>status</c>: sight, attempts, the network console.</summary>
        public void AppendStatus(TextBuffer b)
        {
            PacketSight.AppendStatus(b);
            b.Append("attempts: accepted "); b.AppendInt(AttemptsAccepted); b.Append(", dropped "); b.AppendInt(AttemptsDropped); b.Append('\n');
            Consoles.AppendStatus(b);
            if (Spa != null) Spa.AppendStatus(b);
            if (Syslog != null) Syslog.AppendStatus(b);
        }

        public void AppendMachineStatus(TextBuffer b)
        {
            PacketSight.AppendMachineStatus(b);
            b.Append(",\"consolePort\":"); b.AppendInt(Consoles.Port);
        }
    }
}
