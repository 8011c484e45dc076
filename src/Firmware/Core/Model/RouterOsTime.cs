// RouterOS time values (routeros-semantics.md, "CLI text"): 1w2d3h4m5s, 500ms, HH:MM:SS, NdHH:MM:SS,
// or bare seconds; written back in the shortest unit form (1m, 1h30m, 500ms).
using Gateway.Core.Text;

namespace Gateway.Core.Model
{
    /// <summary>Parses and formats RouterOS durations in milliseconds.</summary>
    public static class RouterOsTime
    {
        private const long Second = 1000;
        private const long Minute = 60 * Second;
        private const long Hour = 60 * Minute;
        private const long Day = 24 * Hour;
        private const long Week = 7 * Day;

        /// <summary>Parses a duration no larger than <paramref name="maxMs"/>.</summary>
        public static bool TryParse(string text, long maxMs, out long ms)
        {
            ms = 0;
            int end = text.Length;
            if (end == 0) return false;
            if (IndexOf(text, ':') >= 0) return TryParseClock(text, maxMs, out ms);
            if (DecimalText.TryParse(text, 0, end, maxMs / Second, out long seconds)) { ms = seconds * Second; return true; }
            int at = 0;
            int lastRank = 0;
            while (at < end)
            {
                int digitsEnd = at;
                while (digitsEnd < end && text[digitsEnd] >= '0' && text[digitsEnd] <= '9') digitsEnd++;
                if (!DecimalText.TryParse(text, at, digitsEnd, maxMs, out long amount)) return false;
                if (digitsEnd == end) return false;
                long unit;
                int rank;
                int unitEnd = digitsEnd + 1;
                char u = text[digitsEnd];
                if (u == 'm' && unitEnd < end && text[unitEnd] == 's') { unit = 1; rank = 6; unitEnd++; }
                else if (u == 'w') { unit = Week; rank = 1; }
                else if (u == 'd') { unit = Day; rank = 2; }
                else if (u == 'h') { unit = Hour; rank = 3; }
                else if (u == 'm') { unit = Minute; rank = 4; }
                else if (u == 's') { unit = Second; rank = 5; }
                else return false;
                if (rank <= lastRank) return false;
                lastRank = rank;
                if (amount > (maxMs - ms) / unit) return false;
                ms += amount * unit;
                at = unitEnd;
            }
            return true;
        }

        /// <summary>Writes ms as w/d/h/m/s/ms parts, largest first; zero is <c>0s</c>.</summary>
        public static void AppendTo(ITextSink sink, long ms)
        {
            if (ms == 0) { sink.Append("0s"); return; }
            ms = Part(sink, ms, Week, 'w');
            ms = Part(sink, ms, Day, 'd');
            ms = Part(sink, ms, Hour, 'h');
            ms = Part(sink, ms, Minute, 'm');
            ms = Part(sink, ms, Second, 's');
            if (ms > 0) { DecimalText.Append(sink, ms); sink.Append("ms"); }
        }

        public static string ToText(long ms)
        {
            TextBuffer b = new TextBuffer(16);
            AppendTo(b, ms);
            return b.ToString();
        }

        private static long Part(ITextSink sink, long ms, long unit, char suffix)
        {
            if (ms < unit) return ms;
            DecimalText.Append(sink, ms / unit);
            sink.Append(suffix);
            return ms % unit;
        }

        // [Nd]HH:MM:SS, as RouterOS prints durations of a day or more ("1d00:00:00").
        private static bool TryParseClock(string text, long maxMs, out long ms)
        {
            ms = 0;
            int end = text.Length;
            int at = 0;
            int d = IndexOf(text, 'd');
            if (d >= 0)
            {
                if (!DecimalText.TryParse(text, 0, d, maxMs / Day, out long days)) return false;
                ms = days * Day;
                at = d + 1;
            }
            int c1 = IndexOfFrom(text, ':', at);
            int c2 = c1 < 0 ? -1 : IndexOfFrom(text, ':', c1 + 1);
            if (c1 < 0 || c2 < 0) return false;
            if (!DecimalText.TryParse(text, at, c1, 23 + (d >= 0 ? 0 : maxMs / Hour), out long h)) return false;
            if (c2 - c1 != 3 || end - c2 != 3) return false;
            if (!DecimalText.TryParse(text, c1 + 1, c2, 59, out long m)) return false;
            if (!DecimalText.TryParse(text, c2 + 1, end, 59, out long s)) return false;
            ms += h * Hour + m * Minute + s * Second;
            return ms <= maxMs;
        }

        private static int IndexOf(string s, char c) { return IndexOfFrom(s, c, 0); }

        private static int IndexOfFrom(string s, char c, int from)
        {
            for (int i = from; i < s.Length; i++) if (s[i] == c) return i;
            return -1;
        }
    }
}
