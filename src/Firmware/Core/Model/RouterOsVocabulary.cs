// RouterOS's own filter property names that the gateway does not implement, each with why, and the
// nearest known name for a misspelt one. Two message forms only: a RouterOS matcher the gateway does not
// support (with the reason), or an unknown property (a name RouterOS itself does not have).
namespace Gateway.Core.Model
{
    /// <summary>What the gateway says about a filter property it does not take.</summary>
    public static class RouterOsVocabulary
    {
        private const string Marks = "set by /ip firewall mangle, which the gateway does not have";
        private const string Payload = "needs payload inspection the gateway does not do";
        private const string NotBuilt = "not built yet";
        private const string Bridge = "the gateway has no bridge, hotspot or wireless ports";

        /// <summary>RouterOS 7 filter properties the gateway does not take, by name (RouterOS manual, "Filter").</summary>
        public static readonly string[] Unsupported =
        {
            "connection-mark", "packet-mark", "routing-mark", "routing-table", "layer7-protocol", "content", "tls-host",
            "connection-bytes", "connection-rate", "connection-type", "hotspot", "p2p", "in-bridge-port", "out-bridge-port",
            "in-bridge-port-list", "out-bridge-port-list", "ingress-priority", "priority", "dscp", "ipv4-options", "tcp-mss",
            "nth", "random", "per-connection-classifier", "time", "headers",
            "realm", "hw-offload", "src-address-list-timeout",
        };

        private static readonly string[] s_reasons =
        {
            Marks, Marks, Marks, Marks, Payload, Payload, Payload,
            "the gateway keeps no per-connection byte counts", "the gateway keeps no per-connection byte counts",
            "the gateway tracks no connection helpers (ftp, sip, ...)", Bridge, Payload, Bridge, Bridge,
            Bridge, Bridge, NotBuilt, NotBuilt, NotBuilt, NotBuilt, NotBuilt,
            NotBuilt, NotBuilt, NotBuilt, "the board keeps no wall-clock time without NTP", NotBuilt,
            "the gateway has no routing realms", "the gateway has no hardware offload", NotBuilt,
        };

        /// <summary>The error for a filter property name the gateway does not take.</summary>
        public static PropertyError NotAFilterProperty(string name, out string error)
        {
            int known = IndexOf(Unsupported, name);
            if (known >= 0)
            {
                error = name + ": RouterOS matcher the gateway does not support (" + s_reasons[known] + ")";
                return PropertyError.NotSupported;
            }
            string? nearest = Nearest(name, RuleProperties.Names);
            error = nearest == null ? "unknown property " + name : "unknown property " + name + " (did you mean " + nearest + "?)";
            return PropertyError.UnknownProperty;
        }

        /// <summary>The name of <paramref name="names"/> within two edits of <paramref name="name"/>, or null.</summary>
        public static string? Nearest(string name, string[] names)
        {
            string? best = null;
            int bestDistance = 3;
            for (int i = 0; i < names.Length; i++)
            {
                int d = Distance(name, names[i], bestDistance);
                if (d < bestDistance) { bestDistance = d; best = names[i]; }
            }
            return best;
        }

        // Edit distance (insert, delete, replace), giving up at limit; names are short, load time only.
        private static int Distance(string a, string b, int limit)
        {
            int diff = a.Length - b.Length;
            if (diff >= limit || -diff >= limit) return limit;
            int[] previous = new int[b.Length + 1];
            int[] current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int d = previous[j - 1] + cost;
                    if (previous[j] + 1 < d) d = previous[j] + 1;
                    if (current[j - 1] + 1 < d) d = current[j - 1] + 1;
                    current[j] = d;
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }

        internal static int IndexOf(string[] names, string value)
        {
            for (int i = 0; i < names.Length; i++) if (names[i] == value) return i;
            return -1;
        }
    }
}
