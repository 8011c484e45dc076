// A real fwknop SPA packet taken apart with the device's cryptography alone, for the tests of both runtimes:
// fwknop's own test suite's packet from its "v2.5 Ubuntu-12.04" client (mrash/fwknop test/tests/os_compatibility.pl,
// line 139) under the keys of test/conf/hmac_access.conf. The steps are fwknopd's (lib/fko_hmac.c, fko_encryption.c):
// the HMAC-SHA-256 of "U2FsdGVkX1" + body, as unpadded base64 text, is the last 43 characters; the body with that
// prefix is base64 of "Salted__" + salt + AES-256-CBC ciphertext under EVP_BytesToKey(MD5, key, salt).
using Gateway.Crypto;

namespace Gateway.Testing
{
    internal static class FwknopPacket
    {
        public const string Wire = "97UwsN9v6iQxs9/hrSnbRKDF8byw+niI0PDx0AvuhLP2NmAaz4qktRjl1p7lUAGBzLi+4o58wJCkHs3QUluHBcMAS6hqIT7qMc/aQlcJzNsQWEfPCkAE0m1zLnjGGE3C9u943F+0csrZs+ysKKca+sVBcAKhsTNsMjT9HojVMdk+r9RhJqUa2JJz7fZIZauvBrygBVg0yh6o";
        public const string KeyBase64 = "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=";
        public const string HmacKeyBase64 = "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==";
        /// <summary>What fwknop's packet carries: random, user "root", time, version, type 1 (access), "127.0.0.2,tcp/22", digest.</summary>
        public const string Plaintext = "6216550337595696:cm9vdA:1371001727:2.5.0:1:MTI3LjAuMC4yLHRjcC8yMg:IRUeghNNvLDc8hXmJFVu8NJLiuh1RcgQwBT79Hd09+o";

        private const string Prefix = "U2FsdGVkX1";   // base64 of "Salted_", which the client strips
        private const int TagCharacters = 43;         // unpadded base64 of a 32-byte HMAC-SHA-256 tag

        /// <summary>Checks the packet's tag under <see cref="HmacKeyBase64"/> and decrypts it under <see cref="KeyBase64"/>.</summary>
        public static void Open(out string plaintext, out bool tagMatches) { Open(Wire, out plaintext, out tagMatches); }

        /// <summary>As <see cref="Open(out string, out bool)"/> for another wire under the same keys ("" when it cannot decrypt).</summary>
        public static void Open(string wire, out string plaintext, out bool tagMatches)
        {
            int bodyLength = wire.Length - TagCharacters;
            byte[] text = Ascii(Prefix + wire);
            int textLength = Prefix.Length + bodyLength;

            byte[] hmacKey = Decoded(HmacKeyBase64, out int hmacKeyLength);
            HmacSha256 hmac = new HmacSha256();
            hmac.SetKey(hmacKey, 0, hmacKeyLength);
            hmac.Begin();
            hmac.Update(text, 0, textLength);
            byte[] tag = new byte[HmacSha256.TagBytes];
            hmac.Final(tag, 0);
            byte[] tagText = new byte[Base64.EncodedLength(tag.Length)];
            Base64.Encode(tag, 0, tag.Length, tagText, 0);
            tagMatches = tagText.Length == TagCharacters && ConstantTime.Equal(tagText, 0, text, textLength, TagCharacters);

            byte[] raw = new byte[textLength];
            int rawLength = Base64.Decode(text, 0, textLength, raw, 0);
            plaintext = "";
            if (rawLength < 32 || (rawLength - 16) % Aes256.BlockBytes != 0) return;
            byte[] secret = Decoded(KeyBase64, out int secretLength);
            byte[] aesKey = new byte[Aes256.KeyBytes], iv = new byte[Aes256.BlockBytes];
            new OpenSslKey().Derive(secret, 0, secretLength, raw, 8, aesKey, iv);
            Aes256 aes = new Aes256();
            aes.SetKey(aesKey, 0);
            aes.DecryptCbc(iv, 0, raw, 16, rawLength - 16, raw, 16);
            int padding = raw[rawLength - 1];
            int length = rawLength - 16 - (padding >= 1 && padding <= 16 ? padding : 0);
            for (int i = 0; i < length; i++) plaintext += (char)raw[16 + i];
        }

        private static byte[] Decoded(string base64, out int length)
        {
            byte[] text = Ascii(base64);
            byte[] bytes = new byte[text.Length];
            length = Base64.Decode(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        private static byte[] Ascii(string text)
        {
            byte[] b = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) b[i] = (byte)text[i];
            return b;
        }
    }
}
