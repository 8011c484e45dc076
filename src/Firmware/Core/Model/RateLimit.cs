// The values of RouterOS's limit= and dst-limit= matchers: a token bucket of Burst units that refills Rate
// units per Period; a packet costs one unit (packet mode) or its bits (bit mode). dst-limit keeps a bucket
// per key (its mode) and forgets a key not seen for Expire.
//   limit=rate[/time],burst[:packet|bit]           limit=50,5:packet  limit=30/1m,5  limit=1M,2M:bit
//   dst-limit=rate[/time],burst,mode[/expire]      dst-limit=5,10,src-address/1m40s
// (help.mikrotik.com "Common Firewall Matchers and Actions"; manual.mikrotik.com CLI grammar.)
using Gateway.Core.Text;

namespace Gateway.Core.Model
{
    /// <summary>How dst-limit keys its buckets.</summary>
    public enum DstLimitMode : byte
    {
        /// <summary>Not a dst-limit (a plain limit: one bucket for the rule).</summary>
        None = 0,
        DstAddress,
        DstAddressAndPort,
        SrcAddress,
        SrcAndDstAddress,
        SrcAndDstAddressAndPort,
        AddressesAndDstPort,
    }

    /// <summary>A parsed <c>limit=</c> or <c>dst-limit=</c>.</summary>
    public sealed class RateLimit
    {
        /// <summary>Largest rate or burst: 10G (bit mode rates run to gigabits).</summary>
        public const long MaxAmount = 10000000000;
        /// <summary>Longest period and expire: an hour.</summary>
        public const long MaxPeriodMs = 3600000;
        /// <summary>dst-limit's expire when none is given (netfilter hashlimit's default; RouterOS's not documented).</summary>
        public const long DefaultExpireMs = 10000;

        public long Rate { get; set; }
        public long PeriodMs { get; set; } = 1000;
        public long Burst { get; set; }
        public bool IsBits { get; set; }
        public DstLimitMode Mode { get; set; }
        public long ExpireMs { get; set; } = DefaultExpireMs;

        private static readonly string[] s_modes =
        {
            "dst-address", "dst-address-and-port", "src-address", "src-and-dst-address", "src-and-dst-address-and-port", "addresses-and-dst-port",
        };

        public const string LimitError = "limit must be rate[/time],burst[:packet|bit], e.g. 50,5:packet or 30/1m,5 (rate and burst 1-10G with k, M, G; time up to 1h)";
        public const string DstLimitError = "dst-limit must be rate[/time],burst,mode[/expire], e.g. 5,10,src-address/1m40s (modes: dst-address, dst-address-and-port, src-address, src-and-dst-address, src-and-dst-address-and-port, addresses-and-dst-port)";

        /// <summary>Parses <c>limit=</c>; null when malformed.</summary>
        public static RateLimit? ParseLimit(string value)
        {
            RateLimit l = new RateLimit();
            int comma = value.IndexOf(',');
            if (comma < 0 || !l.ParseRate(value.Substring(0, comma))) return null;
            string rest = value.Substring(comma + 1);
            int colon = rest.IndexOf(':');
            if (colon >= 0)
            {
                string mode = rest.Substring(colon + 1);
                if (mode == "bit") l.IsBits = true;
                else if (mode != "packet") return null;
                rest = rest.Substring(0, colon);
            }
            return l.ParseBurst(rest) ? l : null;
        }

        /// <summary>Parses <c>dst-limit=</c>; null when malformed.</summary>
        public static RateLimit? ParseDstLimit(string value)
        {
            RateLimit l = new RateLimit();
            int first = value.IndexOf(',');
            int second = first < 0 ? -1 : value.IndexOf(',', first + 1);
            if (second < 0 || !l.ParseRate(value.Substring(0, first)) || !l.ParseBurst(value.Substring(first + 1, second - first - 1))) return null;
            string mode = value.Substring(second + 1);
            int slash = mode.IndexOf('/');
            if (slash >= 0)
            {
                if (!RouterOsTime.TryParse(mode.Substring(slash + 1), MaxPeriodMs, out long expire) || expire < 1) return null;
                l.ExpireMs = expire;
                mode = mode.Substring(0, slash);
            }
            if (mode == "src-and-dst-addresses") mode = "src-and-dst-address";   // the spelling RouterOS's CLI grammar prints
            int index = -1;
            for (int i = 0; i < s_modes.Length; i++) if (s_modes[i] == mode) index = i;
            if (index < 0) return null;
            l.Mode = (DstLimitMode)(index + 1);
            return l;
        }

        /// <summary>Canonical text: <c>rate/period,burst:packet</c> or <c>rate/period,burst,mode/expire</c>.</summary>
        public string ToText()
        {
            string s = DecimalText.ToText(Rate) + "/" + RouterOsTime.ToText(PeriodMs) + "," + DecimalText.ToText(Burst);
            if (Mode == DstLimitMode.None) return s + (IsBits ? ":bit" : ":packet");
            return s + "," + s_modes[(int)Mode - 1] + "/" + RouterOsTime.ToText(ExpireMs);
        }

        // rate[/time]; the rate takes k, M or G (thousands).
        private bool ParseRate(string text)
        {
            int slash = text.IndexOf('/');
            if (slash >= 0)
            {
                if (!RouterOsTime.TryParse(text.Substring(slash + 1), MaxPeriodMs, out long period) || period < 1) return false;
                PeriodMs = period;
                text = text.Substring(0, slash);
            }
            long rate;
            if (!ParseAmount(text, out rate) || rate < 1) return false;
            Rate = rate;
            return true;
        }

        // A burst of 0 means one period's worth (a bucket must hold at least what one period refills).
        private bool ParseBurst(string text)
        {
            if (!ParseAmount(text, out long burst)) return false;
            Burst = burst == 0 ? Rate : burst;
            return true;
        }

        private static bool ParseAmount(string text, out long amount)
        {
            amount = 0;
            if (text.Length == 0) return false;
            long scale = 1;
            char last = text[text.Length - 1];
            if (last == 'k' || last == 'K') scale = 1000;
            else if (last == 'M') scale = 1000000;
            else if (last == 'G') scale = 1000000000;
            int digits = scale == 1 ? text.Length : text.Length - 1;
            if (!DecimalText.TryParse(text, 0, digits, MaxAmount / scale, out long n)) return false;
            amount = n * scale;
            return true;
        }
    }
}
