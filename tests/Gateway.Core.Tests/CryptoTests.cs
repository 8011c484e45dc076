// The device's cryptography (src/Firmware/Crypto) against the standards' published vectors (RFC 1321 for MD5,
// FIPS-197 C.3 and SP 800-38A F.2.6 for AES-256 and CBC, RFC 4231 for HMAC-SHA-256, RFC 4648 for base64), OpenSSL's
// own EVP_BytesToKey output (`openssl enc -aes-256-cbc -md md5 -P`, fwknop's key derivation), and .NET's
// implementations on random inputs. The same vectors run on nanoCLR in the device tests (CryptoDeviceTests).
using System.Security.Cryptography;
using System.Text;
using Gateway.Crypto;

namespace Gateway.Core.Tests;

public class CryptoTests
{
    private static string Hex(byte[] bytes, int offset = 0, int count = -1) =>
        Convert.ToHexString(bytes, offset, count < 0 ? bytes.Length - offset : count).ToLowerInvariant();

    private static string Md5Of(byte[] data)
    {
        var md5 = new Md5();
        md5.Update(data, 0, data.Length);
        var digest = new byte[Md5.DigestBytes];
        md5.Final(digest, 0);
        return Hex(digest);
    }

    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public void Md5_matches_rfc_1321s_test_suite(string text, string digest) => Assert.Equal(digest, Md5Of(Encoding.ASCII.GetBytes(text)));

    // MD5 here is the reference for OpenSSL's key derivation, which fwknop fixes; not a security hash of ours.
#pragma warning disable CA5351
    [Fact]
    public void Md5_agrees_with_dotnet_on_every_length_across_block_edges_and_in_pieces()
    {
        var random = new Random(1321);
        for (int length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Hex(MD5.HashData(data)), Md5Of(data));
            var md5 = new Md5();
            int cut = length == 0 ? 0 : random.Next(length);
            md5.Update(data, 0, cut);
            md5.Update(data, cut, length - cut);
            var digest = new byte[16];
            md5.Final(digest, 0);
            Assert.Equal(Hex(MD5.HashData(data)), Hex(digest));
        }
    }
#pragma warning restore CA5351

    [Fact]
    public void Aes256_decrypts_fips_197s_example()
    {
        var aes = new Aes256();
        aes.SetKey(Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), 0);
        var block = Convert.FromHexString("8ea2b7ca516745bfeafc49904b496089");
        aes.DecryptBlock(block, 0, block, 0);
        Assert.Equal("00112233445566778899aabbccddeeff", Hex(block));
    }

    [Fact]
    public void Cbc_decrypts_sp_800_38a_cbc_aes256_in_place_and_apart()
    {
        var key = Convert.FromHexString("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
        var iv = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        const string Cipher = "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b";
        const string Plain = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
        var aes = new Aes256();
        aes.SetKey(key, 0);
        var apart = new byte[64 + 3];
        Assert.True(aes.DecryptCbc(iv, 0, Convert.FromHexString(Cipher), 0, 64, apart, 3));
        Assert.Equal(Plain, Hex(apart, 3));
        var inPlace = Convert.FromHexString("00" + Cipher);
        Assert.True(aes.DecryptCbc(iv, 0, inPlace, 1, 64, inPlace, 1));
        Assert.Equal(Plain, Hex(inPlace, 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(-16)]
    public void Cbc_refuses_what_is_not_whole_blocks(int count)
    {
        var aes = new Aes256();
        aes.SetKey(new byte[32], 0);
        Assert.False(aes.DecryptCbc(new byte[16], 0, new byte[64], 0, count, new byte[64], 0));
    }

    [Fact]
    public void Cbc_agrees_with_dotnet_on_random_keys_and_messages()
    {
        var random = new Random(197);
        var ours = new Aes256();
        for (int round = 0; round < 200; round++)
        {
            var key = new byte[32];
            var iv = new byte[16];
            var plain = new byte[16 * (1 + random.Next(12))];
            random.NextBytes(key); random.NextBytes(iv); random.NextBytes(plain);
            using var aes = Aes.Create();
            aes.Key = key;
            byte[] cipher = aes.EncryptCbc(plain, iv, PaddingMode.None);
            ours.SetKey(key, 0);
            var back = new byte[cipher.Length];
            Assert.True(ours.DecryptCbc(iv, 0, cipher, 0, cipher.Length, back, 0));
            Assert.Equal(plain, back);
        }
    }

    [Fact]
    public void OpenSsl_key_derivation_gives_what_openssl_enc_prints()
    {
        // openssl enc -aes-256-cbc -md md5 -pass pass:fwknoptest -S 0102030405060708 -P (OpenSSL 3.0)
        var derive = new OpenSslKey();
        var key = new byte[32];
        var iv = new byte[16];
        byte[] secret = Encoding.ASCII.GetBytes("fwknoptest");
        derive.Derive(secret, 0, secret.Length, Convert.FromHexString("0102030405060708"), 0, key, iv);
        Assert.Equal("ebe462fe5be052f4611bbb47b9e7c48bd8b947d85052411f55c16f0e4e04a5ff", Hex(key));
        Assert.Equal("48926d083e8525f9424a6bdaec95c20c", Hex(iv));
        // ... and the same command's ciphertext of "Single Packet Authorization" decrypts to it, PKCS#7 padding after.
        byte[] cipher = Convert.FromBase64String("p5V02c1FpZxkIfL9n3Sre2PhRWbceLbEGPRn+SjPceQ=");
        var aes = new Aes256();
        aes.SetKey(key, 0);
        Assert.True(aes.DecryptCbc(iv, 0, cipher, 0, cipher.Length, cipher, 0));
        Assert.Equal("Single Packet Authorization", Encoding.ASCII.GetString(cipher, 0, 27));
        Assert.All(cipher[27..], b => Assert.Equal(5, b));
    }

    [Theory]
    // RFC 4231 test case 6: a key longer than the block is hashed first; case 7: a longer message as well.
    [InlineData(131, "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    [InlineData(131, "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")]
    public void Hmac_sha256_matches_rfc_4231_with_a_key_longer_than_a_block(int keyBytes, string data, string tag)
    {
        var hmac = new HmacSha256();
        var key = Enumerable.Repeat((byte)0xaa, keyBytes + 2).ToArray();
        hmac.SetKey(key, 1, keyBytes);
        byte[] message = Convert.FromHexString(data);
        hmac.Begin();
        hmac.Update(message, 0, message.Length);
        var output = new byte[HmacSha256.TagBytes + 1];
        hmac.Final(output, 1);
        Assert.Equal(tag, Hex(output, 1));
    }

    [Fact]
    public void Hmac_sha256_agrees_with_dotnet_and_reuses_its_key()
    {
        var random = new Random(4231);
        var hmac = new HmacSha256();
        for (int round = 0; round < 100; round++)
        {
            var key = new byte[random.Next(1, 100)];
            random.NextBytes(key);
            hmac.SetKey(key, 0, key.Length);
            for (int again = 0; again < 2; again++)
            {
                var message = new byte[random.Next(0, 300)];
                random.NextBytes(message);
                hmac.Begin();
                hmac.Update(message, 0, message.Length);
                var tag = new byte[32];
                hmac.Final(tag, 0);
                Assert.Equal(HMACSHA256.HashData(key, message), tag);
            }
        }
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    [InlineData("fooba", "Zm9vYmE")]
    [InlineData("foobar", "Zm9vYmFy")]
    public void Base64_matches_rfc_4648_without_padding_and_reads_it_with_or_without(string plain, string encoded)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(plain);
        var text = new byte[Base64.EncodedLength(bytes.Length) + 2];
        int written = Base64.Encode(bytes, 0, bytes.Length, text, 2);
        Assert.Equal(encoded, Encoding.ASCII.GetString(text, 2, written));
        foreach (string form in new[] { encoded, Convert.ToBase64String(bytes) })
        {
            byte[] input = Encoding.ASCII.GetBytes(form);
            var back = new byte[8];
            int read = Base64.Decode(input, 0, input.Length, back, 1);
            Assert.Equal(plain, Encoding.ASCII.GetString(back, 1, read));
        }
    }

    [Theory]
    [InlineData("Zm9v!")]      // not base64
    [InlineData("Zm9v Zg")]    // a space
    [InlineData("Zm9vY")]      // one character past a multiple of four
    [InlineData("Zm=v")]       // '=' inside
    [InlineData("Zg===")]      // three '='
    public void Base64_refuses_what_cannot_be_an_encoding(string text)
    {
        byte[] input = Encoding.ASCII.GetBytes(text);
        Assert.Equal(-1, Base64.Decode(input, 0, input.Length, new byte[16], 0));
    }

    [Fact]
    public void Base64_agrees_with_dotnet_on_random_bytes()
    {
        var random = new Random(4648);
        for (int length = 0; length < 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var text = new byte[Base64.EncodedLength(length)];
            Assert.Equal(text.Length, Base64.Encode(data, 0, length, text, 0));
            Assert.Equal(Convert.ToBase64String(data).TrimEnd('='), Encoding.ASCII.GetString(text));
            var back = new byte[length];
            Assert.Equal(length, Base64.Decode(text, 0, text.Length, back, 0));
            Assert.Equal(data, back);
        }
    }

    [Fact]
    public void Constant_time_comparison_finds_a_difference_anywhere_and_only_in_range()
    {
        var a = Encoding.ASCII.GetBytes("xxABCDEFGH");
        var b = Encoding.ASCII.GetBytes("ABCDEFGH");
        Assert.True(ConstantTime.Equal(a, 2, b, 0, 8));
        for (int i = 0; i < 8; i++)
        {
            var c = (byte[])b.Clone();
            c[i] ^= 0x01;
            Assert.False(ConstantTime.Equal(a, 2, c, 0, 8));
            Assert.True(ConstantTime.Equal(a, 2, c, 0, i));
        }
    }

    [Fact]
    public void A_real_fwknop_packet_authenticates_and_decrypts_to_its_request()
    {
        Gateway.Testing.FwknopPacket.Open(out string plaintext, out bool tagMatches);
        Assert.True(tagMatches);
        Assert.Equal(Gateway.Testing.FwknopPacket.Plaintext, plaintext);
    }

    // fwknop compares the tag as text: the 43rd character carries 2 spare bits, so "o" -> "p", "q", "r" decode to the
    // same 32 bytes; only the text the client wrote is the tag. One flipped bit anywhere fails the HMAC.
    [Theory]
    [InlineData('p')]
    [InlineData('q')]
    [InlineData('r')]
    public void Another_spelling_of_the_tag_or_one_changed_character_fails(char last)
    {
        string wire = Gateway.Testing.FwknopPacket.Wire;
        Gateway.Testing.FwknopPacket.Open(wire[..^1] + last, out _, out bool aliasMatches);
        Assert.False(aliasMatches);
        for (int at = 0; at < wire.Length - 1; at += 17)
        {
            char changed = wire[at] == 'A' ? 'B' : 'A';
            Gateway.Testing.FwknopPacket.Open(wire[..at] + changed + wire[(at + 1)..], out _, out bool matches);
            Assert.False(matches, $"character {at} changed");
        }
    }
}
