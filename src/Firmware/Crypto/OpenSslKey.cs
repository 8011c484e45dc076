// OpenSSL's EVP_BytesToKey with MD5 and one round, as fwknop derives its AES-256 key and IV from the shared key
// and the packet's 8-byte salt: D1 = MD5(key || salt), Dn = MD5(Dn-1 || key || salt); AES key = D1 || D2,
// IV = D3. A key stretched this little is only as strong as the key itself: `gateway spa keygen` makes
// 32 random bytes, never a passphrase.
namespace Gateway.Crypto
{
    public sealed class OpenSslKey
    {
        public const int SaltBytes = 8;

        private readonly Md5 _md5 = new Md5();
        private readonly byte[] _digest = new byte[Md5.DigestBytes];

        /// <summary>Derives the 32-byte key into <paramref name="aesKey"/> and the 16-byte IV into <paramref name="iv"/>.</summary>
        public void Derive(byte[] secret, int secretOffset, int secretLength, byte[] salt, int saltOffset, byte[] aesKey, byte[] iv)
        {
            for (int n = 0; n < 3; n++)
            {
                if (n > 0) _md5.Update(_digest, 0, Md5.DigestBytes);
                _md5.Update(secret, secretOffset, secretLength);
                _md5.Update(salt, saltOffset, SaltBytes);
                _md5.Final(_digest, 0);
                byte[] target = n < 2 ? aesKey : iv;
                int at = n == 1 ? Md5.DigestBytes : 0;
                for (int i = 0; i < Md5.DigestBytes; i++) target[at + i] = _digest[i];
            }
        }
    }
}
