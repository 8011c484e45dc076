// A capture replayed without --gateway: the gateway's address is taken from the inbound SYNs and said, so
// the gateway's own replies are judged as output, not as input; a capture with no SYN is refused.
using Gateway.Cli.Commands;

namespace Gateway.Cli.Tests;

public partial class PcapReplayTests
{
    [SkippableFact]
    public void Without_gateway_the_address_is_the_destination_of_the_inbound_syns_and_said()
    {
        RequireLibpcap();
        const string Me = "192.0.2.1", A = "203.0.113.7", B = "198.51.100.9";
        var frames = new List<(long, byte[])>
        {
            (0, Frame(A, Me, true, 40002, 9000, true, false)),
            (1000, Frame(A, Me, true, 40003, 6000, true, false)),
            (1500, Frame(B, Me, true, 40010, 2323, true, false)),
            (2000, Frame(A, Me, true, 40004, 2323, true, false)),
            (2100, Frame(Me, A, true, 2323, 40004, true, true)),   // the gateway's answer
        };
        string pcap = Path.Combine(Path.GetTempPath(), $"infer-{Guid.NewGuid():N}.pcap");
        string udpOnly = Path.ChangeExtension(pcap, ".udp.pcap");
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            WritePcap(pcap, frames);
            string given = Replay(pcap, "table", Me);
            string inferred = Replay(pcap, "table", null);
            Assert.Equal(given, inferred);
            Assert.Contains("\"src\":\"192.0.2.1\",\"dst\":\"203.0.113.7\",\"proto\":\"tcp\",\"sport\":2323,\"dport\":40004,\"chain\":\"output\"", inferred);
            Assert.Contains("gateway: no --gateway: taking 192.0.2.1 as the gateway's address, the destination of 4 of the capture's 4 inbound SYNs", error.ToString());

            WritePcap(udpOnly, new List<(long, byte[])> { (0, Frame(A, Me, false, 5353, 53, false, false)) });
            error.GetStringBuilder().Clear();
            Assert.Equal(1, ReplayCommand.Run(Repo.Path("examples", "seed.rsc"), udpOnly, "table", null, new StringWriter()));
            Assert.Contains("no --gateway, and no TCP SYN in the capture to tell the gateway's address from: pass --gateway ADDR", error.ToString());
        }
        finally
        {
            Console.SetError(saved);
            File.Delete(pcap);
            File.Delete(udpOnly);
        }
    }
}
