// IPv4 and IPv6 addresses as text, to and from 32-bit words (most significant word first).
// The device has no IPAddress.TryParse; this is the one parser the reader, the console and the PC share.
namespace Gateway.Core.Text
{
    /// <summary>Parses and formats IP addresses. IPv4 is one word; IPv6 is four, most significant first.</summary>
    public static class IpAddressText
    {
        /// <summary>Parses dotted-quad s[start..end).</summary>
        public static bool TryParseIpv4(string s, int start, int end, out uint value)
        {
            value = 0;
            int octets = 0;
            int at = start;
            while (octets < 4)
            {
                int digitsEnd = at;
                while (digitsEnd < end && s[digitsEnd] != '.') digitsEnd++;
                if (digitsEnd - at > 3) return false;
                if (!DecimalText.TryParseInt(s, at, digitsEnd, 255, out int octet)) return false;
                value = (value << 8) | (uint)octet;
                octets++;
                if (octets == 4) return digitsEnd == end;
                if (digitsEnd == end) return false;
                at = digitsEnd + 1;
            }
            return false;
        }

        /// <summary>Parses an IPv6 address (with <c>::</c> and an optional dotted-quad tail) into
        /// <paramref name="words"/>[offset..offset+4).</summary>
        public static bool TryParseIpv6(string s, int start, int end, uint[] words, int offset)
        {
            ushort[] groups = new ushort[8];
            int count = 0;
            int gapAt = -1;
            int at = start;
            if (end - start >= 2 && s[start] == ':' && s[start + 1] == ':') { gapAt = 0; at = start + 2; }
            else if (end > start && s[start] == ':') return false;
            while (at < end)
            {
                int partEnd = at;
                while (partEnd < end && s[partEnd] != ':') partEnd++;
                bool hasDot = false;
                for (int i = at; i < partEnd; i++) if (s[i] == '.') hasDot = true;
                if (hasDot)
                {
                    if (partEnd != end || count > 6) return false;
                    if (!TryParseIpv4(s, at, partEnd, out uint v4)) return false;
                    groups[count++] = (ushort)(v4 >> 16);
                    groups[count++] = (ushort)(v4 & 0xFFFF);
                    at = end;
                    break;
                }
                if (partEnd == at || partEnd - at > 4 || count == 8) return false;
                int group = 0;
                for (int i = at; i < partEnd; i++)
                {
                    int digit = Hex.Value(s[i]);
                    if (digit < 0) return false;
                    group = (group << 4) | digit;
                }
                groups[count++] = (ushort)group;
                if (partEnd == end) { at = end; break; }
                // partEnd is a ':'; a second one right after it is the gap.
                if (partEnd + 1 < end && s[partEnd + 1] == ':')
                {
                    if (gapAt >= 0) return false;
                    gapAt = count;
                    at = partEnd + 2;
                }
                else
                {
                    at = partEnd + 1;
                    if (at == end) return false;
                }
            }
            if (gapAt < 0 && count != 8) return false;
            if (gapAt >= 0 && count > 7) return false;
            ushort[] full = new ushort[8];
            int zeros = 8 - count;
            for (int i = 0, g = 0; i < 8; i++)
            {
                if (gapAt >= 0 && i >= gapAt && i < gapAt + zeros) { full[i] = 0; continue; }
                full[i] = groups[g++];
            }
            for (int w = 0; w < 4; w++) words[offset + w] = ((uint)full[2 * w] << 16) | full[2 * w + 1];
            return true;
        }

        public static void AppendIpv4(ITextSink sink, uint value)
        {
            for (int shift = 24; shift >= 0; shift -= 8)
            {
                DecimalText.Append(sink, (value >> shift) & 0xFF);
                if (shift > 0) sink.Append('.');
            }
        }

        /// <summary>Writes the RFC 5952 form: lower case, no leading zeros, the longest run of two or
        /// more zero groups (the first if tied) as <c>::</c>.</summary>
        public static void AppendIpv6(ITextSink sink, uint[] words, int offset)
        {
            int bestStart = -1, bestLength = 1;
            for (int i = 0; i < 8;)
            {
                if (Group(words, offset, i) != 0) { i++; continue; }
                int j = i;
                while (j < 8 && Group(words, offset, j) == 0) j++;
                if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
                i = j;
            }
            for (int i = 0; i < 8; i++)
            {
                if (i == bestStart)
                {
                    sink.Append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (i > 0 && i != bestStart + bestLength) sink.Append(':');
                AppendHex(sink, Group(words, offset, i));
            }
        }

        private static int Group(uint[] words, int offset, int index)
        {
            uint word = words[offset + index / 2];
            return (int)(index % 2 == 0 ? word >> 16 : word & 0xFFFF);
        }

        private static void AppendHex(ITextSink sink, int value)
        {
            bool started = false;
            for (int shift = 12; shift >= 0; shift -= 4)
            {
                int nibble = (value >> shift) & 0xF;
                if (nibble == 0 && !started && shift > 0) continue;
                started = true;
                sink.Append(Hex.Digit(nibble));
            }
        }
    }
}
