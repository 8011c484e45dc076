// RouterOS's log topics the gateway writes, as bits: a message carries several (a rule log is
// firewall,info; a failed login system,error,critical) and a /system logging rule takes a message when it
// has every topic the rule names and none the rule negates (topics=info takes the firewall lines too, as on
// RouterOS; topics=firewall,!debug ...).
using Gateway.Core.Text;

namespace Gateway.Host.Logging
{
    /// <summary>Topic bits, names and RouterOS's severity for a message's topics.</summary>
    public static class LogTopics
    {
        public const int Firewall = 1, System = 2, Account = 4, Info = 8, Warning = 16, Error = 32, Critical = 64, Debug = 128;
        private static readonly string[] s_names = { "firewall", "system", "account", "info", "warning", "error", "critical", "debug" };

        /// <summary>The bit of one topic name, or 0 when the gateway has no such topic.</summary>
        public static int Of(string name)
        {
            for (int i = 0; i < s_names.Length; i++) if (s_names[i] == name) return 1 << i;
            return 0;
        }

        /// <summary>Parses <c>firewall,!debug</c> into the topics wanted and the topics refused; "" when
        /// fine, else the word that is not a topic.</summary>
        public static string Parse(string text, out int wanted, out int refused)
        {
            wanted = 0;
            refused = 0;
            int at = 0;
            while (at <= text.Length)
            {
                int end = at;
                while (end < text.Length && text[end] != ',') end++;
                bool negated = end > at && text[at] == '!';
                string name = text.Substring(negated ? at + 1 : at, end - at - (negated ? 1 : 0));
                int bit = Of(name);
                if (bit == 0) return name.Length == 0 ? "an empty topic" : name;
                if (negated) refused |= bit;
                else wanted |= bit;
                at = end + 1;
            }
            return "";
        }

        /// <summary>Writes topic bits as RouterOS lists them (<c>firewall,info</c>).</summary>
        public static void Append(TextBuffer b, int topics, int negated)
        {
            bool first = true;
            for (int i = 0; i < s_names.Length; i++)
            {
                int bit = 1 << i;
                if ((topics & bit) == 0 && (negated & bit) == 0) continue;
                if (!first) b.Append(',');
                if ((negated & bit) != 0) b.Append('!');
                b.Append(s_names[i]);
                first = false;
            }
        }

        /// <summary>The syslog severity RouterOS's syslog-severity=auto gives a message with these topics.</summary>
        public static int AutoSeverity(int topics)
        {
            if ((topics & Critical) != 0) return 2;
            if ((topics & Error) != 0) return 3;
            if ((topics & Warning) != 0) return 4;
            if ((topics & Debug) != 0) return 7;
            return 6;
        }
    }
}
