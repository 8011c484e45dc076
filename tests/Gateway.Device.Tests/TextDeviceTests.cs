// On the nanoCLR: the text helpers of Core/Text that stand in for what nanoFramework's mscorlib lacks:
// IpAddressText (IPv4, IPv6 with RFC 5952 output), DecimalText, Hex, Utf8, Fnv64Sink, TextBuffer, StringArrays,
// and what Utf8/Fnv64Sink/JsonText need from the runtime: s[i] returning both halves of a surrogate pair.
using Gateway.Core.Text;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class TextDeviceTests
    {
        private static string V6(string text)
        {
            uint[] words = new uint[4];
            Assert.IsTrue(IpAddressText.TryParseIpv6(text, 0, text.Length, words, 0), text);
            TextBuffer b = new TextBuffer();
            IpAddressText.AppendIpv6(b, words, 0);
            return b.ToString();
        }

        private static string HexBytes(byte[] bytes)
        {
            string s = "";
            for (int i = 0; i < bytes.Length; i++) s += Hex.ToText(bytes[i], 2);
            return s;
        }

        [TestMethod]
        public void Ipv4_text_parses_to_one_word_and_back()
        {
            Assert.AreEqual(0xCB007107L, (long)TestPackets.V4("203.0.113.7"));
            Assert.AreEqual(0xFFFFFFFFL, (long)TestPackets.V4("255.255.255.255"));
            uint v;
            Assert.IsTrue(IpAddressText.TryParseIpv4("x10.0.0.1y", 1, 9, out v), "a slice of a longer string");
            Assert.AreEqual(0x0A000001L, (long)v);
            TextBuffer b = new TextBuffer();
            IpAddressText.AppendIpv4(b, 0xC0000201);
            Assert.AreEqual("192.0.2.1", b.ToString());
            string[] bad = { "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "", "a.b.c.d", "0001.1.1.1", "1.2.3.4 " };
            for (int i = 0; i < bad.Length; i++) Assert.IsFalse(IpAddressText.TryParseIpv4(bad[i], 0, bad[i].Length, out v), "bad: " + bad[i]);
        }

        [TestMethod]
        public void Ipv6_text_parses_to_four_words_and_writes_the_rfc_5952_form()
        {
            uint[] w = new uint[6];
            Assert.IsTrue(IpAddressText.TryParseIpv6("::ffff:192.0.2.1", 0, 16, w, 2), "dotted tail");
            Assert.AreEqual(0L, (long)w[2]);
            Assert.AreEqual(0xFFFFL, (long)w[4]);
            Assert.AreEqual(0xC0000201L, (long)w[5]);
            Assert.AreEqual("2001:db8::1", V6("2001:db8::1"));
            Assert.AreEqual("::", V6("::"));
            Assert.AreEqual("::1", V6("::1"));
            Assert.AreEqual("2001:db8::1:0:0:1", V6("2001:DB8:0:0:1:0:0:1"));   // first longest zero run
            Assert.AreEqual("2001:db8:0:1:1:1:1:1", V6("2001:db8:0:1:1:1:1:1")); // a single zero group stays
            Assert.AreEqual("::ffff:c000:201", V6("::ffff:192.0.2.1"));
            string[] bad = { ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:", ":1", "g::1" };
            for (int i = 0; i < bad.Length; i++) Assert.IsFalse(IpAddressText.TryParseIpv6(bad[i], 0, bad[i].Length, w, 0), "bad: " + bad[i]);
        }

        [TestMethod]
        public void Decimal_text_parses_within_a_bound_and_writes_every_long()
        {
            long v;
            Assert.IsTrue(DecimalText.TryParse("65535", 0, 5, 65535, out v));
            Assert.AreEqual(65535L, v);
            Assert.IsFalse(DecimalText.TryParse("65536", 0, 5, 65535, out v), "over the bound");
            Assert.IsFalse(DecimalText.TryParse("", 0, 0, 10, out v), "empty");
            Assert.IsFalse(DecimalText.TryParse("12a", 0, 3, 1000, out v), "not a digit");
            Assert.IsFalse(DecimalText.TryParse("-1", 0, 2, 1000, out v), "no sign");
            int i;
            Assert.IsTrue(DecimalText.TryParseInt("port 22;", 5, 7, 65535, out i));
            Assert.AreEqual(22, i);
            Assert.AreEqual("0", DecimalText.ToText(0));
            Assert.AreEqual("-42", DecimalText.ToText(-42));
            Assert.AreEqual("9223372036854775807", DecimalText.ToText(long.MaxValue));
            Assert.AreEqual("-9223372036854775808", DecimalText.ToText(long.MinValue));
            Assert.AreEqual("21474836000", DecimalText.ToText(Gateway.Core.Capacity.MaxListTimeoutMs));
        }

        [TestMethod]
        public void Hex_digits_read_either_case_and_write_fixed_widths()
        {
            Assert.AreEqual(10, Hex.Value('a'));
            Assert.AreEqual(15, Hex.Value('F'));
            Assert.AreEqual(9, Hex.Value('9'));
            Assert.AreEqual(-1, Hex.Value('g'));
            Assert.AreEqual("b", Hex.Digit(11).ToString());
            Assert.AreEqual("B", Hex.UpperDigit(11).ToString());
            Assert.AreEqual("001f", Hex.ToText(0x1F, 4));
            Assert.AreEqual("cbf29ce484222325", Hex.ToText(0xcbf29ce484222325UL, 16));
            uint v;
            Assert.IsTrue(Hex.TryParse32("d202EF8d", out v));
            Assert.AreEqual(0xD202EF8DL, (long)v);
            Assert.IsFalse(Hex.TryParse32("", out v), "empty");
            Assert.IsFalse(Hex.TryParse32("123456789", out v), "nine digits");
            Assert.IsFalse(Hex.TryParse32("12x4", out v), "not a digit");
        }

        [TestMethod]
        public void Utf8_encodes_one_to_four_bytes_and_replaces_lone_surrogates()
        {
            Assert.AreEqual("41", HexBytes(Utf8.Encode("A")));
            Assert.AreEqual("c3a9", HexBytes(Utf8.Encode("\u00e9")));
            Assert.AreEqual("e282ac", HexBytes(Utf8.Encode("\u20ac")));
            Assert.AreEqual("f09f9880", HexBytes(Utf8.Encode("\ud83d\ude00")));
            Assert.AreEqual("efbfbd", HexBytes(Utf8.Encode("\ud800")));
            Assert.AreEqual("61efbfbd62", HexBytes(Utf8.Encode("a\ude00b")));
            Assert.AreEqual(0, Utf8.Encode("").Length);
        }

        // FNV-1a 64 of bytes, written out here so the expectation does not come from the code under test.
        internal static ulong Fnv(ulong hash, int b)
        {
            hash ^= (byte)b;
            return hash * 1099511628211UL;
        }

        internal const ulong FnvBasis = 14695981039346656037UL;

        [TestMethod]
        public void A_character_outside_the_bmp_reads_as_its_surrogate_pair_through_StringChars()
        {
            // Core's JsonReader builds such strings from a package's 4-byte UTF-8 with new string(char[]);
            // nanoCLR's s[i] returns the high half again at the low half's index, so Core reads them
            // through StringChars (ToCharArray when a surrogate is present): the pair comes back as it went in.
            string s = new string(new char[] { 'a', (char)0xD83D, (char)0xDE00, 'b' });
            char[]? pairs = StringChars.PairsOf(s);
            Assert.IsNotNull(pairs, "a string with a surrogate is read through its char array");
            Assert.AreEqual(4, s.Length, "length");
            Assert.AreEqual(0x61, (int)StringChars.At(s, pairs, 0), "0");
            Assert.AreEqual(0xD83D, (int)StringChars.At(s, pairs, 1), "1");
            Assert.AreEqual(0xDE00, (int)StringChars.At(s, pairs, 2), "2");
            Assert.AreEqual(0x62, (int)StringChars.At(s, pairs, 3), "3");
            Assert.IsNull(StringChars.PairsOf("plain ascii"), "no allocation without surrogates");
        }

        [TestMethod]
        public void ToCharArray_gives_back_the_surrogate_pair_of_a_character_outside_the_bmp()
        {
            char[] chars = new string(new char[] { 'a', (char)0xD83D, (char)0xDE00, 'b' }).ToCharArray();
            Assert.AreEqual(4, chars.Length, "length");
            Assert.AreEqual(0xD83D, (int)chars[1], "chars[1]");
            Assert.AreEqual(0xDE00, (int)chars[2], "chars[2]");
            Assert.AreEqual(0x62, (int)chars[3], "chars[3]");
        }

        [TestMethod]
        public void Fnv_hashes_a_character_outside_the_bmp_as_its_four_utf8_bytes()
        {
            ulong expected = FnvBasis;
            int[] bytes = { 0x61, 0xF0, 0x9F, 0x98, 0x80 };
            for (int i = 0; i < bytes.Length; i++) expected = Fnv(expected, bytes[i]);
            Fnv64Sink sink = new Fnv64Sink();
            sink.Append('a');
            sink.Append((char)0xD83D);
            sink.Append((char)0xDE00);
            Assert.AreEqual(Fnv64Sink.ToHex(expected), Fnv64Sink.ToHex(sink.Hash), "char by char");
            Fnv64Sink fromString = new Fnv64Sink();
            fromString.Append(new string(new char[] { 'a', (char)0xD83D, (char)0xDE00 }));
            Assert.AreEqual(Fnv64Sink.ToHex(expected), Fnv64Sink.ToHex(fromString.Hash), "from a string");
        }

        [TestMethod]
        public void Fnv_table_ids_hash_utf8_and_text_buffers_grow()
        {
            Assert.AreEqual("cbf29ce484222325", Fnv64Sink.ToHex(new Fnv64Sink().Hash));
            Fnv64Sink sink = new Fnv64Sink();
            sink.Append("a");
            Assert.AreEqual("af63dc4c8601ec8c", Fnv64Sink.ToHex(sink.Hash));
            TextBuffer b = new TextBuffer(1);
            for (int i = 0; i < 100; i++) b.Append((char)('0' + i % 10));
            b.AppendInt(-7);
            Assert.AreEqual(102, b.Length);
            Assert.AreEqual('9', b[99]);
            string s = b.ToString();
            Assert.AreEqual("0123456789", s.Substring(90, 10));
            Assert.AreEqual("-7", s.Substring(100));
        }

        [TestMethod]
        public void StringArrays_hold_real_null_references()
        {
            string[] a = StringArrays.New(4);
            Assert.AreEqual(4, a.Length);
            for (int i = 0; i < a.Length; i++)
            {
                Assert.IsNull(a[i], "element " + i.ToString());
                Assert.IsFalse(a[i] == "x", "element " + i.ToString() + " compared with a string");
            }
            a[2] = "x";
            Assert.IsTrue(a[2] == "x");
            Assert.AreEqual(0, StringArrays.New(0).Length);
        }
    }
}
