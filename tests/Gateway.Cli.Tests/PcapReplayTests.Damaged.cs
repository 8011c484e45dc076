// A capture cut in the middle of a packet, a record header cut short, or a record that claims more bytes
// than any packet has: replay refuses it with the record number and libpcap's reason (issue 8), never
// prints a partial replay that looks complete.
using Gateway.Cli.Commands;
using Gateway.Rules.Replay;

namespace Gateway.Cli.Tests;

public partial class PcapReplayTests
{
    private const string Gw = "192.0.2.1";

    private static byte[] GoodCapture(out int secondRecordAt)
    {
        string path = Path.Combine(Path.GetTempPath(), $"good-{Guid.NewGuid():N}.pcap");
        try
        {
            var first = Frame("203.0.113.7", Gw, true, 40002, 9000, true, false);
            WritePcap(path, new[] { (0L, first), (1500L, Frame("203.0.113.7", Gw, true, 40003, 6000, true, false)) });
            secondRecordAt = 24 + 16 + first.Length;
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    }

    public static TheoryData<string> Damages() => new() { "cut-in-packet", "cut-in-header", "huge-caplen" };

    [SkippableTheory]
    [MemberData(nameof(Damages))]
    public void A_damaged_capture_is_refused_with_the_record_that_is_damaged(string damage)
    {
        RequireLibpcap();
        byte[] bytes = GoodCapture(out int second);
        bytes = damage switch
        {
            "cut-in-packet" => bytes[..(second + 16 + 10)],
            "cut-in-header" => bytes[..(second + 6)],
            _ => Patch(bytes, second + 8, 0xFFFFFFFFu),   // incl_len of record 2
        };
        string path = Path.Combine(Path.GetTempPath(), $"damaged-{Guid.NewGuid():N}.pcap");
        try
        {
            File.WriteAllBytes(path, bytes);
            var (packets, error) = PcapTraceReader.Read(path, Gw);
            Assert.NotNull(error);
            Assert.Equal(2, error!.Line);
            Assert.StartsWith("record 2: ", error.Message, StringComparison.Ordinal);
            Assert.EndsWith("the capture is cut or damaged", error.Message, StringComparison.Ordinal);
            Assert.Single(packets);
            var output = new StringWriter();
            Assert.Equal(1, ReplayCommand.Run(Repo.Path("examples", "seed.rsc"), path, "table", Gw, output));
            Assert.Equal("", output.ToString());   // nothing half-replayed on stdout
        }
        finally { File.Delete(path); }
    }

    // regression: found by HostileInputTests (a TCP header cut inside the frame made PacketDotNet throw
    // while reading its ports, after the first parse had succeeded)
    [SkippableFact]
    public void A_malformed_ip_frame_is_skipped_with_a_warning_not_a_crash()
    {
        RequireLibpcap();
        var warnings = new List<Gateway.Rules.Diagnostics.Diagnostic>();
        var (packets, error) = PcapTraceReader.Read(Repo.Path("tests", "data", "fuzz", "regressions", "pcap", "index-out-of-range-in-dissection.pcap"), Gw, warnings: warnings);
        Assert.Equal("record 3: truncated dump file; tried to read 42 captured bytes, only got 38; the capture is cut or damaged", error?.Message);   // the fuzzer cut it too
        var warning = Assert.Single(warnings);
        Assert.StartsWith("index-out-of-range-in-dissection.pcap:", warning.ToString(), StringComparison.Ordinal);
        Assert.Contains(":2:1: warning: record 2: malformed IP packet skipped", warning.ToString(), StringComparison.Ordinal);
        Assert.Single(packets);
    }

    private static byte[] Patch(byte[] bytes, int at, uint value)
    {
        BitConverter.GetBytes(value).CopyTo(bytes, at);
        return bytes;
    }
}
