// On the nanoCLR: HeaderParser (Core/Headers/HeaderParser.cs) reads a tapped packet's IPv4/IPv6 and TCP/UDP
// headers with the board's runtime: shifts and byte loads of interpreted IL, fragments, extension headers,
// and a result code (never an exception) for a short or lying header.
using Gateway.Core.Headers;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class HeaderParserDeviceTests
    {
        // 198.51.100.7:40000 -> 192.0.2.1:9000, SYN, TTL 61, IP length 40.
        private static byte[] Syn()
        {
            return new byte[]
            {
                0x45, 0, 0, 40, 0, 1, 0, 0, 61, 6, 0, 0, 198, 51, 100, 7, 192, 0, 2, 1,
                0x9C, 0x40, 0x23, 0x28, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xFA, 0xF0, 0, 0, 0, 0,
            };
        }

        [TestMethod]
        public void An_ipv4_syn_is_read_field_by_field()
        {
            Packet p = new Packet();
            Assert.AreEqual((int)HeaderResult.Ok, (int)HeaderParser.Parse(Syn(), 0, 40, p));
            Assert.AreEqual((int)Family.Ipv4, (int)p.Family);
            Assert.AreEqual(Protocols.Tcp, p.Protocol);
            Assert.AreEqual(0xC6336407u, p.Src[0]);
            Assert.AreEqual(0xC0000201u, p.Dst[0]);
            Assert.AreEqual(40000, p.SrcPort);
            Assert.AreEqual(9000, p.DstPort);
            Assert.AreEqual((int)TcpFlags.Syn, (int)p.TcpFlags);
            Assert.AreEqual(61, p.Ttl);
            Assert.AreEqual(40, p.Length);
            Assert.IsFalse(p.IsFragment);
        }

        [TestMethod]
        public void Short_and_lying_headers_get_a_result_code()
        {
            Packet p = new Packet();
            byte[] b = Syn();
            Assert.AreEqual((int)HeaderResult.Truncated, (int)HeaderParser.Parse(b, 0, 30, p));
            Assert.AreEqual((int)HeaderResult.Truncated, (int)HeaderParser.Parse(b, 30, 40, p));
            b[32] = 0x40;   // TCP data offset 4
            Assert.AreEqual((int)HeaderResult.Malformed, (int)HeaderParser.Parse(b, 0, 40, p));
            b[0] = 0x44;    // IHL 4
            Assert.AreEqual((int)HeaderResult.Malformed, (int)HeaderParser.Parse(b, 0, 40, p));
            b[0] = 0x55;
            Assert.AreEqual((int)HeaderResult.NotIp, (int)HeaderParser.Parse(b, 0, 40, p));
        }

        [TestMethod]
        public void An_ipv6_fragment_header_is_walked_to_udp()
        {
            byte[] b = new byte[40 + 8 + 8];
            b[0] = 0x60; b[5] = 16; b[6] = (byte)Protocols.Ipv6Fragment; b[7] = 57;
            b[8] = 0x20; b[9] = 0x01; b[23] = 7; b[24] = 0x20; b[25] = 0x01; b[39] = 1;
            b[40] = (byte)Protocols.Udp; b[43] = 1;       // offset 0, more fragments
            b[48] = 0x13; b[49] = 0x88; b[50] = 0; b[51] = 53; b[53] = 8;
            Packet p = new Packet();
            Assert.AreEqual((int)HeaderResult.Ok, (int)HeaderParser.Parse(b, 0, b.Length, p));
            Assert.AreEqual((int)Family.Ipv6, (int)p.Family);
            Assert.AreEqual(Protocols.Udp, p.Protocol);
            Assert.AreEqual(0x20010000u, p.Src[0]);
            Assert.AreEqual(7u, p.Src[3]);
            Assert.AreEqual(5000, p.SrcPort);
            Assert.AreEqual(53, p.DstPort);
            Assert.AreEqual(57, p.Ttl);
            Assert.IsTrue(p.MoreFragments);
        }
    }
}
