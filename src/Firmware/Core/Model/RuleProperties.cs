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
            "src-address-list", "dst-address-list", "in-interface", "out-interface", "connection-state",
            "tcp-flags", "packet-size", "psd", "action", "jump-target", "reject-with", "address-list",
            "address-list-timeout", "log", "log-prefix", "disabled", "comment",
        };

        /// <summary>RouterOS matchers that exist but are not implemented yet.</summary>
        public static readonly string[] NotSupportedYet = { "limit", "dst-limit", "connection-limit" };

        private static readonly string[] s_actions =
        {
            "accept", "drop", "reject", "tarpit", "jump", "return", "add-src-to-address-list",
            "add-dst-to-address-list", "log", "passthrough",
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
                    {
                        string list = PropertyValues.StripNegation(value, out bool negated);
                        if (!PropertyValues.IsValidName(list)) return Bad(out error, PropertyValues.NameError(name));
                        if (name == "src-address-list") { rule.SrcAddressList = list; rule.IsSrcAddressListNegated = negated; }
                        else { rule.DstAddressList = list; rule.IsDstAddressListNegated = negated; }
                        return PropertyError.None;
                    }
                case "in-interface":
                case "out-interface":
                    {
                        string iface = PropertyValues.StripNegation(value, out bool negated);
                        if (!PropertyValues.IsValidName(iface)) return Bad(out error, PropertyValues.NameError(name));
                        if (name == "in-interface") { rule.InInterface = iface; rule.IsInInterfaceNegated = negated; }
                        else { rule.OutInterface = iface; rule.IsOutInterfaceNegated = negated; }
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
                        int dash = value.IndexOf('-');
                        int min, max;
                        bool ok = dash < 0
                            ? DecimalText.TryParseInt(value, 0, value.Length, PortSet.MaxPort, out min)
                            : DecimalText.TryParseInt(value, 0, dash, PortSet.MaxPort, out min);
                        max = min;
                        if (ok && dash >= 0) ok = DecimalText.TryParseInt(value, dash + 1, value.Length, PortSet.MaxPort, out max);
                        if (!ok || min > max) return Bad(out error, "packet-size must be n or n-m, 0-65535");
                        rule.PacketSizeMin = min;
                        rule.PacketSizeMax = max;
                        return PropertyError.None;
                    }
                case "psd":
                    if (!PortScanDetection.TryParse(value, rule)) return Bad(out error, PortScanDetection.Error);
                    return PropertyError.None;
                case "action":
                    {
                        int index = IndexOf(s_actions, value);
                        if (index < 0) return Bad(out error, "action must be one of accept, drop, reject, tarpit, jump, return, add-src-to-address-list, add-dst-to-address-list, log, passthrough");
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
            if (IndexOf(NotSupportedYet, name) >= 0)
            {
                error = name + " is not supported yet";
                return PropertyError.NotSupported;
            }
            error = "unknown filter property " + name;
            return PropertyError.UnknownProperty;
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
            if (rule.ConnectionStateMask != 0) writer.Put("connection-state", FlagListText(rule.ConnectionStateMask, 0, ConnectionStates.Names));
            if ((rule.TcpFlagsSet | rule.TcpFlagsClear) != 0) writer.Put("tcp-flags", FlagListText(rule.TcpFlagsSet, rule.TcpFlagsClear, TcpFlags.Names));
            if (rule.PacketSizeMin != Rule.NoSize)
            {
                string size = DecimalText.ToText(rule.PacketSizeMin);
                if (rule.PacketSizeMax != rule.PacketSizeMin) size = size + "-" + DecimalText.ToText(rule.PacketSizeMax);
                writer.Put("packet-size", size);
            }
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

        private static PropertyError Bad(out string error, string message)
        {
            error = message;
            return PropertyError.BadValue;
        }

        private static string Negated(bool negated, string name) { return negated ? "!" + name : name; }

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
