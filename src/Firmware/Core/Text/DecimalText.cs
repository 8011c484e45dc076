// Decimal integers in and out without culture or allocation; the device has few numeric formats.
namespace Gateway.Core.Text
{
    /// <summary>Parses and writes base-10 integers.</summary>
    public static class DecimalText
    {
        /// <summary>Parses s[start..end) as a non-negative integer no larger than <paramref name="max"/>.</summary>
        public static bool TryParse(string s, int start, int end, long max, out long value)
        {
            value = 0;
            if (start >= end) return false;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
                if (value > max) return false;
            }
            return true;
        }

        /// <summary>Parses a whole string as a non-negative int no larger than <paramref name="max"/>.</summary>
        public static bool TryParseInt(string s, int start, int end, int max, out int value)
        {
            long v;
            bool ok = TryParse(s, start, end, max, out v);
            value = (int)v;
            return ok;
        }

        public static void Append(ITextSink sink, long value)
        {
            if (value < 0)
            {
                sink.Append('-');
                if (value == long.MinValue) { sink.Append("9223372036854775808"); return; }
                value = -value;
            }
            long divisor = 1;
            while (value / divisor >= 10) divisor *= 10;
            while (divisor > 0)
            {
                sink.Append((char)('0' + (int)(value / divisor % 10)));
                divisor /= 10;
            }
        }

        public static string ToText(long value)
        {
            TextBuffer b = new TextBuffer(20);
            Append(b, value);
            return b.ToString();
        }
    }
}
