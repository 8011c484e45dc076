// UTC calendar text from Unix milliseconds, without DateTime: the same arithmetic on the board and the PC
// (days to year, month, day as in Howard Hinnant's "chrono-compatible low-level date algorithms").
using Gateway.Core.Text;

namespace Gateway.Host.Time
{
    /// <summary>Dates and times as RouterOS's clock and syslog write them.</summary>
    public static class Calendar
    {
        private const long MsPerDay = 86400000L;
        private static readonly string[] s_months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        /// <summary>Splits <paramref name="unixMs"/> (at or after 1970) into its UTC date.</summary>
        public static void DateOf(long unixMs, out int year, out int month, out int day)
        {
            long z = unixMs / MsPerDay + 719468;
            long era = z / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long shiftedMonth = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
            month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }

        /// <summary><c>2026-12-05</c> (RouterOS 7.10 and later print dates this way).</summary>
        public static void AppendDate(TextBuffer b, long unixMs)
        {
            int year, month, day;
            DateOf(unixMs, out year, out month, out day);
            b.AppendInt(year); b.Append('-'); Two(b, month); b.Append('-'); Two(b, day);
        }

        /// <summary><c>04:36:28</c>.</summary>
        public static void AppendTime(TextBuffer b, long unixMs)
        {
            long msOfDay = unixMs % MsPerDay;
            Two(b, (int)(msOfDay / 3600000)); b.Append(':');
            Two(b, (int)(msOfDay / 60000 % 60)); b.Append(':');
            Two(b, (int)(msOfDay / 1000 % 60));
        }

        /// <summary>RFC 3164's <c>Dec  5 04:36:28</c> (the day padded with a blank).</summary>
        public static void AppendBsdStamp(TextBuffer b, long unixMs)
        {
            int year, month, day;
            DateOf(unixMs, out year, out month, out day);
            b.Append(s_months[month - 1]); b.Append(' ');
            if (day < 10) b.Append(' ');
            b.AppendInt(day); b.Append(' ');
            AppendTime(b, unixMs);
        }

        /// <summary>RFC 5424's <c>2026-12-05T04:36:28.123Z</c>.</summary>
        public static void AppendIsoStamp(TextBuffer b, long unixMs)
        {
            AppendDate(b, unixMs); b.Append('T'); AppendTime(b, unixMs); b.Append('.');
            int ms = (int)(unixMs % 1000);
            if (ms < 100) b.Append('0');
            if (ms < 10) b.Append('0');
            b.AppendInt(ms); b.Append('Z');
        }

        private static void Two(TextBuffer b, int n)
        {
            if (n < 10) b.Append('0');
            b.AppendInt(n);
        }
    }
}
