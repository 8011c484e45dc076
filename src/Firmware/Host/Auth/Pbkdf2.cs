// PBKDF2 with HMAC-SHA-256 (RFC 8018, RFC 2104), checked against RFC 4231's HMAC vectors and RFC 7914's
// PBKDF2-HMAC-SHA256 vectors. The console password is stored only as its salted, iterated hash.
using Gateway.Crypto;

namespace Gateway.Host.Auth
{
    /// <summary>HMAC-SHA-256 and PBKDF2-HMAC-SHA-256.</summary>
    public sealed class Pbkdf2
    {
        private readonly HmacSha256 _hmac = new HmacSha256();
        private readonly byte[] _digest = new byte[Sha256.DigestBytes];
        private readonly byte[] _u = new byte[Sha256.DigestBytes];
        private readonly byte[] _counter = new byte[4];

        /// <summary>HMAC-SHA-256 of <paramref name="message"/> under <paramref name="key"/> into <paramref name="output"/>.</summary>
        public void Hmac(byte[] key, byte[] message, int messageLength, byte[] output)
        {
            _hmac.SetKey(key, 0, key.Length);
            Mac(message, messageLength, null, output);
        }

        /// <summary>Derives <paramref name="output"/>.Length bytes from a password and salt.</summary>
        public void Derive(byte[] password, byte[] salt, int iterations, byte[] output)
        {
            _hmac.SetKey(password, 0, password.Length);
            for (int block = 1, done = 0; done < output.Length; block++)
            {
                _counter[0] = (byte)(block >> 24); _counter[1] = (byte)(block >> 16); _counter[2] = (byte)(block >> 8); _counter[3] = (byte)block;
                Mac(salt, salt.Length, _counter, _u);   // U1 = HMAC(P, S || INT(i))
                for (int k = 0; k < Sha256.DigestBytes; k++) _digest[k] = _u[k];
                for (int n = 1; n < iterations; n++)
                {
                    Mac(_u, Sha256.DigestBytes, null, _u);
                    for (int k = 0; k < Sha256.DigestBytes; k++) _digest[k] ^= _u[k];
                }
                for (int k = 0; k < Sha256.DigestBytes && done < output.Length; k++) output[done++] = _digest[k];
            }
        }

        private int _remaining;

        /// <summary>Starts deriving one block (32 bytes) in steps, so that a login never holds the loop:
        /// call <see cref="Step"/> until it returns true, then <see cref="Result"/>.</summary>
        public void Begin(byte[] password, byte[] salt, int iterations)
        {
            _hmac.SetKey(password, 0, password.Length);
            _counter[0] = 0; _counter[1] = 0; _counter[2] = 0; _counter[3] = 1;
            Mac(salt, salt.Length, _counter, _u);
            for (int k = 0; k < Sha256.DigestBytes; k++) _digest[k] = _u[k];
            _remaining = iterations - 1;
        }

        /// <summary>Runs at most <paramref name="iterations"/> more iterations; true when the block is done.</summary>
        public bool Step(int iterations)
        {
            for (int n = 0; n < iterations && _remaining > 0; n++, _remaining--)
            {
                Mac(_u, Sha256.DigestBytes, null, _u);
                for (int k = 0; k < Sha256.DigestBytes; k++) _digest[k] ^= _u[k];
            }
            return _remaining <= 0;
        }

        /// <summary>The derived block, after <see cref="Step"/> returned true.</summary>
        public void Result(byte[] output)
        {
            for (int k = 0; k < output.Length && k < Sha256.DigestBytes; k++) output[k] = _digest[k];
        }

        // HMAC over message[0..length) followed by suffix (when given); output may be the message.
        private void Mac(byte[] message, int length, byte[]? suffix, byte[] output)
        {
            _hmac.Begin();
            _hmac.Update(message, 0, length);
            if (suffix != null) _hmac.Update(suffix, 0, suffix.Length);
            _hmac.Final(output, 0);
        }
    }
}
