// Hexadecimal digits in and out, for every text form the core reads or writes (IPv6 groups, JSON \u
// escapes, RouterOS \XX escapes, table ids, console upload chunks and CRCs).
namespace Gateway.Core.Text
{
    /// <summary>Hex digit conversions without culture or allocation.</summary>
    public static class Hex
    {
        /// <summary>The value of a hex digit (either case), or -1 when <paramref name="c"/> is not one.</summary>
        public static int Value(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>The lower-case digit of a value 0-15.</summary>
        public static char Digit(int value) { return (char)(value < 10 ? '0' + value : 'a' + value - 10); }

        /// <summary>The upper-case digit of a value 0-15 (RouterOS writes its \XX escapes so).</summary>
        public static char UpperDigit(int value) { return (char)(value < 10 ? '0' + value : 'A' + value - 10); }

        /// <summary>Writes the low <paramref name="digits"/> nibbles of a value, most significant first, lower case.</summary>
        public static string ToText(ulong value, int digits)
        {
            char[] c = new char[digits];
            for (int i = digits - 1; i >= 0; i--)
            {
                c[i] = Digit((int)(value & 0xF));
                value >>= 4;
            }
            return new string(c);
        }

        /// <summary>Parses 1-8 hex digits as a 32-bit value.</summary>
        public static bool TryParse32(string s, out uint value)
        {
            value = 0;
            if (s.Length == 0 || s.Length > 8) return false;
            for (int i = 0; i < s.Length; i++)
            {
                int d = Value(s[i]);
                if (d < 0) return false;
                value = (value << 4) | (uint)d;
            }
            return true;
        }
    }
}
