// On the nanoCLR: the device's cryptography (src/Firmware/Crypto) gives the standards' vectors (RFC 1321, FIPS-197,
// SP 800-38A, RFC 4231, RFC 4648, OpenSSL's key derivation) with the board's runtime, and takes apart a real
// fwknop SPA packet: fwknop's own test suite's packet (test/tests/os_compatibility.pl, the "v2.5 Ubuntu-12.04"
// client, keys of test/conf/hmac_access.conf) authenticates under its HMAC key and decrypts to its request.
using Gateway.Crypto;
using Gateway.Crypto.Spa;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class CryptoDeviceTests
    {
        private static string Hex(byte[] b, int offset, int count)
        {
            string s = "";
            for (int i = 0; i < count; i++) s += b[offset + i].ToString("x2");
            return s;
        }

        private static byte[] FromHex(string hex)
        {
            byte[] b = new byte[hex.Length / 2];
            for (int i = 0; i < b.Length; i++) b[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[2 * i + 1]));
            return b;
        }

        private static int Nibble(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

        [TestMethod]
        public void Md5_gives_rfc_1321s_digests()
        {
            Md5 md5 = new Md5();
            byte[] digest = new byte[Md5.DigestBytes];
            byte[] abc = Build.Bytes("abc");
            md5.Update(abc, 0, abc.Length);
            md5.Final(digest, 0);
            Assert.AreEqual("900150983cd24fb0d6963f7d28e17f72", Hex(digest, 0, 16));
            byte[] digits = Build.Bytes("12345678901234567890123456789012345678901234567890123456789012345678901234567890");
            md5.Update(digits, 0, digits.Length);
            md5.Final(digest, 0);
            Assert.AreEqual("57edf4a22be3c955ac49da2e2107b67a", Hex(digest, 0, 16));
        }

        [TestMethod]
        public void Aes256_and_cbc_give_fips_197_and_sp_800_38a()
        {
            Aes256 aes = new Aes256();
            aes.SetKey(FromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), 0);
            byte[] block = FromHex("8ea2b7ca516745bfeafc49904b496089");
            aes.DecryptBlock(block, 0, block, 0);
            Assert.AreEqual("00112233445566778899aabbccddeeff", Hex(block, 0, 16));

            aes.SetKey(FromHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"), 0);
            byte[] data = FromHex("f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d");
            Assert.IsTrue(aes.DecryptCbc(FromHex("000102030405060708090a0b0c0d0e0f"), 0, data, 0, 32, data, 0));
            Assert.AreEqual("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", Hex(data, 0, 32));
        }

        [TestMethod]
        public void Hmac_sha256_with_a_long_key_gives_rfc_4231_case_6()
        {
            byte[] key = new byte[131];
            for (int i = 0; i < key.Length; i++) key[i] = 0xaa;
            byte[] message = Build.Bytes("Test Using Larger Than Block-Size Key - Hash Key First");
            HmacSha256 hmac = new HmacSha256();
            hmac.SetKey(key, 0, key.Length);
            hmac.Begin();
            hmac.Update(message, 0, message.Length);
            byte[] tag = new byte[32];
            hmac.Final(tag, 0);
            Assert.AreEqual("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", Hex(tag, 0, 32));
        }

        [TestMethod]
        public void Base64_round_trips_rfc_4648_without_padding()
        {
            byte[] foobar = Build.Bytes("foobar");
            byte[] text = new byte[8];
            Assert.AreEqual(7, Base64.Encode(foobar, 0, 5, text, 0));
            Assert.AreEqual("Zm9vYmE", Build.Ascii(text, 0, 7));
            byte[] back = new byte[8];
            Assert.AreEqual(5, Base64.Decode(text, 0, 7, back, 0));
            Assert.AreEqual("fooba", Build.Ascii(back, 0, 5));
            Assert.AreEqual(-1, Base64.Decode(Build.Bytes("Zm9v!"), 0, 5, back, 0));
        }

        [TestMethod]
        public void A_real_fwknop_packet_authenticates_and_decrypts_to_its_request()
        {
            FwknopPacket.Open(out string plaintext, out bool tagMatches);
            Assert.IsTrue(tagMatches, "the HMAC tag of fwknop's packet");
            Assert.AreEqual(FwknopPacket.Plaintext, plaintext);
        }

        [TestMethod]
        public void The_spa_verifier_opens_fwknops_packet_and_refuses_it_prefixed_or_under_another_key()
        {
            SpaKeys keys = new SpaKeys();
            byte[] key = Build.Bytes(FwknopPacket.KeyBase64), hmacKey = Build.Bytes(FwknopPacket.HmacKeyBase64);
            Assert.IsTrue(keys.Set(key, 0, key.Length, hmacKey, 0, hmacKey.Length));
            SpaVerifier verifier = new SpaVerifier();
            SpaRequest request = new SpaRequest();
            byte[] wire = Build.Bytes(FwknopPacket.Wire);
            Assert.AreEqual((int)SpaCheck.Ok, (int)verifier.Check(wire, 0, wire.Length, keys, request));
            Assert.AreEqual("root", Build.Ascii(request.User, 0, request.UserLength));
            Assert.AreEqual(1371001727L, request.Timestamp);
            Assert.AreEqual(0x7F000002u, request.Address);   // 127.0.0.2
            Assert.AreEqual(1, request.AccessCount);
            Assert.AreEqual(SpaRequest.Tcp, request.Protocols[0]);
            Assert.AreEqual(22, request.Ports[0]);
            byte[] prefixed = Build.Bytes("U2FsdGVkX1" + FwknopPacket.Wire);
            Assert.AreEqual((int)SpaCheck.Format, (int)verifier.Check(prefixed, 0, prefixed.Length, keys, request));
            Assert.IsTrue(keys.Set(key, 0, key.Length, Build.Bytes("dGVzdA=="), 0, 8));
            Assert.AreEqual((int)SpaCheck.Hmac, (int)verifier.Check(wire, 0, wire.Length, keys, request));
        }

        [TestMethod]
        public void The_replay_cache_refuses_a_replay_in_its_window_and_forgets_it_after()
        {
            ReplayCache cache = new ReplayCache(2);
            byte[] tag = Build.Bytes("0123456789abcdef0123456789abcdef");
            Assert.AreEqual((int)ReplayOutcome.Remembered, (int)cache.Remember(tag, 0, 1120L, 1000L));
            Assert.AreEqual((int)ReplayOutcome.Replayed, (int)cache.Remember(tag, 0, 1130L, 1119L));
            Assert.AreEqual((int)ReplayOutcome.Remembered, (int)cache.Remember(Build.Bytes("another tag of 32 bytes, exactly"), 0, 1500L, 1119L));
            Assert.AreEqual((int)ReplayOutcome.Full, (int)cache.Remember(Build.Bytes("a third tag of 32 bytes, exactly"), 0, 1500L, 1119L));
            Assert.AreEqual((int)ReplayOutcome.Remembered, (int)cache.Remember(tag, 0, 1240L, 1120L));
        }

        [TestMethod]
        public void The_spa_policy_grants_fwknops_packet_once_and_refuses_its_replay()
        {
            SpaStanza stanza = new SpaStanza();
            byte[] key = Build.Bytes(FwknopPacket.KeyBase64), hmacKey = Build.Bytes(FwknopPacket.HmacKeyBase64);
            Assert.IsTrue(stanza.Keys.Set(key, 0, key.Length, hmacKey, 0, hmacKey.Length));
            Assert.IsTrue(stanza.AddSource(0x7F000000u, 8));
            Assert.IsTrue(stanza.AddOpen(SpaRequest.Tcp, 22));
            SpaPolicy policy = new SpaPolicy(new SpaStanza[] { stanza }, 8);
            SpaGrant grant = new SpaGrant();
            byte[] wire = Build.Bytes(FwknopPacket.Wire);
            long sent = 1371001727L;   // the packet's own time: the test suite's packets are from 2013
            Assert.AreEqual((int)SpaOutcome.Accepted, (int)policy.Decide(wire, 0, wire.Length, 0x7F000001u, sent + 5, grant));
            Assert.AreEqual(0x7F000002u, grant.Address);
            Assert.AreEqual(SpaStanza.DefaultTimeout, grant.Seconds);
            Assert.AreEqual((int)SpaOutcome.Replay, (int)policy.Decide(wire, 0, wire.Length, 0x7F000001u, sent + 6, grant));
            Assert.AreEqual((int)SpaOutcome.Age, (int)policy.Decide(wire, 0, wire.Length, 0x7F000001u, sent + 121, grant));
            Assert.AreEqual((int)SpaOutcome.Policy, (int)policy.Decide(wire, 0, wire.Length, 0x0A000001u, sent, grant));
        }
    }
}
