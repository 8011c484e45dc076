// What one decision costs the interpreter, by kind of packet (issue 28): the table engine on the seed recipe
// (and on 256 rules) against the check a nanoFramework user would write by hand for the same recipe (two
// Hashtables keyed by source, expiry in milliseconds, no bounds). The packets of a kind are prepared in arrays
// before the regions; each region prints "COST begin NAME n=N" and "COST end NAME", and nanoCLR built with
// il-count.patch puts its count of executed IL instructions before each line. CostTests subtracts the same
// region run with no decisions and the harness's loop (a call that decides nothing), so what is left is the
// decision itself: for the table engine, filling the Packet as the gateway loop does and evaluating it.
using System.Collections;
using Gateway.Core.Compiler;
using Gateway.Core.Defaults;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Tables;
using Gateway.Host.RouterOs;

namespace Gateway.Bench
{
    public static class CostLoop
    {
        /// <summary>Sources of the traffic, and of the grants: 1,000 as gateway bench's workload; the list-size
        /// runs set it (each source leaves two list entries, its first step and its grant).</summary>
        public static int Sources = 1000;
        public const long Now = 1000000;
        private const uint Gateway = 0xC0000201;              // 192.0.2.1
        private static readonly int[] s_scanPorts = { 22, 80, 443, 3389, 8080, 23, 21, 25, 3306, 5432, 41234, 51000, 1723, 9100, 27017, 6379 };

        /// <summary>Filler kinds, as gateway bench's rule-count runs: rules for other destination ports (the index
        /// skips them), for other sources (the source gate skips them), for source ports (nothing indexes them);
        /// Mixed takes the three in turn.</summary>
        public const int Mixed = -1, OtherPort = 0, OtherSource = 1, SourcePort = 2;

        /// <summary>The engine on the built-in seed rules, or with 252 mixed filler rules in front (256 in all).</summary>
        public static FilterEngine Engine(bool filler) { return Engine(filler ? 252 : 0, Mixed, 4096); }

        /// <summary>The engine on <paramref name="fillers"/> rules of one kind in front of the seed rules, with
        /// room for <paramref name="entries"/> IPv4 list entries.</summary>
        public static FilterEngine Engine(int fillers, int kind, int entries)
        {
            string text = DefaultRules.Text;
            if (fillers > 0)
            {
                string rules = "/ip firewall filter\n";
                for (int i = 0; i < fillers; i++)
                {
                    int k = kind == Mixed ? i % 3 : kind;
                    rules += k == OtherPort ? "add chain=input protocol=tcp dst-port=" + (20000 + i) + " action=accept\n"
                        : k == OtherSource ? "add chain=input src-address=198.51." + (100 + i / 250) + "." + (i % 250 + 1) + " action=accept\n"
                        : "add chain=input protocol=tcp src-port=" + (1000 + i) + " action=accept\n";
                }
                text = rules + text;
            }
            RuleSet set = new RuleSet();
            RouterOsError? error = new RouterOsImporter(set).Import(text);
            if (error != null) throw new System.Exception("rules: " + error.ToString());
            // Room for 256 rules, as gateway bench gives its scaling runs, and the largest board's 4,096 list
            // entries: the bench's sources fit, so the table decides what the unbounded Hashtables do.
            TableLimits limits = new TableLimits();
            limits.Ipv4ListEntries = entries;
            limits.MaxRules = 512;
            limits.MaxPortRanges = 1024;
            limits.MaxAddressMatchers = 512;
            Table table;
            TableLoader.Compile(set, limits, 0, out table);
            if (table == null) throw new System.Exception("the " + set.Ipv4.RuleCount + " rules did not compile within the limits");
            return new FilterEngine(table);
        }

        public static uint Source(int i) { return 0x0A010000u + (uint)(i % Sources) + 1; }   // 10.1.0.1 ...

        // The seed recipe's knock (9000 then 6000) from every source, so that "granted" finds them in secure.
        public static void Grant(FilterEngine engine)
        {
            Packet p = new Packet();
            Decision d = new Decision();
            for (int i = 0; i < Sources; i++)
            {
                Decide(engine, p, d, Source(i), 9000, Now - 2000);
                Decide(engine, p, d, Source(i), 6000, Now - 1000);
            }
        }

        public static Verdict Decide(FilterEngine engine, Packet p, Decision d, uint src, int port, long now)
        {
            p.SetIpv4(src, Gateway);
            p.Protocol = Protocols.Tcp;
            p.SrcPort = 40000;
            p.DstPort = port;
            p.TcpFlags = TcpFlags.Syn;
            p.Chain = EntryChain.Input;
            p.Length = 60;
            return engine.Evaluate(p, now, d, null, false);
        }

        /// <summary>The kind of packet <paramref name="i"/> of the mix: the four kinds in turn.</summary>
        public static string MixKind(int i) { return i % 4 == 0 ? "scan" : i % 4 == 1 ? "knock" : i % 4 == 2 ? "granted" : "other"; }

        /// <summary>The destination port of packet <paramref name="i"/> of a kind: scan, knock, granted, other,
        /// or mix (the four in turn).</summary>
        public static int PortOf(string kind, int i)
        {
            if (kind == "mix") return PortOf(MixKind(i), i / 4);
            if (kind == "scan") return s_scanPorts[i % s_scanPorts.Length];
            if (kind == "knock") return 9000;
            if (kind == "granted") return 22;
            return 6000;   // other: the second step without the first
        }

        /// <summary>The source of packet <paramref name="i"/>: the knocked sources (granted), or a range of each
        /// kind's own (10.2 knocks, 10.3 scans, 10.4 sends the second step only), so kinds do not feed each other.</summary>
        public static uint SourceOf(string kind, int i)
        {
            if (kind == "mix") return SourceOf(MixKind(i), i / 4);
            if (kind == "granted") return Source(i);
            uint network = kind == "knock" ? 0x0A020000u : kind == "scan" ? 0x0A030000u : 0x0A040000u;
            return network + (uint)(i % Sources) + 1;
        }

        // The packets of the kind being measured (Prepare), read by every engine's loop alike.
        public static uint[] Src = new uint[0];
        public static int[] Port = new int[0];

        public static void Prepare(string kind, int n)
        {
            Src = new uint[n];
            Port = new int[n];
            for (int i = 0; i < n; i++) { Src[i] = SourceOf(kind, i); Port[i] = PortOf(kind, i); }
        }

        public static int Run(FilterEngine engine, int n)
        {
            Packet p = new Packet();
            Decision d = new Decision();
            uint[] src = Src;
            int[] port = Port;
            int accepted = 0;
            for (int i = 0; i < n; i++) if (Decide(engine, p, d, src[i], port[i], Now) == Verdict.Accept) accepted++;
            return accepted;
        }

        /// <summary>The loop every engine's region runs, with a call that decides nothing: subtracted from each.</summary>
        public static int Harness(int n)
        {
            uint[] src = Src;
            int[] port = Port;
            int accepted = 0;
            for (int i = 0; i < n; i++) if (Nothing(src[i], port[i], Now)) accepted++;
            return accepted;
        }

        private static bool Nothing(uint source, int port, long nowMs) { return false; }
    }

    /// <summary>The seed recipe as a nanoFramework user writes it by hand: a source that sends to 9000 may
    /// send to 6000 within a minute, and is then let in for a minute (anything it sends, as the seed's
    /// accept rule does, the 6000 packet included).</summary>
    public sealed class HandWrittenCheck
    {
        private readonly Hashtable _firstStep = new Hashtable();
        private readonly Hashtable _granted = new Hashtable();

        public bool Allow(uint source, int port, long nowMs)
        {
            if (port == 9000) _firstStep[source] = nowMs + 60000;
            else if (port == 6000)
            {
                object until = _firstStep[source];
                if (until != null && (long)until > nowMs) _granted[source] = nowMs + 60000;
            }
            object grant = _granted[source];
            return grant != null && (long)grant > nowMs;
        }

        public void Grant()
        {
            for (int i = 0; i < CostLoop.Sources; i++)
            {
                Allow(CostLoop.Source(i), 9000, CostLoop.Now - 2000);
                Allow(CostLoop.Source(i), 6000, CostLoop.Now - 1000);
            }
        }

        public int Run(int n)
        {
            uint[] src = CostLoop.Src;
            int[] port = CostLoop.Port;
            int accepted = 0;
            for (int i = 0; i < n; i++) if (Allow(src[i], port[i], CostLoop.Now)) accepted++;
            return accepted;
        }
    }
}
