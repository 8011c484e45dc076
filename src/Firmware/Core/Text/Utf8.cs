// UTF-8 encoding of package text: the device's mscorlib has no System.Text.Encoding.
namespace Gateway.Core.Text
{
    /// <summary>Encodes characters as UTF-8 bytes.</summary>
    public static class Utf8
    {
        /// <summary>Encodes the buffer; an unpaired surrogate becomes U+FFFD.</summary>
        public static byte[] Encode(TextBuffer text)
        {
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                count += Width(CodeAt(text, i, out int extra));
                i += extra;
            }
            byte[] bytes = new byte[count];
            int at = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int code = CodeAt(text, i, out int extra);
                i += extra;
                if (code < 0x80) bytes[at++] = (byte)code;
                else if (code < 0x800) { bytes[at++] = (byte)(0xC0 | (code >> 6)); bytes[at++] = (byte)(0x80 | (code & 0x3F)); }
                else if (code < 0x10000) { bytes[at++] = (byte)(0xE0 | (code >> 12)); bytes[at++] = (byte)(0x80 | ((code >> 6) & 0x3F)); bytes[at++] = (byte)(0x80 | (code & 0x3F)); }
                else { bytes[at++] = (byte)(0xF0 | (code >> 18)); bytes[at++] = (byte)(0x80 | ((code >> 12) & 0x3F)); bytes[at++] = (byte)(0x80 | ((code >> 6) & 0x3F)); bytes[at++] = (byte)(0x80 | (code & 0x3F)); }
            }
            return bytes;
        }

        /// <summary>Encodes a string.</summary>
        public static byte[] Encode(string text)
        {
            TextBuffer b = new TextBuffer(text.Length + 1);
            b.Append(text);
            return Encode(b);
        }

        private static int Width(int code)
        {
            if (code < 0x80) return 1;
            if (code < 0x800) return 2;
            if (code < 0x10000) return 3;
            return 4;
        }

        private static int CodeAt(TextBuffer text, int i, out int extra)
        {
            extra = 0;
            char c = text[i];
            if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
            {
                extra = 1;
                return 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
            }
            if (c >= 0xD800 && c <= 0xDFFF) return 0xFFFD;
            return c;
        }
    }
}
