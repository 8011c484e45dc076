// The RouterOS vocabulary of /ip firewall filter: property names, their value forms, canonical text.
// One table for the package reader/writer, the RouterOS parser and the console; unknown names are errors.
using Gateway.Core.Text;

namespace Gateway.Core.Model
{
    /// <summary>Reads and writes filter rule properties by their RouterOS names.</summary>
    public static class RuleProperties
    {
        /// <summary>Every supported property, in canonical (export) order.</summary>
        public static readonly string[] Names =
        {
            "chain", "protocol", "src-address", "dst-address", "src-port", "dst-port", "port",
            "src-address-list", "dst-address-list", "in-interface", "out-interface", "in-interface-list",
            "out-interface-list", "connection-state", "connection-nat-state", "ipsec-policy", "src-address-type",
            "dst-address-type", "icmp-options", "fragment", "ttl", "hop-limit", "src-mac-address",
            "tcp-flags", "packet-size", "connection-limit", "limit", "dst-limit", "psd", "action", "jump-target", "reject-with", "address-list",
            "address-list-timeout", "log", "log-prefix", "disabled", "comment",
        };

        private static readonly string[] s_actions =
        {
            "accept", "drop", "reject", "tarpit", "jump", "return", "add-src-to-address-list",
            "add-dst-to-address-list", "log", "passthrough", "fasttrack-connection", "notrack",
        };

        private static readonly string[] s_rejectWith =
        {
            "icmp-network-unreachable", "icmp-host-unreachable", "icmp-port-unreachable",
            "icmp-protocol-unreachable", "icmp-net-prohibited", "icmp-host-prohibited",
            "icmp-admin-prohibited", "icmp-no-route", "icmp-address-unreachable", "tcp-reset",
        };

        /// <summary>RouterOS name of an action.</summary>
        public static string ActionName(RuleAction action) { return s_actions[(int)action]; }

        /// <summary>RouterOS name of a reject-with kind.</summary>
        public static string RejectWithName(RejectWith kind) { return s_rejectWith[(int)kind]; }

        /// <summary>Sets one property on <paramref name="rule"/>.</summary>
        /// <param name="error">Says what was found and what is allowed, when the result is not None.</param>
        public static PropertyError Set(Rule rule, Family family, string name, string value, out string error)
        {
            error = "";
            switch (name)
            {
                case "chain":
                    if (!PropertyValues.IsValidName(value)) return Bad(out error, PropertyValues.NameError("chain"));
                    rule.Chain = value;
                    return PropertyError.None;
                case "protocol":
                    {
                        string p = PropertyValues.StripNegation(value, out bool negated);
                        int number = Protocols.FromName(p);
                        if (number == Protocols.Any && !DecimalText.TryParseInt(p, 0, p.Length, Protocols.MaxNumber, out number))
                            return Bad(out error, "protocol must be a RouterOS protocol name (tcp, udp, icmp, icmpv6, gre, ipsec-esp, ospf, ...) or a number 0-255");
                        rule.Protocol = number;
                        rule.IsProtocolNegated = negated;
                        return PropertyError.None;
                    }
                case "src-address":
                case "dst-address":
                    {
                        AddressMatch? m = AddressMatch.Parse(value, family, true, out string why);
                        if (m == null) return Bad(out error, name + ": " + why);
                        if (name == "src-address") rule.SrcAddress = m; else rule.DstAddress = m;
                        return PropertyError.None;
                    }
                case "src-port":
                case "dst-port":
                case "port":
                    {
                        PortSet? ports = PortSet.Parse(value, out string why);
                        if (ports == null) return Bad(out error, name + ": " + why);
                        if (name == "src-port") rule.SrcPort = ports;
                        else if (name == "dst-port") rule.DstPort = ports;
                        else rule.AnyPort = ports;
                        return PropertyError.None;
                    }
                case "src-address-list":
                case "dst-address-list":
                case "in-interface":
                case "out-interface":
                case "in-interface-list":
                case "out-interface-list":
                    {
                        string named = PropertyValues.StripNegation(value, out bool negated);
                        if (!PropertyValues.IsValidName(named)) return Bad(out error, PropertyValues.NameError(name));
                        SetNamed(rule, name, named, negated);
                        return PropertyError.None;
                    }
                case "connection-nat-state":
                    {
                        string states = PropertyValues.StripNegation(value, out bool negated);
                        int mask = ParseFlagList(states, NatStates.Names, false, out int unused);
                        if (mask <= 0) return Bad(out error, "connection-nat-state must be srcnat, dstnat or both, comma-separated, optionally after one !");
                        rule.NatStateMask = (byte)mask;
                        rule.IsNatStateNegated = negated;
                        return PropertyError.None;
                    }
                case "ipsec-policy":
                    {
                        int index = IndexOf(s_ipsecPolicies, value);
                        if (index < 0) return Bad(out error, "ipsec-policy must be in,ipsec, in,none, out,ipsec or out,none");
                        rule.IpsecPolicy = (IpsecPolicy)(index + 1);
                        return PropertyError.None;
                    }
                case "src-address-type":
                case "dst-address-type":
                    {
                        string types = PropertyValues.StripNegation(value, out bool negated);
                        int mask = ParseFlagList(types, AddressTypes.Names, false, out int unused);
                        if (mask <= 0) return Bad(out error, name + " must be a comma list of unicast, local, broadcast, multicast, blackhole, prohibit, unreachable, anycast, optionally after one !");
                        if (name == "src-address-type") { rule.SrcAddressTypeMask = (byte)mask; rule.IsSrcAddressTypeNegated = negated; }
                        else { rule.DstAddressTypeMask = (byte)mask; rule.IsDstAddressTypeNegated = negated; }
                        return PropertyError.None;
                    }
                case "icmp-options":
                    {
                        int colon = value.IndexOf(':');
                        int typeEnd = colon < 0 ? value.Length : colon;
                        if (!ParseRange(value, 0, typeEnd, Protocols.MaxNumber, out int typeLow, out int typeHigh)) return Bad(out error, IcmpOptionsError);
                        int codeLow = 0, codeHigh = Protocols.MaxNumber;
                        if (colon >= 0 && !ParseRange(value, colon + 1, value.Length, Protocols.MaxNumber, out codeLow, out codeHigh)) return Bad(out error, IcmpOptionsError);
                        rule.IcmpTypeLow = typeLow;
                        rule.IcmpTypeHigh = typeHigh;
                        rule.IcmpCodeLow = codeLow;
                        rule.IcmpCodeHigh = codeHigh;
                        return PropertyError.None;
                    }
                case "fragment":
                    {
                        if (!PropertyValues.TryParseBool(value, out bool fragment)) return Bad(out error, "fragment must be yes or no");
                        rule.Fragment = fragment ? (byte)1 : (byte)2;
                        return PropertyError.None;
                    }
                case "ttl":
                case "hop-limit":
                    {
                        if ((name == "ttl") != (family == Family.Ipv4))
                            return Bad(out error, family == Family.Ipv4 ? "hop-limit is an IPv6 matcher; /ip firewall uses ttl" : "ttl is an IPv4 matcher; /ipv6 firewall uses hop-limit");
                        int colon = value.IndexOf(':');
                        int compare = colon < 0 ? -1 : IndexOf(s_ttlCompares, value.Substring(0, colon));
                        if (compare < 0 || !DecimalText.TryParseInt(value, colon + 1, value.Length, Protocols.MaxNumber, out int ttl))
                            return Bad(out error, name + " must be equal:N, not-equal:N, less-than:N or greater-than:N, N 0-255");
                        rule.TtlCompare = (TtlCompare)(compare + 1);
                        rule.TtlValue = ttl;
                        rule.IsHopLimit = name == "hop-limit";
                        return PropertyError.None;
                    }
                case "src-mac-address":
                    {
                        string mac = PropertyValues.StripNegation(value, out bool negated);
                        if (!IsMacAddress(mac)) return Bad(out error, "src-mac-address must be six hex bytes, 00:11:22:33:44:55");
                        rule.SrcMacAddress = value;
                        return PropertyError.None;
                    }
                case "connection-state":
                    {
                        int mask = ParseFlagList(value, ConnectionStates.Names, false, out int unused);
                        if (mask <= 0) return Bad(out error, "connection-state must be a comma list of new, established, related, invalid, untracked");
                        rule.ConnectionStateMask = (byte)mask;
                        return PropertyError.None;
                    }
                case "tcp-flags":
                    {
                        int set = ParseFlagList(value, TcpFlags.Names, true, out int clear);
                        if (set < 0 || (set | clear) == 0 || (set & clear) != 0)
                            return Bad(out error, "tcp-flags must be a comma list of syn, ack, fin, rst, psh, urg, ece, cwr, each may be !");
                        rule.TcpFlagsSet = (byte)set;
                        rule.TcpFlagsClear = (byte)clear;
                        return PropertyError.None;
                    }
                case "packet-size":
                    {
                        value = PropertyValues.StripNegation(value, out bool negated);
                        int dash = value.IndexOf('-');
                        int min, max;
                        bool ok = dash < 0
                            ? DecimalText.TryParseInt(value, 0, value.Length, PortSet.MaxPort, out min)
                            : DecimalText.TryParseInt(value, 0, dash, PortSet.MaxPort, out min);
                        max = min;
                        if (ok && dash >= 0) ok = DecimalText.TryParseInt(value, dash + 1, value.Length, PortSet.MaxPort, out max);
                        if (!ok || min > max) return Bad(out error, "packet-size must be n or n-m, 0-65535, optionally after !");
                        rule.PacketSizeMin = min;
                        rule.PacketSizeMax = max;
                        rule.IsPacketSizeNegated = negated;
                        return PropertyError.None;
                    }
                case "psd":
                    if (!PortScanDetection.TryParse(value, rule)) return Bad(out error, PortScanDetection.Error);
                    return PropertyError.None;
                case "connection-limit":
                    {
                        int comma = value.IndexOf(',');
                        int maxPrefix = family == Family.Ipv4 ? 32 : 128;
                        if (comma < 0 || !DecimalText.TryParseInt(value, 0, comma, MaxConnectionLimit, out int count)
                            || !DecimalText.TryParseInt(value, comma + 1, value.Length, maxPrefix, out int prefix))
                            return Bad(out error, "connection-limit must be COUNT,NETMASK: more than COUNT connections from the source's /NETMASK block (count 0-65535, netmask 0-" + DecimalText.ToText(maxPrefix) + ")");
                        rule.ConnectionLimit = count;
                        rule.ConnectionLimitPrefix = prefix;
                        return PropertyError.None;
                    }
                case "limit":
                    rule.Limit = RateLimit.ParseLimit(value);
                    return rule.Limit != null ? PropertyError.None : Bad(out error, RateLimit.LimitError);
                case "dst-limit":
                    rule.DstLimit = RateLimit.ParseDstLimit(value);
                    return rule.DstLimit != null ? PropertyError.None : Bad(out error, RateLimit.DstLimitError);
                case "action":
                    {
                        int index = IndexOf(s_actions, value);
                        if (index < 0) return Bad(out error, "action must be one of accept, drop, reject, tarpit, jump, return, add-src-to-address-list, add-dst-to-address-list, log, passthrough, fasttrack-connection (raw: notrack)");
                        rule.Action = (RuleAction)index;
                        return PropertyError.None;
                    }
                case "jump-target":
                    if (!PropertyValues.IsValidName(value)) return Bad(out error, PropertyValues.NameError("jump-target"));
                    rule.JumpTarget = value;
                    return PropertyError.None;
                case "reject-with":
                    {
                        int index = IndexOf(s_rejectWith, value);
                        if (index < 0) return Bad(out error, "reject-with must be one of tcp-reset, icmp-network-unreachable, icmp-host-unreachable, icmp-port-unreachable, icmp-protocol-unreachable, icmp-net-prohibited, icmp-host-prohibited, icmp-admin-prohibited, icmp-no-route, icmp-address-unreachable");
                        rule.RejectWith = (RejectWith)index;
                        rule.HasRejectWith = true;
                        return PropertyError.None;
                    }
                case "address-list":
                    if (!PropertyValues.IsValidName(value)) return Bad(out error, PropertyValues.NameError("address-list"));
                    rule.AddressList = value;
                    return PropertyError.None;
                case "address-list-timeout":
                    {
                        if (!PropertyValues.TryParseTimeout(value, out ListTimeoutKind kind, out long ms))
                            return Bad(out error, "address-list-" + PropertyValues.TimeoutError());
                        rule.AddressListTimeoutKind = kind;
                        rule.AddressListTimeoutMs = ms;
                        return PropertyError.None;
                    }
                case "log":
                    {
                        if (!PropertyValues.TryParseBool(value, out bool log)) return Bad(out error, "log must be yes or no");
                        rule.Log = log;
                        return PropertyError.None;
                    }
                case "log-prefix":
                    rule.LogPrefix = value;
                    return PropertyError.None;
                case "disabled":
                    {
                        if (!PropertyValues.TryParseBool(value, out bool disabled)) return Bad(out error, "disabled must be yes or no");
                        rule.IsDisabled = disabled;
                        return PropertyError.None;
                    }
                case "comment":
                    rule.Comment = value;
                    return PropertyError.None;
            }
            return RouterOsVocabulary.NotAFilterProperty(name, out error);
        }

        /// <summary>Largest connection-limit count.</summary>
        public const int MaxConnectionLimit = 65535;

        private const string IcmpOptionsError = "icmp-options must be TYPE or TYPE:CODE, each a number 0-255 or a range n-m (8:0, 3:0-255)";

        private static readonly string[] s_ipsecPolicies = { "in,ipsec", "in,none", "out,ipsec", "out,none" };
        private static readonly string[] s_ttlCompares = { "equal", "not-equal", "less-than", "greater-than" };

        // "n" or "n-m" within [from, to) of value, each 0..max, n <= m.
        private static bool ParseRange(string value, int from, int to, int max, out int low, out int high)
        {
            high = -1;
            int dash = value.IndexOf('-', from);
            if (dash < 0 || dash >= to)
            {
                bool single = DecimalText.TryParseInt(value, from, to, max, out low);
                high = low;
                return single;
            }
            return DecimalText.TryParseInt(value, from, dash, max, out low)
                && DecimalText.TryParseInt(value, dash + 1, to, max, out high) && low <= high;
        }

        private static bool IsMacAddress(string s)
        {
            if (s.Length != 17) return false;
            for (int i = 0; i < 17; i++)
            {
                char c = s[i];
                if (i % 3 == 2) { if (c != ':') return false; }
                else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            }
            return true;
        }

        /// <summary>Writes the rule's properties that differ from their defaults, in canonical order.</summary>
        public static void Write(Rule rule, IPropertyWriter writer)
        {
            writer.Put("chain", rule.Chain);
            if (rule.Protocol != Protocols.Any)
            {
                string? named = Protocols.NameOf(rule.Protocol);
                string p = named ?? DecimalText.ToText(rule.Protocol);
                writer.Put("protocol", rule.IsProtocolNegated ? "!" + p : p);
            }
            if (rule.SrcAddress != null) writer.Put("src-address", rule.SrcAddress.ToString());
            if (rule.DstAddress != null) writer.Put("dst-address", rule.DstAddress.ToString());
            if (rule.SrcPort != null) writer.Put("src-port", rule.SrcPort.ToString());
            if (rule.DstPort != null) writer.Put("dst-port", rule.DstPort.ToString());
            if (rule.AnyPort != null) writer.Put("port", rule.AnyPort.ToString());
            if (rule.SrcAddressList != null) writer.Put("src-address-list", Negated(rule.IsSrcAddressListNegated, rule.SrcAddressList));
            if (rule.DstAddressList != null) writer.Put("dst-address-list", Negated(rule.IsDstAddressListNegated, rule.DstAddressList));
            if (rule.InInterface != null) writer.Put("in-interface", Negated(rule.IsInInterfaceNegated, rule.InInterface));
            if (rule.OutInterface != null) writer.Put("out-interface", Negated(rule.IsOutInterfaceNegated, rule.OutInterface));
            if (rule.InInterfaceList != null) writer.Put("in-interface-list", Negated(rule.IsInInterfaceListNegated, rule.InInterfaceList));
            if (rule.OutInterfaceList != null) writer.Put("out-interface-list", Negated(rule.IsOutInterfaceListNegated, rule.OutInterfaceList));
            if (rule.ConnectionStateMask != 0) writer.Put("connection-state", FlagListText(rule.ConnectionStateMask, 0, ConnectionStates.Names));
            if (rule.NatStateMask != 0) writer.Put("connection-nat-state", Negated(rule.IsNatStateNegated, FlagListText(rule.NatStateMask, 0, NatStates.Names)));
            if (rule.IpsecPolicy != IpsecPolicy.Unset) writer.Put("ipsec-policy", s_ipsecPolicies[(int)rule.IpsecPolicy - 1]);
            if (rule.SrcAddressTypeMask != 0) writer.Put("src-address-type", Negated(rule.IsSrcAddressTypeNegated, FlagListText(rule.SrcAddressTypeMask, 0, AddressTypes.Names)));
            if (rule.DstAddressTypeMask != 0) writer.Put("dst-address-type", Negated(rule.IsDstAddressTypeNegated, FlagListText(rule.DstAddressTypeMask, 0, AddressTypes.Names)));
            if (rule.IcmpTypeLow != Rule.NoIcmp)
            {
                string icmp = RangeText(rule.IcmpTypeLow, rule.IcmpTypeHigh);
                if (rule.IcmpCodeLow != 0 || rule.IcmpCodeHigh != Protocols.MaxNumber) icmp = icmp + ":" + RangeText(rule.IcmpCodeLow, rule.IcmpCodeHigh);
                writer.Put("icmp-options", icmp);
            }
            if (rule.Fragment != 0) writer.Put("fragment", rule.Fragment == 1 ? "yes" : "no");
            if (rule.TtlCompare != TtlCompare.None)
                writer.Put(rule.IsHopLimit ? "hop-limit" : "ttl", s_ttlCompares[(int)rule.TtlCompare - 1] + ":" + DecimalText.ToText(rule.TtlValue));
            if (rule.SrcMacAddress != null) writer.Put("src-mac-address", rule.SrcMacAddress);
            if ((rule.TcpFlagsSet | rule.TcpFlagsClear) != 0) writer.Put("tcp-flags", FlagListText(rule.TcpFlagsSet, rule.TcpFlagsClear, TcpFlags.Names));
            if (rule.PacketSizeMin != Rule.NoSize)
            {
                string size = DecimalText.ToText(rule.PacketSizeMin);
                if (rule.PacketSizeMax != rule.PacketSizeMin) size = size + "-" + DecimalText.ToText(rule.PacketSizeMax);
                writer.Put("packet-size", rule.IsPacketSizeNegated ? "!" + size : size);
            }
            if (rule.ConnectionLimit != Rule.NoConnectionLimit) writer.Put("connection-limit", DecimalText.ToText(rule.ConnectionLimit) + "," + DecimalText.ToText(rule.ConnectionLimitPrefix));
            if (rule.Limit != null) writer.Put("limit", rule.Limit.ToText());
            if (rule.DstLimit != null) writer.Put("dst-limit", rule.DstLimit.ToText());
            if (rule.PsdWeightThreshold != 0) writer.Put("psd", PortScanDetection.ToText(rule));
            writer.Put("action", ActionName(rule.Action));
            if (rule.JumpTarget != null) writer.Put("jump-target", rule.JumpTarget);
            if (rule.HasRejectWith) writer.Put("reject-with", RejectWithName(rule.RejectWith));
            if (rule.AddressList != null) writer.Put("address-list", rule.AddressList);
            if (rule.AddressListTimeoutKind != ListTimeoutKind.NoneDynamic)
                writer.Put("address-list-timeout", PropertyValues.TimeoutText(rule.AddressListTimeoutKind, rule.AddressListTimeoutMs));
            if (rule.Log) writer.Put("log", "yes");
            if (rule.LogPrefix != null) writer.Put("log-prefix", rule.LogPrefix);
            if (rule.IsDisabled) writer.Put("disabled", "yes");
            if (rule.Comment != null) writer.Put("comment", rule.Comment);
        }

        // The matchers that name a list or an interface, optionally negated: one value, one negation flag each.
        private static void SetNamed(Rule rule, string name, string named, bool negated)
        {
            switch (name)
            {
                case "src-address-list": rule.SrcAddressList = named; rule.IsSrcAddressListNegated = negated; break;
                case "dst-address-list": rule.DstAddressList = named; rule.IsDstAddressListNegated = negated; break;
                case "in-interface": rule.InInterface = named; rule.IsInInterfaceNegated = negated; break;
                case "out-interface": rule.OutInterface = named; rule.IsOutInterfaceNegated = negated; break;
                case "in-interface-list": rule.InInterfaceList = named; rule.IsInInterfaceListNegated = negated; break;
                default: rule.OutInterfaceList = named; rule.IsOutInterfaceListNegated = negated; break;
            }
        }

        private static PropertyError Bad(out string error, string message)
        {
            error = message;
            return PropertyError.BadValue;
        }

        private static string Negated(bool negated, string name) { return negated ? "!" + name : name; }

        private static string RangeText(int low, int high)
        {
            return low == high ? DecimalText.ToText(low) : DecimalText.ToText(low) + "-" + DecimalText.ToText(high);
        }

        // Parses "a,!b,c" against names (bit i = names[i]); returns the set mask, or -1 when a word is
        // unknown, repeated, or negated where negation is not allowed.
        private static int ParseFlagList(string value, string[] names, bool allowNegation, out int clear)
        {
            clear = 0;
            int set = 0;
            int at = 0;
            while (at <= value.Length)
            {
                int end = at;
                while (end < value.Length && value[end] != ',') end++;
                bool negated = end > at && value[at] == '!';
                string word = value.Substring(negated ? at + 1 : at, end - at - (negated ? 1 : 0));
                int bit = IndexOf(names, word);
                if (bit < 0 || (negated && !allowNegation)) return -1;
                int flag = 1 << bit;
                if (((set | clear) & flag) != 0) return -1;
                if (negated) clear |= flag; else set |= flag;
                at = end + 1;
            }
            return set;
        }

        private static string FlagListText(int set, int clear, string[] names)
        {
            TextBuffer b = new TextBuffer();
            for (int bit = 0; bit < names.Length; bit++)
            {
                int flag = 1 << bit;
                if ((set & flag) == 0 && (clear & flag) == 0) continue;
                if (b.Length > 0) b.Append(',');
                if ((clear & flag) != 0) b.Append('!');
                b.Append(names[bit]);
            }
            return b.ToString();
        }

        internal static int IndexOf(string[] names, string value)
        {
            for (int i = 0; i < names.Length; i++) if (names[i] == value) return i;
            return -1;
        }
    }
}
