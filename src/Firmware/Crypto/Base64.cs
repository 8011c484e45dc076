// Base64 (RFC 4648's standard alphabet) on ASCII bytes, as fwknop writes it: without '=' padding (its decoder
// accepts the padding missing or present). Works between caller buffers, so a datagram is checked without a
// string or an allocation; nanoFramework's Convert would need both.
namespace Gateway.Crypto
{
    public static class Base64
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        /// <summary>Characters of the unpadded encoding of <paramref name="bytes"/> bytes.</summary>
        public static int EncodedLength(int bytes) { return bytes / 3 * 4 + (bytes % 3 == 0 ? 0 : bytes % 3 + 1); }

        /// <summary>Encodes without padding into <paramref name="output"/>; returns the characters written.</summary>
        public static int Encode(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            int o = outputOffset;
            int i = 0;
            for (; i + 3 <= count; i += 3)
            {
                int v = (data[offset + i] << 16) | (data[offset + i + 1] << 8) | data[offset + i + 2];
                output[o++] = (byte)Alphabet[v >> 18];
                output[o++] = (byte)Alphabet[(v >> 12) & 63];
                output[o++] = (byte)Alphabet[(v >> 6) & 63];
                output[o++] = (byte)Alphabet[v & 63];
            }
            int left = count - i;
            if (left > 0)
            {
                int v = data[offset + i] << 16;
                if (left == 2) v |= data[offset + i + 1] << 8;
                output[o++] = (byte)Alphabet[v >> 18];
                output[o++] = (byte)Alphabet[(v >> 12) & 63];
                if (left == 2) output[o++] = (byte)Alphabet[(v >> 6) & 63];
            }
            return o - outputOffset;
        }

        /// <summary>The value of one base64 character, or -1 for any other byte ('=' included).</summary>
        public static int ValueOf(int c)
        {
            if (c >= 'A' && c <= 'Z') return c - 'A';
            if (c >= 'a' && c <= 'z') return c - 'a' + 26;
            if (c >= '0' && c <= '9') return c - '0' + 52;
            if (c == '+') return 62;
            if (c == '/') return 63;
            return -1;
        }

        /// <summary>Decodes <paramref name="count"/> characters (up to two trailing '=' allowed) into
        /// <paramref name="output"/>; returns the bytes written, or -1 when a character is not base64 or the length
        /// cannot be an encoding (one character past a multiple of four).</summary>
        public static int Decode(byte[] text, int offset, int count, byte[] output, int outputOffset)
        {
            int end = offset + count;
            if (count > 0 && text[end - 1] == '=') end--;
            if (end > offset && text[end - 1] == '=') end--;
            if ((end - offset) % 4 == 1) return -1;
            int o = outputOffset;
            int bits = 0, value = 0;
            for (int i = offset; i < end; i++)
            {
                int v = ValueOf(text[i]);
                if (v < 0) return -1;
                value = (value << 6) | v;
                bits += 6;
                if (bits >= 8)
                {
                    bits -= 8;
                    output[o++] = (byte)(value >> bits);
                    value &= (1 << bits) - 1;
                }
            }
            return o - outputOffset;
        }
    }
}
