// The per-packet path allocates nothing (STYLE.md 4): deciding 100,000 packets through matchers, jumps,
// list adds, refreshes, evictions, expiry and logging leaves GC.GetAllocatedBytesForCurrentThread unmoved.

namespace Gateway.Core.Tests;

[Collection(AllocationGroup.Name)]
public class AllocationTests
{
    private sealed class CountingLog : IRuleLog
    {
        public long Count;
        public void OnRuleLog(Family family, int chainIndex, int ruleIndex, string? prefix, Packet packet, long nowMs) => Count++;
    }

    [Fact]
    public void Evaluating_packets_allocates_nothing()
    {
        var rules = PackageRoundTripTests.Everything();
        rules.Ipv4.InsertRule(0, Build.SeedRecipe().Ipv4.RuleAt(0));
        rules.Ipv4.InsertRule(1, Build.SeedRecipe().Ipv4.RuleAt(1));
        // Small list stores so that the run fills them and evicts.
        var engine = new FilterEngine(Build.Compile(rules, new TableLimits { Ipv4ListEntries = 64, Ipv6ListEntries = 16 }));
        var log = new CountingLog();
        engine.Log = log;
        var p = new TestPackets();
        var packet = p.Packet;
        var decision = p.Decision;
        uint gateway = TestPackets.V4("192.0.2.1");
        int ether1 = engine.Table.InterfaceIndex("ether1");
        int[] ports = { 9000, 6000, 22, 80, 2222, 53, 443 };
        byte[] states = { ConnectionStates.New, ConnectionStates.Established, ConnectionStates.Invalid };
        var v6 = new Packet { Family = Family.Ipv6, Protocol = Protocols.Tcp, Length = 80 };
        v6.Src[0] = 0x20010db8;
        v6.Dst[0] = 0x20010db8;
        v6.Dst[3] = 1;

        void Run(int count, long start)
        {
            for (int i = 0; i < count; i++)
            {
                long now = start + i * 7L;
                if (i % 5 == 4)
                {
                    v6.Src[3] = (uint)(i % 97);
                    v6.DstPort = ports[i % 2];
                    engine.Evaluate(v6, now, decision);
                    continue;
                }
                packet.SetIpv4(0xCB007100u + (uint)(i % 1000), gateway);
                packet.Protocol = i % 7 == 5 ? Protocols.Udp : Protocols.Tcp;
                packet.SrcPort = 1024 + i % 50_000;
                packet.DstPort = ports[i % ports.Length];
                packet.TcpFlags = (byte)(i % 3 == 0 ? TcpFlags.Syn : TcpFlags.Ack);
                packet.ConnectionState = states[i % states.Length];
                packet.InInterface = i % 2 == 0 ? ether1 : Packet.NoInterface;
                packet.Chain = (EntryChain)(i % 3);
                packet.Length = 40 + i % 1500;
                engine.Evaluate(packet, now, decision);
            }
        }

        Run(20_000, 0);   // warm up: JIT, first-time paths
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(100_000, 1_000_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        var lists = engine.Table.Ipv4Lists;
        Assert.True(lists.Evictions > 0, "the run should have filled the store");
        Assert.True(lists.Expirations > 0 && lists.Refreshes > 0 && log.Count > 0);
    }
}
