// One stanza's two keys, as fwknop's KEY_BASE64 and HMAC_KEY_BASE64 give them: the encryption key is a
// passphrase into OpenSSL's key derivation (1 to 32 bytes), the HMAC key is used as it is (up to 128 bytes;
// `gateway spa keygen` makes 32 and 64 random bytes, as `fwknop --key-gen` does). Never in a rule package.
namespace Gateway.Crypto.Spa
{
    public sealed class SpaKeys
    {
        public const int MaxKeyBytes = 32;
        public const int MaxHmacKeyBytes = 128;

        // Read only by the verifier: keys never leave this class but into the HMAC and the key derivation.
        internal readonly byte[] Key = new byte[MaxKeyBytes];
        internal int KeyLength;
        internal readonly byte[] HmacKey = new byte[MaxHmacKeyBytes];
        internal int HmacKeyLength;
        /// <summary>HMAC-SHA-256 under <see cref="HmacKey"/>, its key blocks hashed once here rather than per datagram.</summary>
        internal readonly HmacSha256 Hmac = new HmacSha256();

        /// <summary>True once <see cref="Set"/> took both keys.</summary>
        public bool IsSet { get { return KeyLength > 0 && HmacKeyLength > 0; } }

        /// <summary>Sets both keys from their base64 text (ASCII bytes); false, and nothing set, when either does not
        /// decode to a length fwknop allows or both are the same (fwknopd refuses that too).</summary>
        public bool Set(byte[] keyBase64, int keyOffset, int keyCount, byte[] hmacBase64, int hmacOffset, int hmacCount)
        {
            byte[] key = new byte[keyCount];
            byte[] hmac = new byte[hmacCount];
            int k = Base64.Decode(keyBase64, keyOffset, keyCount, key, 0);
            int h = Base64.Decode(hmacBase64, hmacOffset, hmacCount, hmac, 0);
            bool usable = k >= 1 && k <= MaxKeyBytes && h >= 1 && h <= MaxHmacKeyBytes && !(k == h && ConstantTime.Equal(key, 0, hmac, 0, k));
            if (usable)
            {
                for (int i = 0; i < k; i++) Key[i] = key[i];
                for (int i = 0; i < h; i++) HmacKey[i] = hmac[i];
            }
            // The decoded copies are not left for the collector to keep.
            for (int i = 0; i < key.Length; i++) key[i] = 0;
            for (int i = 0; i < hmac.Length; i++) hmac[i] = 0;
            if (!usable) return false;
            KeyLength = k;
            HmacKeyLength = h;
            Hmac.SetKey(HmacKey, 0, h);
            return true;
        }

        /// <summary>Forgets both keys, their bytes and the HMAC's key states overwritten (keys replaced or removed).</summary>
        public void Clear()
        {
            for (int i = 0; i < Key.Length; i++) Key[i] = 0;
            for (int i = 0; i < HmacKey.Length; i++) HmacKey[i] = 0;
            KeyLength = 0;
            HmacKeyLength = 0;
            Hmac.SetKey(HmacKey, 0, 0);
        }
    }
}
