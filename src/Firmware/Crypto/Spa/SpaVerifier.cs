// Checks one SPA datagram as fwknopd does in Rijndael mode with HMAC (fwknop 2.6's lib/fko_hmac.c,
// fko_encryption.c, fko_decode.c, fko_message.c), into fixed buffers: nothing is allocated per datagram, so a
// flood of forgeries costs time, never memory. The order matters: the HMAC is checked first, over the text,
// so a forged datagram costs two SHA-256 passes and is never decrypted or parsed. Then: base64, "Salted__" and
// the salt, OpenSSL's key derivation, AES-256-CBC, fwknop's padding, and the plaintext's fields
// (RAND:USER:TIME:VERSION:TYPE:MESSAGE[:TIMEOUT]:DIGEST), with the digest checked. What the request may open,
// how old it may be and whether it was seen before is the policy's business (Host), not this file's.
// Not taken: GPG, legacy key padding, digests other than SHA-256 (fwknop's client default), server_auth.
namespace Gateway.Crypto.Spa
{
    public sealed class SpaVerifier
    {
        /// <summary>fwknopd's bounds on a Rijndael datagram: MIN_SPA_DATA_SIZE, and the longest whose text (the
        /// prefix put back, the tag taken off) stays under the 400 characters from which fwknopd takes it for GPG
        /// (fko_encryption.c), which the gateway does not do.</summary>
        public const int MinWireBytes = 140, MaxWireBytes = 432;
        /// <summary>Characters of an HMAC-SHA-256 tag in unpadded base64, at the datagram's end.</summary>
        public const int TagCharacters = 43;
        /// <summary>fwknop's bounds on the decrypted plaintext.</summary>
        public const int MinPlaintextBytes = 36, MaxPlaintextBytes = 1499;
        private const int HeaderBytes = 16;   // "Salted__" and the 8-byte salt
        private const int MaxFields = 9;

        // The 10 characters the client strips ("U2FsdGVkX1" = base64 of "Salted_"): put back before the HMAC and
        // the decoding, and refused when a datagram arrives with them (fwknopd: a replay with the prefix restored).
        private static readonly byte[] s_prefix = { 0x55, 0x32, 0x46, 0x73, 0x64, 0x47, 0x56, 0x6b, 0x58, 0x31 };
        private static readonly byte[] s_salted = { 0x53, 0x61, 0x6c, 0x74, 0x65, 0x64, 0x5f, 0x5f };

        private readonly Sha256 _sha = new Sha256();
        private readonly OpenSslKey _kdf = new OpenSslKey();
        private readonly Aes256 _aes = new Aes256();
        private readonly byte[] _text = new byte[10 + MaxWireBytes];
        private readonly byte[] _raw = new byte[(10 + MaxWireBytes) / 4 * 3 + 3];
        private readonly byte[] _scratch = new byte[(10 + MaxWireBytes) / 4 * 3 + 3];   // a decoded field: never longer than the plaintext
        private readonly byte[] _tag = new byte[HmacSha256.TagBytes];
        private readonly byte[] _digest = new byte[Sha256.DigestBytes];
        private readonly byte[] _digestText = new byte[TagCharacters + 1];
        private readonly byte[] _aesKey = new byte[Aes256.KeyBytes];
        private readonly byte[] _iv = new byte[Aes256.BlockBytes];
        private readonly int[] _fieldStart = new int[MaxFields];
        private readonly int[] _fieldEnd = new int[MaxFields];

        /// <summary>Checks <paramref name="length"/> bytes of a datagram's payload under one stanza's keys; on
        /// <see cref="SpaCheck.Ok"/> the request is filled.</summary>
        /// <remarks>Anything but Ok leaves the request cleared. One verifier serves one thread: its buffers are shared.</remarks>
        public SpaCheck Check(byte[] wire, int offset, int length, SpaKeys keys, SpaRequest request)
        {
            SpaCheck result = Verify(wire, offset, length, keys, request);
            if (result != SpaCheck.Ok) request.Clear();
            return result;
        }

        /// <summary>True when the datagram has the shape of fwknop's Rijndael mode: public facts only, checked without
        /// a key or a hash, so a listener can drop noise before it spends a verification on it.</summary>
        public static bool IsWellFormed(byte[] wire, int offset, int length)
        {
            if (offset < 0 || length < MinWireBytes || length > MaxWireBytes || offset > wire.Length - length) return false;
            for (int i = 0; i < length; i++)
                if (Base64.ValueOf(wire[offset + i]) < 0 && wire[offset + i] != '=') return false;
            if (ConstantTime.Equal(wire, offset, s_prefix, 0, s_prefix.Length)) return false;
            // Public facts of the format, free before the HMAC: the text's 11th character carries the end of
            // "Salted__" (one of 8 9 + /), and the text decodes to the header and whole AES blocks.
            int first = wire[offset];
            if (first != '8' && first != '9' && first != '+' && first != '/') return false;
            int textChars = s_prefix.Length + length - TagCharacters;
            int textBytes = textChars / 4 * 3 + (textChars % 4 == 0 ? 0 : textChars % 4 - 1);
            if (textChars % 4 == 1 || textBytes < HeaderBytes + Aes256.BlockBytes || (textBytes - HeaderBytes) % Aes256.BlockBytes != 0) return false;
            return true;
        }

        private SpaCheck Verify(byte[] wire, int offset, int length, SpaKeys keys, SpaRequest request)
        {
            request.Clear();
            // Keys never set would make the HMAC and the encryption keys empty, which anyone can compute: fail closed.
            if (!keys.IsSet) return SpaCheck.Hmac;
            if (!IsWellFormed(wire, offset, length)) return SpaCheck.Format;

            // The tag: HMAC-SHA-256 of the prefix and the body, compared as base64 text (fwknop compares text: the
            // last character's two spare bits would let four spellings of one tag pass a byte comparison).
            int body = length - TagCharacters;
            int textLength = s_prefix.Length + body;
            for (int i = 0; i < s_prefix.Length; i++) _text[i] = s_prefix[i];
            for (int i = 0; i < body; i++) _text[s_prefix.Length + i] = wire[offset + i];
            HmacSha256 hmac = keys.Hmac;
            hmac.Begin();
            hmac.Update(_text, 0, textLength);
            hmac.Final(_tag, 0);
            Base64.Encode(_tag, 0, HmacSha256.TagBytes, _digestText, 0);
            // The right tag stays in this verifier: handed out with a refusal, it would let anyone tag any body.
            if (!ConstantTime.Equal(_digestText, 0, wire, offset + body, TagCharacters)) return SpaCheck.Hmac;
            for (int i = 0; i < HmacSha256.TagBytes; i++) request.Tag[i] = _tag[i];

            // "Salted__", the salt and whole AES blocks; the key and IV from the key and the salt.
            int rawLength = Base64.Decode(_text, 0, textLength, _raw, 0);
            if (rawLength < HeaderBytes + Aes256.BlockBytes || (rawLength - HeaderBytes) % Aes256.BlockBytes != 0) return SpaCheck.Decrypt;
            if (!ConstantTime.Equal(_raw, 0, s_salted, 0, s_salted.Length)) return SpaCheck.Decrypt;
            _kdf.Derive(keys.Key, 0, keys.KeyLength, _raw, s_salted.Length, _aesKey, _iv);
            _aes.SetKey(_aesKey, 0);
            _aes.DecryptCbc(_iv, 0, _raw, HeaderBytes, rawLength - HeaderBytes, _raw, HeaderBytes);
            int plainLength = rawLength - HeaderBytes;
            // fwknop strips the padding only when it is well-formed (cipher_funcs.c); the fields decide the rest.
            int pad = _raw[rawLength - 1];
            if (pad >= 1 && pad <= Aes256.BlockBytes)
            {
                bool padded = true;
                for (int i = 1; i <= pad; i++) if (_raw[rawLength - i] != pad) padded = false;
                if (padded) plainLength -= pad;
            }
            if (plainLength < MinPlaintextBytes || plainLength > MaxPlaintextBytes) return SpaCheck.Decrypt;
            for (int i = 0; i < 16; i++) if (!IsDigit(_raw[HeaderBytes + i])) return SpaCheck.Decrypt;
            if (_raw[HeaderBytes + 16] != ':') return SpaCheck.Decrypt;
            for (int i = 0; i < plainLength; i++)
            {
                int c = _raw[HeaderBytes + i];
                if (c < 0x20 || c > 0x7E) return SpaCheck.Decrypt;
            }
            return Parse(_raw, HeaderBytes, plainLength, request);
        }

        // RAND:USER:TIME:VERSION:TYPE:MESSAGE[:TIMEOUT]:DIGEST, fwknop's field rules (fko_decode.c).
        private SpaCheck Parse(byte[] p, int start, int length, SpaRequest request)
        {
            int fields = 0, from = start, end = start + length;
            for (int i = start; i <= end; i++)
            {
                if (i < end && p[i] != ':') continue;
                if (fields == MaxFields) return SpaCheck.Message;
                _fieldStart[fields] = from;
                _fieldEnd[fields] = i;
                fields++;
                from = i + 1;
            }
            if (fields < 7) return SpaCheck.Message;

            // The digest: unpadded base64 of the SHA-256 of everything before the last colon.
            int digestAt = _fieldStart[fields - 1];
            if (_fieldEnd[fields - 1] - digestAt != TagCharacters) return SpaCheck.Message;
            _sha.Update(p, start, digestAt - 1 - start);
            _sha.Final(_digest, 0);
            Base64.Encode(_digest, 0, Sha256.DigestBytes, _digestText, 0);
            if (!ConstantTime.Equal(_digestText, 0, p, digestAt, TagCharacters)) return SpaCheck.Message;

            for (int i = 0; i < 16; i++) request.Random[i] = p[start + i];
            // The user: at most 64 characters of base64 (fwknop bounds the text), none of fwknop's refused characters.
            if (_fieldEnd[1] - _fieldStart[1] > SpaRequest.MaxUserBytes) return SpaCheck.Message;
            int userLength = DecodeField(p, 1, request.User, SpaRequest.MaxUserBytes);
            if (userLength < 1) return SpaCheck.Message;
            for (int i = 0; i < userLength; i++) if (!UserCharacter(request.User[i])) return SpaCheck.Message;
            request.UserLength = userLength;
            long time = Number(p, _fieldStart[2], _fieldEnd[2], 12);
            if (time < 0) return SpaCheck.Message;
            request.Timestamp = time;
            int version = _fieldEnd[3] - _fieldStart[3];
            if (version < 1 || version > SpaRequest.MaxVersionBytes) return SpaCheck.Message;
            for (int i = 0; i < version; i++) request.Version[i] = p[_fieldStart[3] + i];
            request.VersionLength = version;
            long type = Number(p, _fieldStart[4], _fieldEnd[4], 1);
            if (type < 0 || type > 6) return SpaCheck.Message;
            request.Type = (int)type;
            if (type != SpaRequest.AccessType && type != SpaRequest.AccessWithTimeoutType) return SpaCheck.Type;
            // Access: exactly RAND..MESSAGE and the digest; with timeout: the timeout between them.
            if (fields != (type == SpaRequest.AccessType ? 7 : 8)) return SpaCheck.Message;
            if (type == SpaRequest.AccessWithTimeoutType)
            {
                long timeout = Number(p, _fieldStart[6], _fieldEnd[6], 5);
                if (timeout < 0 || timeout > 65536) return SpaCheck.Message;
                request.ClientTimeout = (int)timeout;
            }
            int messageLength = DecodeField(p, 5, _scratch, _scratch.Length);
            if (messageLength < 1 || !ParseAccess(_scratch, messageLength, request)) return SpaCheck.Message;
            return SpaCheck.Ok;
        }

        // IPv4,proto/port[,proto/port...] (fko_message.c): a dotted address, then tcp or udp and a port 1-65535.
        private static bool ParseAccess(byte[] m, int length, SpaRequest request)
        {
            int at = 0;
            uint address = 0;
            for (int octet = 0; octet < 4; octet++)
            {
                int digits = 0, value = 0;
                // A leading zero is refused: fwknop's inet_aton would read 010 as octal.
                if (at + 1 < length && m[at] == '0' && IsDigit(m[at + 1])) return false;
                while (at < length && IsDigit(m[at]) && digits < 3) { value = value * 10 + (m[at] - '0'); at++; digits++; }
                if (digits == 0 || value > 255) return false;
                address = (address << 8) | (uint)value;
                if (octet < 3) { if (at >= length || m[at] != '.') return false; at++; }
            }
            request.Address = address;
            while (at < length)
            {
                if (m[at] != ',' || request.AccessCount == SpaRequest.MaxAccess) return false;
                at++;
                int protocol;
                // Lower case only, as fwknop's strncmp.
                if (at + 4 <= length && m[at] == 't' && m[at + 1] == 'c' && m[at + 2] == 'p') protocol = SpaRequest.Tcp;
                else if (at + 4 <= length && m[at] == 'u' && m[at + 1] == 'd' && m[at + 2] == 'p') protocol = SpaRequest.Udp;
                else return false;
                at += 3;
                if (m[at] != '/') return false;
                at++;
                int digits = 0, port = 0;
                while (at < length && IsDigit(m[at]) && digits < 5) { port = port * 10 + (m[at] - '0'); at++; digits++; }
                if (digits == 0 || port < 1 || port > 65535) return false;
                request.Protocols[request.AccessCount] = protocol;
                request.Ports[request.AccessCount] = port;
                request.AccessCount++;
            }
            return request.AccessCount > 0;
        }

        // Decodes field number `field` (base64) into `output`; -1 when it is not base64 or longer than `max` bytes.
        private int DecodeField(byte[] p, int field, byte[] output, int max)
        {
            int count = _fieldEnd[field] - _fieldStart[field];
            if (count < 2) return -1;
            if ((count + 3) / 4 * 3 > output.Length) return -1;   // cannot fit: refused before decoding
            int decoded = Base64.Decode(p, _fieldStart[field], count, output, 0);
            if (decoded < 0 || decoded > max) return -1;
            return decoded;
        }

        // A decimal field of 1 to `maxDigits` digits, or -1.
        private static long Number(byte[] p, int from, int to, int maxDigits)
        {
            if (to - from < 1 || to - from > maxDigits) return -1;
            long value = 0;
            for (int i = from; i < to; i++)
            {
                if (!IsDigit(p[i])) return -1;
                value = value * 10 + (p[i] - '0');
            }
            return value;
        }

        private static bool IsDigit(int c) { return c >= '0' && c <= '9'; }

        // fko_user.c refuses these in a user name: " / \ [ ] : ; | = , + * ? < > and control characters.
        private static bool UserCharacter(int c)
        {
            if (c < 0x20 || c > 0x7E) return false;
            switch (c)
            {
                case '"': case '/': case '\\': case '[': case ']': case ':': case ';': case '|':
                case '=': case ',': case '+': case '*': case '?': case '<': case '>':
                    return false;
            }
            return true;
        }
    }
}
