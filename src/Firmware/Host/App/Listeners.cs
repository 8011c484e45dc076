// The gateway's listening sockets, following the listen plan of the rules in force: opens what a new plan
// names, closes what it no longer names, keeps the rest (their queued connections survive a rule change).
// Packed in [0, Count); the board's budget (Capacity.MaxListeners, and what the network refuses) is said.
using Gateway.Core;
using Gateway.Core.Compiler;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Host.App
{
    /// <summary>Listening TCP sockets and bound UDP sockets, by protocol and port.</summary>
    public sealed class Listeners
    {
        private readonly INetwork _network;
        private readonly int[] _handle = new int[Capacity.MaxListeners];
        private readonly int[] _protocol = new int[Capacity.MaxListeners];
        private readonly int[] _port = new int[Capacity.MaxListeners];
        private int _count;

        public Listeners(INetwork network) { _network = network; }

        /// <summary>Ports the plan wanted but the network refused (over the board's budget, port in use), or empty.</summary>
        public string Problems { get; private set; } = "";

        public int Count { get { return _count; } }
        public int HandleAt(int i) { return _handle[i]; }
        public int ProtocolAt(int i) { return _protocol[i]; }
        public int PortAt(int i) { return _port[i]; }

        /// <summary>The listener of this protocol and port, or -1.</summary>
        public int IndexOf(int protocol, int port)
        {
            for (int i = 0; i < _count; i++) if (_protocol[i] == protocol && _port[i] == port) return i;
            return -1;
        }

        /// <summary>Opens what <paramref name="plan"/> names and closes what it does not.</summary>
        public void Follow(ListenPlan plan)
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                if (Contains(plan, _protocol[i], _port[i])) continue;
                _network.Close(_handle[i]);
                _count--;
                _handle[i] = _handle[_count];
                _protocol[i] = _protocol[_count];
                _port[i] = _port[_count];
            }
            TextBuffer problems = new TextBuffer();
            for (int p = 0; p < plan.Count; p++)
            {
                int protocol = plan.ProtocolAt(p), port = plan.PortAt(p);
                if (IndexOf(protocol, port) >= 0) continue;
                int handle = _count == Capacity.MaxListeners ? Sockets.NoSocket
                    : protocol == Protocols.Tcp ? _network.ListenTcp(port) : _network.BindUdp(port);
                if (handle == Sockets.NoSocket)
                {
                    if (problems.Length > 0) problems.Append(", ");
                    problems.Append(Protocols.NameOf(protocol) ?? "?");
                    problems.Append('/');
                    problems.AppendInt(port);
                    continue;
                }
                _handle[_count] = handle;
                _protocol[_count] = protocol;
                _port[_count] = port;
                _count++;
            }
            Problems = problems.Length == 0 ? "" : "cannot listen on " + problems.ToString();
            if (plan.IsOverflowed)
                Problems = (Problems.Length > 0 ? Problems + "; " : "") + "the rules name more than " + DecimalText.ToText(ListenPlan.MaxPorts) + " ports; only the first are listened on";
        }

        public void CloseAll()
        {
            for (int i = 0; i < _count; i++) _network.Close(_handle[i]);
            _count = 0;
        }

        private static bool Contains(ListenPlan plan, int protocol, int port)
        {
            for (int i = 0; i < plan.Count; i++) if (plan.ProtocolAt(i) == protocol && plan.PortAt(i) == port) return true;
            return false;
        }
    }
}
