// Captures replay like JSON-lines traces: a pcap built here (Ethernet/IPv4/TCP and UDP frames from
// PacketDotNet) is read back through SharpPcap and Debian's libpcap and gives the same verdicts.
using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using Gateway.Cli.Commands;
using PacketDotNet;

namespace Gateway.Cli.Tests;

[Collection(ConsoleGroup.Name)]
public partial class PcapReplayTests
{
    // Replays a capture against the seed recipe; its verdict lines, after checking the replay succeeded.
    private static string Replay(string capture, string engine, string? gateway)
    {
        var output = new StringWriter();
        Assert.Equal(0, ReplayCommand.Run(Repo.Path("examples", "seed.rsc"), capture, engine, gateway, output));
        return output.ToString();
    }

    private static bool HasLibpcap()
    {
        foreach (var name in new[] { "libpcap.so.1", "libpcap.so.0.8", "libpcap.so" })
        {
            if (NativeLibrary.TryLoad(name, out var handle)) { NativeLibrary.Free(handle); return true; }
        }
        return false;
    }

    private static void RequireLibpcap()
    {
        if (HasLibpcap()) return;
        bool ci = Environment.GetEnvironmentVariable("CI") != null || Environment.GetEnvironmentVariable("ContinuousIntegrationBuild") == "true";
        Assert.False(ci, "libpcap is missing: .ci/run must install Debian's libpcap0.8");
        Skip.If(true, "libpcap is not installed (apt-get install libpcap0.8); pcap replay not tested here");
    }

    private static byte[] Frame(string src, string dst, bool tcp, ushort sport, ushort dport, bool syn, bool ack)
    {
        var ip = new IPv4Packet(IPAddress.Parse(src), IPAddress.Parse(dst));
        if (tcp) ip.PayloadPacket = new TcpPacket(sport, dport) { Synchronize = syn, Acknowledgment = ack, WindowSize = 1024 };
        else ip.PayloadPacket = new UdpPacket(sport, dport);
        var eth = new EthernetPacket(PhysicalAddress.Parse("02-00-00-00-00-01"), PhysicalAddress.Parse("02-00-00-00-00-02"), EthernetType.IPv4) { PayloadPacket = ip };
        ip.UpdateCalculatedValues();
        return eth.Bytes;
    }

    // The classic pcap file format: a 24-byte global header, then a 16-byte header per record.
    private static void WritePcap(string path, IEnumerable<(long Ms, byte[] Frame)> frames)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(0xa1b2c3d4u); w.Write((ushort)2); w.Write((ushort)4); w.Write(0); w.Write(0u); w.Write(65535u); w.Write(1u);
        foreach (var (ms, frame) in frames)
        {
            w.Write((uint)(1_700_000_000 + ms / 1000)); w.Write((uint)(ms % 1000 * 1000)); w.Write((uint)frame.Length); w.Write((uint)frame.Length);
            w.Write(frame);
        }
    }

    // pcapng: a section header, one Ethernet interface (microsecond timestamps), then an enhanced packet block per frame.
    private static void WritePcapng(string path, IEnumerable<(long Ms, byte[] Frame)> frames)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(0x0A0D0D0Au); w.Write(28u); w.Write(0x1A2B3C4Du); w.Write((ushort)1); w.Write((ushort)0); w.Write(-1L); w.Write(28u);
        w.Write(1u); w.Write(20u); w.Write((ushort)1); w.Write((ushort)0); w.Write(65535u); w.Write(20u);
        foreach (var (ms, frame) in frames)
        {
            int padded = (frame.Length + 3) & ~3;
            uint total = (uint)(32 + padded);
            ulong micros = (ulong)(1_700_000_000_000L + ms) * 1000;
            w.Write(6u); w.Write(total); w.Write(0u); w.Write((uint)(micros >> 32)); w.Write((uint)micros);
            w.Write((uint)frame.Length); w.Write((uint)frame.Length); w.Write(frame); w.Write(new byte[padded - frame.Length]); w.Write(total);
        }
    }

    [SkippableFact]
    public void A_pcapng_capture_replays_like_a_pcap()
    {
        RequireLibpcap();
        const string Me = "192.0.2.1", A = "203.0.113.7";
        var frames = new List<(long, byte[])>
        {
            (0, Frame(A, Me, true, 40002, 9000, true, false)),
            (1500, Frame(A, Me, true, 40003, 6000, true, false)),
            (61400, Frame(A, Me, true, 40004, 22, true, false)),
        };
        string pcap = Path.Combine(Path.GetTempPath(), $"knock-{Guid.NewGuid():N}.pcap");
        string pcapng = Path.ChangeExtension(pcap, ".pcapng");
        try
        {
            WritePcap(pcap, frames);
            WritePcapng(pcapng, frames);
            string a = Replay(pcap, "table", Me);
            string b = Replay(pcapng, "reference", Me);
            Assert.Equal(a, b);
            Assert.Contains("\"t\":61400", b);
            Assert.Contains("\"dport\":22,\"chain\":\"input\",\"verdict\":\"accept\",\"rule\":2", b);
        }
        finally
        {
            File.Delete(pcap);
            File.Delete(pcapng);
        }
    }

    [SkippableFact]
    public void A_pcap_replays_with_the_same_verdicts_as_its_json_trace()
    {
        RequireLibpcap();
        const string Me = "192.0.2.1", A = "203.0.113.7";
        var frames = new List<(long, byte[])>
        {
            (0, Frame(A, Me, true, 40001, 2323, true, false)),
            (1000, Frame(A, Me, true, 40002, 9000, true, false)),
            (2000, Frame(A, Me, true, 40003, 6000, true, false)),
            (2500, Frame(A, Me, true, 40004, 2323, true, false)),
            (2600, Frame(Me, A, true, 2323, 40004, true, true)),
            (2700, Frame(A, Me, false, 5353, 53, false, false)),
            (62000, Frame(A, Me, true, 40004, 2323, false, true)),
        };
        string pcap = Path.Combine(Path.GetTempPath(), $"knock-{Guid.NewGuid():N}.pcap");
        string jsonl = Path.ChangeExtension(pcap, ".jsonl");
        try
        {
            WritePcap(pcap, frames);
            File.WriteAllLines(jsonl, new[]
            {
                $"{{\"t\":0,\"src\":\"{A}\",\"dst\":\"{Me}\",\"proto\":\"tcp\",\"sport\":40001,\"dport\":2323}}",
                $"{{\"t\":1000,\"src\":\"{A}\",\"dst\":\"{Me}\",\"proto\":\"tcp\",\"sport\":40002,\"dport\":9000}}",
                $"{{\"t\":2000,\"src\":\"{A}\",\"dst\":\"{Me}\",\"proto\":\"tcp\",\"sport\":40003,\"dport\":6000}}",
                $"{{\"t\":2500,\"src\":\"{A}\",\"dst\":\"{Me}\",\"proto\":\"tcp\",\"sport\":40004,\"dport\":2323}}",
                $"{{\"t\":2600,\"src\":\"{Me}\",\"dst\":\"{A}\",\"proto\":\"tcp\",\"sport\":2323,\"dport\":40004,\"flags\":\"SA\",\"chain\":\"output\"}}",
                $"{{\"t\":2700,\"src\":\"{A}\",\"dst\":\"{Me}\",\"proto\":\"udp\",\"sport\":5353,\"dport\":53}}",
                $"{{\"t\":62000,\"src\":\"{A}\",\"dst\":\"{Me}\",\"proto\":\"tcp\",\"sport\":40004,\"dport\":2323,\"flags\":\"A\"}}",
            });
            string fromPcap = Replay(pcap, "table", Me);
            string fromJson = Replay(jsonl, "table", null);
            Assert.Equal(fromJson, fromPcap);
            Assert.Contains("\"dport\":6000,\"chain\":\"input\",\"verdict\":\"accept\",\"rule\":2", fromPcap);
        }
        finally
        {
            File.Delete(pcap);
            File.Delete(jsonl);
        }
    }
}
