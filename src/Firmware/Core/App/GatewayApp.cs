// The gateway, shared by the device and the emulator: one loop polls every socket (there is no Select
// on the device). With packet sight (GatewayApp.Sight.cs) it judges every inbound SYN and datagram from
// the tap; without, it listens on every port the rules name and judges each TCP connection attempt and
// UDP datagram it receives. It resets what the rules drop and hands what they accept to the network
// console or to a dst-nat forward. Listeners are re-planned when new rules come into force;
// established forwarded connections and console sessions are left alone.
using Gateway.Core.Compiler;
using Gateway.Core.Console;
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Core.App
{
    /// <summary>The gateway's polling loop over the hardware interfaces.</summary>
    public sealed partial class GatewayApp : IGatewayStatus
    {
        /// <summary>The interface name packets arrive on (the rules' <c>in-interface</c>).</summary>
        public const string InterfaceName = "ether1";

        private readonly ActiveRules _rules;
        private readonly INetwork _network;
        private readonly IClock _clock;
        private readonly RuleLogRing _log;
        private readonly int _consolePort;
        private readonly Packet _packet = new Packet();
        private readonly Decision _decision = new Decision();
        private readonly Endpoint _peer = new Endpoint();
        private readonly Endpoint _local = new Endpoint();
        private readonly byte[] _buffer = new byte[Capacity.ProxyBufferBytes];
        private int _plannedGeneration = -1;

        // Listeners, packed in [0, _listenerCount).
        private readonly int[] _listenHandle = new int[Capacity.MaxListeners];
        private readonly int[] _listenProtocol = new int[Capacity.MaxListeners];
        private readonly int[] _listenPort = new int[Capacity.MaxListeners];
        private int _listenerCount;

        /// <param name="consolePort">TCP port of the gateway's own network console.</param>
        /// <param name="tap">Inbound packets (packet sight), or null to see only what the gateway listens on.</param>
        public GatewayApp(ActiveRules rules, INetwork network, IClock clock, RuleLogRing log, int consolePort, IPacketTap? tap)
        {
            _rules = rules;
            _network = network;
            _clock = clock;
            _log = log;
            _sessionCounter = new SessionCounter(this);
            _consolePort = consolePort;
            for (int i = 0; i < Capacity.MaxForwardedConnections; i++) { _tcpClient[i] = Sockets.NoSocket; _tcpUpstream[i] = Sockets.NoSocket; }
            for (int i = 0; i < Capacity.MaxUdpFlows; i++) _udpUpstream[i] = Sockets.NoSocket;
            for (int i = 0; i < Capacity.MaxNetworkConsoles; i++) _consoleHandle[i] = Sockets.NoSocket;
            OpenSight(tap);
        }

        /// <summary>Ports the plan wanted but the network refused (over the board's budget, port in use), or empty.</summary>
        public string PlanProblems { get; private set; } = "";
        public long AttemptsAccepted { get; private set; }
        public long AttemptsDropped { get; private set; }
        /// <summary>Set when a console asked for a reboot.</summary>
        public bool RebootRequested { get; private set; }

        public int ListenerCount { get { return _listenerCount; } }
        /// <summary>True once the listeners follow the rules now in force.</summary>
        public bool IsPlanned { get { return _plannedGeneration == _rules.Generation; } }
        public int ListenerPort(int i) { return _listenPort[i]; }
        /// <summary>The TCP port of the network console.</summary>
        public int ConsolePort { get { return _consolePort; } }
        /// <summary>True when a listener of this protocol is open on this port.</summary>
        public bool IsListeningOn(int protocol, int port) { return IndexOfListener(protocol, port) >= 0; }
        public int ListenerProtocol(int i) { return _listenProtocol[i]; }

        /// <summary>One pass over every socket. Call it in a loop; it does not block.</summary>
        public void Poll()
        {
            long now = _clock.NowMs;
            if (_rules.Generation != _plannedGeneration) Replan();
            if (_tap != null) DrainTap(now);
            for (int i = 0; i < _listenerCount; i++)
            {
                if (_listenProtocol[i] == Protocols.Tcp) AcceptAll(i, now);
                else ReceiveDatagrams(i, now);
            }
            ReviewSessions(now);
            PumpTcp(now);
            PumpUdp(now);
            PumpConsoles(now);
        }

        // Opens what the rules need and closes what they no longer name.
        private void Replan()
        {
            _plannedGeneration = _rules.Generation;
            _sightVerdicts.Clear();
            ListenPlan plan = ListenPlan.Of(_rules.RuleSet, _consolePort, _tap != null);
            for (int i = _listenerCount - 1; i >= 0; i--)
            {
                if (Contains(plan, _listenProtocol[i], _listenPort[i])) continue;
                _network.Close(_listenHandle[i]);
                _listenerCount--;
                _listenHandle[i] = _listenHandle[_listenerCount];
                _listenProtocol[i] = _listenProtocol[_listenerCount];
                _listenPort[i] = _listenPort[_listenerCount];
            }
            TextBuffer problems = new TextBuffer();
            for (int p = 0; p < plan.Count; p++)
            {
                int protocol = plan.ProtocolAt(p), port = plan.PortAt(p);
                if (IndexOfListener(protocol, port) >= 0) continue;
                int handle = _listenerCount == Capacity.MaxListeners ? Sockets.NoSocket
                    : protocol == Protocols.Tcp ? _network.ListenTcp(port) : _network.BindUdp(port);
                if (handle == Sockets.NoSocket)
                {
                    if (problems.Length > 0) problems.Append(", ");
                    problems.Append(Protocols.NameOf(protocol) ?? "?");
                    problems.Append('/');
                    problems.AppendInt(port);
                    continue;
                }
                _listenHandle[_listenerCount] = handle;
                _listenProtocol[_listenerCount] = protocol;
                _listenPort[_listenerCount] = port;
                _listenerCount++;
            }
            PlanProblems = problems.Length == 0 ? "" : "cannot listen on " + problems.ToString();
            if (plan.IsOverflowed)
                PlanProblems = (PlanProblems.Length > 0 ? PlanProblems + "; " : "") + "the rules name more than " + DecimalText.ToText(ListenPlan.MaxPorts) + " ports; only the first are listened on";
        }

        private static bool Contains(ListenPlan plan, int protocol, int port)
        {
            for (int i = 0; i < plan.Count; i++) if (plan.ProtocolAt(i) == protocol && plan.PortAt(i) == port) return true;
            return false;
        }

        private int IndexOfListener(int protocol, int port)
        {
            for (int i = 0; i < _listenerCount; i++) if (_listenProtocol[i] == protocol && _listenPort[i] == port) return i;
            return -1;
        }

        private void AcceptAll(int listener, long now)
        {
            while (_network.IsReadable(_listenHandle[listener]))
            {
                int connection = _network.Accept(_listenHandle[listener], _peer, _local);
                if (connection == Sockets.NoSocket) return;
                int port = _listenPort[listener];
                Forward? forward = FindForward(Protocols.Tcp, port, _peer.Family);
                Verdict verdict = SeenVerdict(Protocols.Tcp, port, now);
                if (verdict == NotSeen) verdict = Decide(Protocols.Tcp, TcpFlags.Syn, forward, port, 60, now);
                if (verdict != Verdict.Accept)
                {
                    _network.Reset(connection);
                    continue;
                }
                if (forward != null) StartTcpForward(connection, forward, now);
                else if (port == _consolePort) StartNetworkConsole(connection, now);
                else _network.Close(connection);   // accepted, but nothing serves this port (a knock port)
            }
        }

        private void ReceiveDatagrams(int listener, long now)
        {
            while (_network.IsReadable(_listenHandle[listener]))
            {
                int n = _network.ReceiveFrom(_listenHandle[listener], _buffer, 0, _buffer.Length, _peer);
                if (n < 0) return;
                int port = _listenPort[listener];
                Forward? forward = FindForward(Protocols.Udp, port, _peer.Family);
                Verdict verdict = SeenVerdict(Protocols.Udp, port, now);
                if (verdict == NotSeen) verdict = Decide(Protocols.Udp, 0, forward, port, n + 28, now);
                if (verdict != Verdict.Accept) continue;
                if (forward != null) ForwardDatagram(_listenHandle[listener], forward, n, now);
            }
        }

        // The packet as RouterOS's filter would see it: forwards after dst-nat in the forward chain,
        // everything else in input to the gateway's own address.
        private Verdict Decide(int protocol, byte flags, Forward? forward, int port, int length, long now)
        {
            _packet.Family = _peer.Family;
            _packet.Protocol = protocol;
            for (int w = 0; w < 4; w++) _packet.Src[w] = _peer.Address[w];
            _packet.SrcPort = _peer.Port;
            if (forward != null)
            {
                for (int w = 0; w < 4; w++) _packet.Dst[w] = forward.ToAddress!.Low[w];
                _packet.DstPort = forward.ToPort > 0 ? forward.ToPort : port;
                _packet.Chain = EntryChain.Forward;
            }
            else
            {
                for (int w = 0; w < 4; w++) _packet.Dst[w] = _local.Address[w];
                _packet.DstPort = port;
                _packet.Chain = EntryChain.Input;
            }
            _packet.TcpFlags = flags;
            _packet.Length = length;
            _packet.ClearUnseenHeaders();
            return Evaluate(forward != null || (protocol == Protocols.Tcp && port == _consolePort), now);
        }

        // Evaluates _packet as it arrives from outside: a new connection on the gateway's one interface. A
        // connection to a guarded service (the console, a forward) that no rule accepts is dropped.
        private Verdict Evaluate(bool toService, long now)
        {
            FilterEngine engine = _rules.Engine!;
            _packet.ToService = toService;
            _packet.ConnectionState = ConnectionStates.New;
            _packet.InInterface = _rules.InterfaceId;
            // A forward is dst-nat and leaves by the same one port; what the gateway receives leaves by none.
            bool forwarded = _packet.Chain == EntryChain.Forward;
            _packet.OutInterface = forwarded ? _packet.InInterface : Packet.Absent;
            _packet.NatState = forwarded ? NatStates.Dstnat : (byte)0;
            engine.Connections = _sessionCounter;
            Verdict verdict = engine.Evaluate(_packet, now, _decision);
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
    }
}
