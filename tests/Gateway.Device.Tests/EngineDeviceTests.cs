// On the nanoCLR: FilterEngine (Core/Engine) decides the seed trace as RouterOS does (the desktop replay
// goldens), a hidden-style trace of jumps, returns, negations, port ranges and address lists, and the
// desktop FilterEngineTests' matcher, counter, log and IPv6 cases.
using System;
using System.Collections;
using Gateway.Core.Compiler;
using Gateway.Core.Defaults;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Packets;
using Gateway.Core.Tables;
using Gateway.Core.Text;
using Gateway.Host.RouterOs;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class EngineDeviceTests
    {
        private static FilterEngine Seed()
        {
            RuleSet rules = new RuleSet();
            Assert.IsNull(new RouterOsImporter(rules).Import(DefaultRules.Text));
            PackageResult r = TableLoader.Compile(rules, Build.Small(), 0, out Table? table);
            Assert.IsTrue(r.IsOk, r.ToString());
            return new FilterEngine(table!);
        }

        [TestMethod]
        public void The_seed_trace_gets_routeros_verdicts()
        {
            FilterEngine engine = Seed();
            Packet p = new Packet();
            Decision d = new Decision();
            for (int i = 0; i < TestVectors.SeedTrace.Length; i++)
            {
                string[] f = TestVectors.SeedTrace[i].Split(' ');
                uint src, dst;
                Assert.IsTrue(IpAddressText.TryParseIpv4(f[1], 0, f[1].Length, out src));
                Assert.IsTrue(IpAddressText.TryParseIpv4(f[3], 0, f[3].Length, out dst));
                p.SetIpv4(src, dst);
                p.Protocol = Protocols.Tcp;
                p.SrcPort = int.Parse(f[2]);
                p.DstPort = int.Parse(f[4]);
                p.TcpFlags = f[5] == "S" ? TcpFlags.Syn : f[5] == "SA" ? (byte)(TcpFlags.Syn | TcpFlags.Ack) : f[5] == "A" ? TcpFlags.Ack : (byte)(TcpFlags.Psh | TcpFlags.Ack);
                p.Chain = f[6] == "output" ? EntryChain.Output : EntryChain.Input;
                p.Length = 60;
                Verdict v = engine.Evaluate(p, long.Parse(f[0]), d);
                Assert.AreEqual(f[7], v == Verdict.Accept ? "accept" : v == Verdict.Drop ? "drop" : "reject", TestVectors.SeedTrace[i]);
                Assert.AreEqual(int.Parse(f[8]), d.RuleIndex, TestVectors.SeedTrace[i]);
            }
        }

        [TestMethod]
        public void A_list_entry_expires_exactly_at_its_timeout()
        {
            FilterEngine engine = Seed();
            Packet p = new Packet();
            Decision d = new Decision();
            p.SetIpv4(0xCB007107, 0xC0000201);
            p.Protocol = Protocols.Tcp;
            p.TcpFlags = TcpFlags.Syn;
            p.DstPort = 9000;
            engine.Evaluate(p, 0, d);
            int list = engine.Table.Ipv4.ListId("port:9000");
            Assert.IsTrue(engine.Table.Ipv4Lists.Contains(list, p.Src, 0, 59999));
            Assert.IsFalse(engine.Table.Ipv4Lists.Contains(list, p.Src, 0, 60000));
        }

        [TestMethod]
        public void The_console_parser_reads_the_seed_article_as_the_seed_package()
        {
            RuleSet rules = new RuleSet();
            Assert.IsNull(new RouterOsImporter(rules).Import(DefaultRules.Text));
            PackageReader reader = new PackageReader(new TableLimits());
            reader.KeepSource = false;
            byte[] seed = Build.GoodPackage("seed.rsc");
            PackageResult r = reader.Read(new ByteArraySource(seed), out RulePackage? package);
            Assert.IsTrue(r.IsOk);
            Assert.AreEqual(package!.TableId, PackageWriter.TableIdOf(rules));
        }

        private const string Me = "192.0.2.1";

        private static FilterEngine With(string[] rules)
        {
            RuleSet set = new RuleSet();
            for (int i = 0; i < rules.Length; i++) Build.Filter(set, rules[i]);
            return Build.Engine(set);
        }

        // A hidden-style rule set: a knock list, a custom chain with a nested jump, returns, negated ports and
        // addresses, a port range, tcp-flags with a negated flag, connection state and a static list.
        private static FilterEngine Hidden()
        {
            RuleSet set = new RuleSet();
            Build.Filter(set, "chain=input connection-state=established,related action=accept");
            Build.Filter(set, "chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=knock address-list-timeout=10s");
            Build.Filter(set, "chain=input protocol=tcp action=jump jump-target=tcp-in");
            Build.Filter(set, "chain=input protocol=udp dst-port=!53,123 action=drop");
            Build.Filter(set, "chain=input src-address=!10.0.0.0/8 action=reject");
            Build.Filter(set, "chain=input action=accept");
            Build.Filter(set, "chain=tcp-in src-address-list=trusted action=accept");
            Build.Filter(set, "chain=tcp-in protocol=tcp dst-port=8000-8099 action=jump jump-target=web");
            Build.Filter(set, "chain=tcp-in protocol=tcp dst-port=22 src-address-list=knock action=accept");
            Build.Filter(set, "chain=tcp-in protocol=tcp dst-port=22 action=drop");
            Build.Filter(set, "chain=tcp-in action=return");
            Build.Filter(set, "chain=web protocol=tcp dst-port=8080 action=return");
            Build.Filter(set, "chain=web protocol=tcp tcp-flags=syn,!ack action=drop");
            Build.Entry(set, "list=trusted address=198.51.100.0/24");
            return Build.Engine(set);
        }

        [TestMethod]
        public void A_hidden_style_trace_follows_jumps_returns_negations_ranges_and_lists()
        {
            FilterEngine engine = Hidden();
            TestPackets p = new TestPackets();
            const string A = "203.0.113.7", T = "198.51.100.5", L = "10.1.2.3";
            byte S = TcpFlags.Syn, K = TcpFlags.Ack;
            // time, source, protocol, destination port, flags, established, expected
            string[] trace =
            {
                "0 A tcp 22 S - drop tcp-in:3",            // no knock yet
                "100 A tcp 9000 S - reject input:4",       // listed in knock; tcp-in returns; not from 10/8
                "200 A tcp 22 S - accept tcp-in:2",        // knocked
                "300 T tcp 22 S - accept tcp-in:0",        // static trusted prefix
                "400 A tcp 8080 S - reject input:4",       // web returns, tcp-in returns
                "500 A tcp 8081 S - drop web:1",           // syn,!ack in the nested chain
                "600 A tcp 8081 A - reject input:4",       // falls off web, back through tcp-in
                "700 L tcp 8081 SA - accept input:5",      // !ack fails; 10/8 is not !10/8
                "800 A udp 53 - - reject input:4",         // in !53,123's list: not dropped
                "900 A udp 5353 - - drop input:3",
                "1000 L udp 123 - - accept input:5",
                "1100 A tcp 22 A est accept input:0",
                "10099 A tcp 22 S - accept tcp-in:2",      // knock lasts 10 s from 100
                "10100 A tcp 22 S - drop tcp-in:3",        // ...and not a millisecond more
                "10200 A tcp 9000 S - reject input:4",
                "20199 A tcp 22 S - accept tcp-in:2",
                "20200 A tcp 22 S - drop tcp-in:3",
            };
            for (int i = 0; i < trace.Length; i++)
            {
                string[] f = trace[i].Split(' ');
                string src = f[1] == "A" ? A : f[1] == "T" ? T : L;
                byte flags = f[4] == "S" ? S : f[4] == "A" ? K : f[4] == "SA" ? (byte)(S | K) : (byte)0;
                if (f[2] == "tcp") p.Tcp(src, 40000, Me, int.Parse(f[3]), flags);
                else p.Udp(src, 40000, Me, int.Parse(f[3]));
                if (f[5] == "est") p.Packet.ConnectionState = ConnectionStates.Established;
                Assert.AreEqual(f[6] + " " + f[7], p.Run(engine, long.Parse(f[0])), trace[i]);
            }
            FilterTable t = engine.Table.Ipv4;
            int tcpIn = t.ChainIndex("tcp-in"), web = t.ChainIndex("web");
            Assert.AreEqual(2L, t.PacketsOf(0, 1), "both 9000 knocks counted");
            Assert.AreEqual(1L, t.PacketsOf(web, 0), "web returned the 8080 packet");
            Assert.AreEqual(1L, t.PacketsOf(web, 1), "web dropped the 8081 syn");
            Assert.AreEqual(5L, t.PacketsOf(tcpIn, 4), "tcp-in returned the 9000 knocks and the web packets it did not decide");
            Assert.AreEqual(3L, engine.Table.Ipv4Lists.Inserts, "the static trusted prefix, the first knock, and the second knock as a new entry after the first expired");
            Assert.AreEqual(0L, engine.Table.Ipv4Lists.Refreshes);
            Assert.AreEqual(2L, engine.Table.Ipv4Lists.Expirations);
            Assert.AreEqual(0, engine.Table.Ipv4Lists.Count);
        }

        [TestMethod]
        public void Raw_drops_before_the_filter_and_notrack_hands_it_an_untracked_packet()
        {
            RuleSet set = new RuleSet();
            Build.Filter(set, "chain=input connection-state=untracked action=reject");
            Build.Filter(set, "chain=input action=accept");
            Rule drop = new Rule();
            string error;
            RuleProperties.Set(drop, Family.Ipv4, "chain", "prerouting", out error);
            RuleProperties.Set(drop, Family.Ipv4, "protocol", "tcp", out error);
            RuleProperties.Set(drop, Family.Ipv4, "dst-port", "23", out error);
            RuleProperties.Set(drop, Family.Ipv4, "action", "drop", out error);
            set.Ipv4.Raw.AddRule(drop);
            Rule notrack = new Rule();
            RuleProperties.Set(notrack, Family.Ipv4, "chain", "prerouting", out error);
            RuleProperties.Set(notrack, Family.Ipv4, "protocol", "udp", out error);
            RuleProperties.Set(notrack, Family.Ipv4, "action", "notrack", out error);
            set.Ipv4.Raw.AddRule(notrack);
            FilterEngine engine = Build.Engine(set);
            TestPackets p = new TestPackets();
            Assert.AreEqual("drop prerouting:0", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 23, TcpFlags.Syn)));
            Assert.AreEqual("accept input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22, TcpFlags.Syn)));
            Assert.AreEqual("reject input:0", p.Run(engine, 0, p.Udp("203.0.113.1", 1, Me, 53)));
        }

        [TestMethod]
        public void A_limit_and_an_interface_list_decide_on_the_device()
        {
            RuleSet set = new RuleSet();
            Build.Filter(set, "chain=input in-interface-list=!WAN action=accept");
            Build.Filter(set, "chain=input protocol=tcp limit=1/1s,2:packet action=accept");
            Build.Filter(set, "chain=input action=drop");
            InterfaceList wan = new InterfaceList();
            wan.Name = "WAN";
            set.InterfaceLists.AddList(wan);
            InterfaceListMember member = new InterfaceListMember();
            member.List = "WAN";
            member.Interface = "ether1";
            set.InterfaceLists.AddMember(member);
            FilterEngine engine = Build.Engine(set);
            TestPackets p = new TestPackets();
            p.Tcp("203.0.113.1", 1, Me, 22, TcpFlags.Syn);
            p.Packet.InInterface = engine.Table.InterfaceIndex("ether1");
            Assert.AreEqual("accept input:1", p.Run(engine, 0));
            Assert.AreEqual("accept input:1", p.Run(engine, 1));
            Assert.AreEqual("drop input:2", p.Run(engine, 2));
            Assert.AreEqual("accept input:1", p.Run(engine, 1002));
            p.Packet.InInterface = Packet.NoInterface;   // a port no rule names: not in WAN
            Assert.AreEqual("accept input:0", p.Run(engine, 1003));
        }

        [TestMethod]
        public void No_rules_means_accept_with_no_deciding_rule()
        {
            FilterEngine engine = With(new string[] { "chain=forward action=drop" });
            TestPackets p = new TestPackets();
            Assert.AreEqual("accept input:-", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22, TcpFlags.Syn)));
            Assert.AreEqual(Decision.NoRule, p.Decision.RuleIndex);
        }

        [TestMethod]
        public void Return_in_a_built_in_chain_accepts_and_disabled_rules_keep_their_index()
        {
            FilterEngine engine = With(new string[] { "chain=input action=return", "chain=input action=drop" });
            TestPackets p = new TestPackets();
            Assert.AreEqual("accept input:-", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22, TcpFlags.Syn)));
            Assert.AreEqual(1L, engine.Table.Ipv4.PacketsOf(0, 0));
            engine = With(new string[] { "chain=input action=drop disabled=yes", "chain=input action=reject" });
            Assert.AreEqual("reject input:1", p.Run(engine, 0));
            Assert.AreEqual(0L, engine.Table.Ipv4.PacketsOf(0, 0));
        }

        [TestMethod]
        public void Ports_match_on_either_side_and_negated_ports_on_neither()
        {
            FilterEngine any = With(new string[] { "chain=input protocol=tcp port=22 action=drop" });
            FilterEngine none = With(new string[] { "chain=input protocol=tcp port=!22 action=drop" });
            TestPackets p = new TestPackets();
            int[] sports = { 22, 5000, 5000 };
            int[] dports = { 5000, 22, 5001 };
            string[] anyExpected = { "drop input:0", "drop input:0", "accept input:-" };
            string[] noneExpected = { "accept input:-", "accept input:-", "drop input:0" };
            for (int i = 0; i < sports.Length; i++)
            {
                p.Tcp("203.0.113.1", sports[i], Me, dports[i], TcpFlags.Syn);
                Assert.AreEqual(anyExpected[i], p.Run(any, 0), "port=22 " + i.ToString());
                Assert.AreEqual(noneExpected[i], p.Run(none, 0), "port=!22 " + i.ToString());
            }
        }

        [TestMethod]
        public void Port_lists_ranges_and_packet_sizes_include_both_ends()
        {
            FilterEngine engine = With(new string[] { "chain=input protocol=tcp dst-port=22,1000-2000 action=drop" });
            TestPackets p = new TestPackets();
            int[] ports = { 21, 22, 999, 1000, 2000, 2001 };
            bool[] drops = { false, true, false, true, true, false };
            for (int i = 0; i < ports.Length; i++)
            {
                p.Tcp("203.0.113.1", 1, Me, ports[i], TcpFlags.Syn);
                Assert.AreEqual(drops[i] ? "drop input:0" : "accept input:-", p.Run(engine, 0), "port " + ports[i].ToString());
            }
            FilterEngine sized = With(new string[] { "chain=input packet-size=100-200 action=drop" });
            int[] lengths = { 99, 100, 200, 201 };
            for (int i = 0; i < lengths.Length; i++)
            {
                p.Tcp("203.0.113.1", 1, Me, 22, TcpFlags.Syn);
                p.Packet.Length = lengths[i];
                bool inside = lengths[i] >= 100 && lengths[i] <= 200;
                Assert.AreEqual(inside ? "drop input:0" : "accept input:-", p.Run(sized, 0), "length " + lengths[i].ToString());
            }
        }

        [TestMethod]
        public void Address_lists_match_and_negate_on_both_sides()
        {
            RuleSet set = new RuleSet();
            Build.Entry(set, "list=friends address=203.0.113.0/24");
            Build.Entry(set, "list=servers address=192.0.2.1");
            Build.Filter(set, "chain=input src-address-list=!friends action=drop");
            Build.Filter(set, "chain=input dst-address-list=servers action=reject");
            FilterEngine engine = Build.Engine(set);
            TestPackets p = new TestPackets();
            Assert.AreEqual("drop input:0", p.Run(engine, 0, p.Tcp("198.51.100.1", 1, Me, 22, TcpFlags.Syn)));
            Assert.AreEqual("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.99", 1, Me, 22, TcpFlags.Syn)));
            Assert.AreEqual("accept input:-", p.Run(engine, 0, p.Tcp("203.0.113.99", 1, "192.0.2.2", 22, TcpFlags.Syn)));
        }

        [TestMethod]
        public void Interfaces_match_by_name_and_negate()
        {
            FilterEngine engine = With(new string[] { "chain=forward in-interface=ether1 out-interface=!ether2 action=drop" });
            TestPackets p = new TestPackets();
            Assert.AreEqual("accept forward:-", p.Run(engine, 0, p.Forward(engine, "ether1", "ether2")));
            p.Packet.OutInterface = engine.Table.InterfaceIndex("wlan1");   // a name no rule uses
            Assert.AreEqual(-1, p.Packet.OutInterface);
            Assert.AreEqual("drop forward:0", p.Run(engine, 0));
            p.Packet.InInterface = engine.Table.InterfaceIndex("ether2");
            Assert.AreEqual("accept forward:-", p.Run(engine, 0));
        }

        [TestMethod]
        public void Reject_answers_with_the_family_default_or_its_reject_with_and_tarpit_drops()
        {
            FilterEngine engine = With(new string[] { "chain=input protocol=tcp dst-port=22 action=reject reject-with=tcp-reset", "chain=input protocol=tcp dst-port=23 action=tarpit", "chain=input action=reject" });
            TestPackets p = new TestPackets();
            Assert.AreEqual("reject input:0", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22, TcpFlags.Syn)));
            Assert.AreEqual((int)RejectWith.TcpReset, (int)p.Decision.RejectWith);
            Assert.AreEqual("drop input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 23, TcpFlags.Syn)));
            Assert.AreEqual((int)RuleAction.Tarpit, (int)p.Decision.Action);
            Assert.AreEqual("reject input:2", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 24, TcpFlags.Syn)));
            Assert.AreEqual((int)RejectWith.IcmpNetworkUnreachable, (int)p.Decision.RejectWith);
        }

        [TestMethod]
        public void Every_matching_rule_counts_packets_and_bytes_terminal_or_not()
        {
            FilterEngine engine = With(new string[]
            {
                "chain=input action=passthrough",
                "chain=input action=log log-prefix=seen",
                "chain=input action=add-src-to-address-list address-list=seen",
                "chain=input protocol=udp action=drop",
                "chain=input action=accept",
                "chain=input action=drop",
            });
            TestPackets p = new TestPackets();
            p.Tcp("203.0.113.1", 1, Me, 22, TcpFlags.Syn);
            p.Packet.Length = 100;
            p.Run(engine, 0);
            p.Run(engine, 1);
            FilterTable t = engine.Table.Ipv4;
            string counts = "";
            for (int i = 0; i < 6; i++) counts += t.PacketsOf(0, i).ToString() + (i < 5 ? "," : "");
            Assert.AreEqual("2,2,2,0,2,0", counts);
            Assert.AreEqual(200L, t.BytesOf(0, 0));
            t.ResetCounters();
            Assert.AreEqual(0L, t.PacketsOf(0, 0));
        }

        private sealed class RecordingLog : IRuleLog
        {
            public readonly ArrayList Lines = new ArrayList();

            public void OnRuleLog(Family family, int chainIndex, int ruleIndex, string? prefix, Packet packet, long nowMs)
            {
                Lines.Add(RuleSet.BuiltInChains[chainIndex] + ":" + ruleIndex.ToString() + " " + (prefix == null ? "" : prefix) + " @" + nowMs.ToString());
            }
        }

        [TestMethod]
        public void Log_rules_report_prefix_and_place_and_go_on()
        {
            FilterEngine engine = With(new string[] { "chain=input action=log log-prefix=knock", "chain=input action=drop log=yes" });
            RecordingLog log = new RecordingLog();
            engine.Log = log;
            TestPackets p = new TestPackets();
            Assert.AreEqual("drop input:1", p.Run(engine, 1234, p.Tcp("203.0.113.1", 1, Me, 22, TcpFlags.Syn)));
            Assert.AreEqual(2, log.Lines.Count);
            Assert.AreEqual("input:0 knock @1234", (string)log.Lines[0]!);
            Assert.AreEqual("input:1  @1234", (string)log.Lines[1]!);
        }

        [TestMethod]
        public void An_entry_added_by_a_rule_is_seen_by_later_rules_of_the_same_packet()
        {
            FilterEngine engine = With(new string[]
            {
                "chain=input action=add-dst-to-address-list address-list=targets address-list-timeout=10s",
                "chain=input dst-address-list=targets action=reject",
            });
            TestPackets p = new TestPackets();
            Assert.AreEqual("reject input:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, Me, 22, TcpFlags.Syn)));
            int list = engine.Table.Ipv4.ListId("targets");
            Assert.IsTrue(engine.Table.Ipv4Lists.Contains(list, p.Packet.Dst, 0, 9999));
            Assert.IsFalse(engine.Table.Ipv4Lists.Contains(list, p.Packet.Dst, 0, 10000));
        }

        [TestMethod]
        public void Knocking_9000_again_refreshes_its_minute()
        {
            FilterEngine engine = Seed();
            TestPackets p = new TestPackets();
            const string C = "203.0.113.50";
            Assert.AreEqual("drop input:3", p.Run(engine, 100000, p.Tcp(C, 1, Me, 9000, TcpFlags.Syn)));
            p.Tcp(C, 1, Me, 9000, TcpFlags.Syn);
            Assert.AreEqual("drop input:3", p.Run(engine, 150000));     // timeout reset: now until 210000
            p.Tcp(C, 1, Me, 6000, TcpFlags.Syn);
            Assert.AreEqual("accept input:2", p.Run(engine, 200000));   // the first knock alone expired at 160000
            Assert.AreEqual(1L, engine.Table.Ipv4Lists.Refreshes);
        }

        [TestMethod]
        public void Ipv6_has_its_own_table_and_lists()
        {
            RuleSet set = new RuleSet();
            Build.Filter(set, "chain=input action=drop");
            Build.Filter(set, "chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m", Family.Ipv6);
            Build.Filter(set, "chain=input protocol=tcp dst-port=6000 src-address-list=port:9000 action=accept", Family.Ipv6);
            Build.Filter(set, "chain=input src-address=2001:db8:bad::/48 action=reject", Family.Ipv6);
            FilterEngine engine = Build.Engine(set);
            TestPackets p = new TestPackets();
            Assert.AreEqual("accept input:-", p.Run(engine, 0, p.Tcp("2001:db8::7", 1, "2001:db8::1", 6000, TcpFlags.Syn)));
            Assert.AreEqual("accept input:-", p.Run(engine, 1, p.Tcp("2001:db8::7", 1, "2001:db8::1", 9000, TcpFlags.Syn)));
            Assert.AreEqual("accept input:1", p.Run(engine, 2, p.Tcp("2001:db8::7", 1, "2001:db8::1", 6000, TcpFlags.Syn)));
            Assert.AreEqual("reject input:2", p.Run(engine, 3, p.Tcp("2001:db8:bad:ffff::1", 1, "2001:db8::1", 22, TcpFlags.Syn)));
            Assert.AreEqual((int)RejectWith.IcmpNoRoute, (int)p.Decision.RejectWith);
            Assert.AreEqual("drop input:0", p.Run(engine, 4, p.Tcp("203.0.113.1", 1, Me, 6000, TcpFlags.Syn)));
            Assert.AreEqual(1, engine.Table.Ipv6Lists.Count);
            Assert.AreEqual(0, engine.Table.Ipv4Lists.Count);
        }

        [TestMethod]
        public void Psd_at_21_3s_3_1_matches_the_seventh_low_port_within_the_delay()
        {
            FilterEngine engine = With(new string[] { "chain=input protocol=tcp psd=21,3s,3,1 action=drop" });
            Packet p = new Packet();
            Decision d = new Decision();
            p.SetIpv4(0xCB007107, 0xC0000201);
            p.Protocol = Protocols.Tcp;
            p.TcpFlags = TcpFlags.Syn;
            for (int i = 0; i < 6; i++)
            {
                p.DstPort = 20 + i;
                Assert.AreEqual((int)Verdict.Accept, (int)engine.Evaluate(p, i * 3000, d));
            }
            p.DstPort = 26;
            Assert.AreEqual((int)Verdict.Drop, (int)engine.Evaluate(p, 18000, d));
            p.DstPort = 20;   // seen before: never matches
            Assert.AreEqual((int)Verdict.Accept, (int)engine.Evaluate(p, 18001, d));
            p.DstPort = 27;   // too late: a new record
            Assert.AreEqual((int)Verdict.Accept, (int)engine.Evaluate(p, 21002, d));
        }

        [TestMethod]
        public void Rules_for_other_sources_are_not_visited_and_gated_rules_keep_rule_order_through_jumps()
        {
            RuleSet set = new RuleSet();
            for (int i = 0; i < 20; i++) Build.Filter(set, "chain=input src-address=198.51.100." + DecimalText.ToText(i + 1) + " action=accept");
            Build.Filter(set, "chain=input src-address=203.0.113.1 protocol=tcp dst-port=23 action=reject");
            Build.Filter(set, "chain=input protocol=tcp dst-port=23 action=accept");
            Build.Filter(set, "chain=input src-address=203.0.113.1 action=jump jump-target=k");
            Build.Filter(set, "chain=input src-address=203.0.113.1 action=drop");
            Build.Filter(set, "chain=input action=accept");
            Build.Filter(set, "chain=k src-address=203.0.113.1 protocol=tcp dst-port=80 action=return");
            Build.Filter(set, "chain=k src-address=203.0.113.1 action=reject");
            Build.Filter(set, "chain=k src-address=2001:db8:1::/48 action=drop", Family.Ipv6);
            Build.Filter(set, "chain=input action=jump jump-target=k", Family.Ipv6);
            TableLimits limits = Build.Small();
            limits.MaxRules = 40;
            limits.MaxAddressMatchers = 40;
            PackageResult r = TableLoader.Compile(set, limits, 0, out Table? table);
            Assert.IsTrue(r.IsOk, r.ToString());
            FilterEngine engine = new FilterEngine(table!);
            Assert.AreEqual(20 + 5, table!.Ipv4.Index.GatedRuleCount);
            TestPackets p = new TestPackets();
            long before = engine.Steps;
            Assert.AreEqual("accept input:24", p.Run(engine, 0, p.Tcp("10.9.8.7", 1, "192.0.2.1", 22, TcpFlags.Syn)));
            Assert.AreEqual(1L, engine.Steps - before, "no gated rule holds 10.9.8.7: only the last accept");
            Assert.AreEqual("accept input:6", p.Run(engine, 0, p.Tcp("198.51.100.7", 1, "192.0.2.1", 22, TcpFlags.Syn)));
            Assert.AreEqual("reject input:20", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, "192.0.2.1", 23, TcpFlags.Syn)));
            Assert.AreEqual("accept input:21", p.Run(engine, 0, p.Tcp("203.0.113.2", 1, "192.0.2.1", 23, TcpFlags.Syn)));
            Assert.AreEqual("drop input:23", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, "192.0.2.1", 80, TcpFlags.Syn)));
            Assert.AreEqual("reject k:1", p.Run(engine, 0, p.Tcp("203.0.113.1", 1, "192.0.2.1", 22, TcpFlags.Syn)));
            Assert.AreEqual("drop k:0", p.Run(engine, 0, p.Tcp("2001:db8:1:ff::9", 1, "2001:db8::1", 22, TcpFlags.Syn)));
            Assert.AreEqual("accept input:-", p.Run(engine, 0, p.Tcp("2001:db8:2::9", 1, "2001:db8::1", 22, TcpFlags.Syn)));
        }
    }
}
