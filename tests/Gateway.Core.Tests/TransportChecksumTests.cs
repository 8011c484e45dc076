// The transport checksum check against a plain reading of RFC 793 / 768 / 8200 (pseudo-header and segment
// summed as one byte array, written differently from the device's folding loop), one known vector (RFC
// 1071's worked sum), and every single-byte corruption of a SYN caught.
using Gateway.Core.Headers;
using static Gateway.Core.Tests.HeaderParserTests;

namespace Gateway.Core.Tests;

public class TransportChecksumTests
{
    // The checksum written into the packet: the one's complement of the sum of pseudo-header and segment.
    private static byte[] Sealed(byte[] packet)
    {
        bool v4 = packet[0] >> 4 == 4;
        int header = v4 ? (packet[0] & 15) * 4 : 40, protocol = v4 ? packet[9] : packet[6];
        int length = packet.Length - header;
        var pseudo = new List<byte>();
        pseudo.AddRange(v4 ? packet[12..20] : packet[8..40]);
        pseudo.AddRange(new byte[] { 0, (byte)protocol, (byte)(length >> 8), (byte)length });
        int field = header + (protocol == 6 ? 16 : 6);
        packet[field] = packet[field + 1] = 0;
        pseudo.AddRange(packet[header..]);
        if (pseudo.Count % 2 == 1) pseudo.Add(0);
        long sum = 0;
        for (int i = 0; i < pseudo.Count; i += 2) sum += pseudo[i] * 256 + pseudo[i + 1];
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        int check = (int)(~sum & 0xFFFF);
        if (protocol == 17 && check == 0) check = 0xFFFF;
        packet[field] = (byte)(check >> 8);
        packet[field + 1] = (byte)check;
        return packet;
    }

    [Fact]
    public void The_sum_is_rfc_1071_s()
    {
        // RFC 1071 section 3: 0001 f203 f4f5 f6f7 sums to ddf2 (with end-around carry). As the data of a UDP
        // datagram whose header and pseudo-header are zero, the checksum field must hold ~ddf2 = 220d, less
        // the pseudo-header's protocol and length words (17 + 16 + the UDP length 16): 220d - 0x31 = 21dc.
        var b = new byte[40 + 16];
        b[0] = 0x45; b[2] = 0; b[3] = 56; b[9] = 17;
        var udp = new byte[] { 0, 0, 0, 0, 0, 16, 0x21, 0xdc, 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
        var packet = new byte[20 + 16];
        Array.Copy(b, packet, 20);
        packet[3] = 36;
        udp.CopyTo(packet, 20);
        Assert.Equal(TransportChecksum.Valid, TransportChecksum.Check(packet, 0, packet.Length));
        packet[27]++;
        Assert.Equal(TransportChecksum.Invalid, TransportChecksum.Check(packet, 0, packet.Length));
    }

    [Fact]
    public void Every_corrupted_byte_of_a_syn_is_caught()
    {
        var syn = Sealed(Ipv4(6, Tcp(40000, 9000, 0x02, dataOffsetWords: 10)));
        Assert.Equal(TransportChecksum.Valid, TransportChecksum.Check(syn, 0, syn.Length));
        for (int at = 12; at < syn.Length; at++)
        {
            var bad = (byte[])syn.Clone();
            bad[at] ^= 0x5A;
            Assert.Equal(TransportChecksum.Invalid, TransportChecksum.Check(bad, 0, bad.Length));
        }
    }

    // Every length's tail (the sum takes two words a turn, then a word, then an odd byte), and the largest IPv4
    // datagram of 0xFF bytes: the sum is folded once, at the end, so it must not overflow on the way.
    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    [InlineData(6)] [InlineData(7)] [InlineData(1472)] [InlineData(65507)]
    public void Every_length_sums_right_up_to_the_largest_datagram(int data)
    {
        var udp = Ipv4(17, Udp(0xFFFF, 0xFFFF, data));
        for (int i = 28; i < udp.Length; i++) udp[i] = 0xFF;
        Sealed(udp);
        Assert.Equal(TransportChecksum.Valid, TransportChecksum.Check(udp, 0, udp.Length));
        udp[^1] ^= 0x01;
        Assert.Equal(TransportChecksum.Invalid, TransportChecksum.Check(udp, 0, udp.Length));
    }

    [Fact]
    public void Ipv6_and_udp_follow_their_rules()
    {
        var tcp6 = Sealed(Ipv6(6, Tcp(40000, 9000, 0x02)));
        Assert.Equal(TransportChecksum.Valid, TransportChecksum.Check(tcp6, 0, tcp6.Length));
        tcp6[30] ^= 1;   // the source address is in the pseudo-header
        Assert.Equal(TransportChecksum.Invalid, TransportChecksum.Check(tcp6, 0, tcp6.Length));
        var udp4 = Ipv4(17, Udp(40000, 4001, data: 3));
        Assert.Equal(TransportChecksum.Valid, TransportChecksum.Check(udp4, 0, udp4.Length));   // IPv4 may leave it out
        var udp6 = Ipv6(17, Udp(40000, 4001, data: 3));
        Assert.Equal(TransportChecksum.Invalid, TransportChecksum.Check(udp6, 0, udp6.Length));   // IPv6 may not
        Sealed(udp6);
        Assert.Equal(TransportChecksum.Valid, TransportChecksum.Check(udp6, 0, udp6.Length));
    }

    [Fact]
    public void What_cannot_be_checked_is_unknown()
    {
        var syn = Sealed(Ipv4(6, Tcp(40000, 9000, 0x02)));
        Assert.Equal(TransportChecksum.Unknown, TransportChecksum.Check(syn, 0, syn.Length - 1));   // cut short
        var fragment = Sealed(Ipv4(6, Tcp(40000, 9000, 0x02), fragment: 0x2000));
        Assert.Equal(TransportChecksum.Unknown, TransportChecksum.Check(fragment, 0, fragment.Length));
        var icmp = Ipv4(1, new byte[8]);
        Assert.Equal(TransportChecksum.Unknown, TransportChecksum.Check(icmp, 0, icmp.Length));
        Assert.Equal(TransportChecksum.Unknown, TransportChecksum.Check(new byte[] { 0x45 }, 0, 1));
    }
}
