// The ports the gateway must listen on for a RuleSet (DESIGN.md "Where the gateway sees traffic"):
// every dst-nat forward's port and the gateway's own network console, and without packet sight also
// every TCP/UDP port an enabled rule of input or of a custom chain names in dst-port (knock ports).
// Each costs a socket on the board.
using Gateway.Core.Model;

namespace Gateway.Core.Compiler
{
    /// <summary>Distinct (protocol, port) pairs to listen on, in the order the rules name them.</summary>
    public sealed class ListenPlan
    {
        /// <summary>Most ports a plan holds: a port range wider than this cannot be listened on anyway.</summary>
        public const int MaxPorts = 256;

        private readonly int[] _protocol = new int[MaxPorts];
        private readonly int[] _port = new int[MaxPorts];
        private readonly int[] _ruleLine = new int[MaxPorts];
        private readonly int[] _ruleColumn = new int[MaxPorts];

        public int Count { get; private set; }
        /// <summary>True when the rules name more ports than <see cref="MaxPorts"/>.</summary>
        public bool IsOverflowed { get; private set; }

        public int ProtocolAt(int i) { return _protocol[i]; }
        public int PortAt(int i) { return _port[i]; }
        /// <summary>Source line of the rule that first named the port (0 for the console).</summary>
        public int LineAt(int i) { return _ruleLine[i]; }
        public int ColumnAt(int i) { return _ruleColumn[i]; }

        /// <summary>Plans the listeners of a RuleSet plus the console's TCP port (0 for none).</summary>
        public static ListenPlan Of(RuleSet rules, int consolePort)
        {
            return Of(rules, consolePort, false);
        }

        /// <summary>Plans the listeners; with <paramref name="servicesOnly"/> (packet sight: input ports are
        /// judged on their packets) only the console and the dst-nat forwards, which serve connections.</summary>
        public static ListenPlan Of(RuleSet rules, int consolePort, bool servicesOnly)
        {
            ListenPlan plan = new ListenPlan();
            if (consolePort > 0) plan.Add(Protocols.Tcp, consolePort, 0, 0);
            for (int f = 0; f < 2; f++)
            {
                FamilyRules family = rules.Of(f == 0 ? Family.Ipv4 : Family.Ipv6);
                int total = family.RuleCount + family.Raw.RuleCount;
                for (int i = 0; i < total && !servicesOnly; i++)
                {
                    // input and the custom chains it may jump to (knock() puts its steps in one); not forward or
                    // output; raw's prerouting and its custom chains see what comes in too.
                    Rule r = i < family.RuleCount ? family.RuleAt(i) : family.Raw.RuleAt(i - family.RuleCount);
                    if (r.IsDisabled || r.Chain == "forward" || r.Chain == "output" || r.DstPort == null || r.DstPort.IsNegated || r.IsProtocolNegated) continue;
                    if (r.Protocol != Protocols.Tcp && r.Protocol != Protocols.Udp) continue;
                    for (int k = 0; k < r.DstPort.Count; k++)
                        for (int port = r.DstPort.LowAt(k); port <= r.DstPort.HighAt(k) && !plan.IsOverflowed; port++)
                            plan.Add(r.Protocol, port, r.SourceLine, r.SourceColumn);
                }
                // Without packet sight an SPA door's datagrams come from a bound socket (with it, from the tap: the
                // port then answers as closed, as fwknopd's does).
                for (int i = 0; f == 0 && !servicesOnly && i < rules.Spa.Count; i++)
                    if (!rules.Spa.At(i).IsDisabled) plan.Add(Protocols.Udp, rules.Spa.At(i).Port, rules.Spa.At(i).SourceLine, rules.Spa.At(i).SourceColumn);
                for (int i = 0; i < family.ForwardCount; i++)
                {
                    Forward fw = family.ForwardAt(i);
                    if (!fw.IsDisabled) plan.Add(fw.Protocol, fw.DstPort, fw.SourceLine, fw.SourceColumn);
                }
            }
            return plan;
        }

        /// <summary>Listeners of one protocol.</summary>
        public int CountOf(int protocol)
        {
            int n = 0;
            for (int i = 0; i < Count; i++) if (_protocol[i] == protocol) n++;
            return n;
        }

        private void Add(int protocol, int port, int line, int column)
        {
            for (int i = 0; i < Count; i++) if (_protocol[i] == protocol && _port[i] == port) return;
            if (Count == MaxPorts) { IsOverflowed = true; return; }
            _protocol[Count] = protocol;
            _port[Count] = port;
            _ruleLine[Count] = line;
            _ruleColumn[Count] = column;
            Count++;
        }
    }
}
