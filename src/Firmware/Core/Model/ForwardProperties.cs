// The dst-nat subset of /ip firewall nat that the gateway implements as forwards: chain=dstnat,
// action=dst-nat, protocol tcp|udp, one dst-port, optional dst-address and in-interface, to-addresses, to-ports.
using Gateway.Core.Text;

namespace Gateway.Core.Model
{
    /// <summary>Reads and writes dst-nat properties by their RouterOS names.</summary>
    public static class ForwardProperties
    {
        /// <summary>Every supported property, in canonical order.</summary>
        public static readonly string[] Names =
        {
            "chain", "action", "protocol", "dst-address", "dst-port", "in-interface", "to-addresses", "to-ports", "disabled", "comment",
        };

        /// <summary>Sets one property on <paramref name="forward"/>.</summary>
        public static PropertyError Set(Forward forward, Family family, string name, string value, out string error)
        {
            error = "";
            switch (name)
            {
                case "chain":
                    if (value != "dstnat") return Bad(out error, "nat chain must be dstnat (the gateway forwards only)");
                    return PropertyError.None;
                case "action":
                    if (value != "dst-nat") return Bad(out error, "nat action must be dst-nat (the gateway forwards only)");
                    return PropertyError.None;
                case "protocol":
                    {
                        int p = Protocols.FromName(value);
                        if (p != Protocols.Tcp && p != Protocols.Udp) return Bad(out error, "protocol of a forward must be tcp or udp");
                        forward.Protocol = p;
                        return PropertyError.None;
                    }
                case "dst-port":
                case "to-ports":
                    {
                        if (!DecimalText.TryParseInt(value, 0, value.Length, PortSet.MaxPort, out int port) || port == 0)
                            return Bad(out error, name + " of a forward must be one port 1-65535");
                        if (name == "dst-port") forward.DstPort = port; else forward.ToPort = port;
                        return PropertyError.None;
                    }
                case "dst-address":
                case "to-addresses":
                    {
                        AddressMatch? m = AddressMatch.Parse(value, family, false, out string why);
                        if (m == null) return Bad(out error, name + ": " + why);
                        if (!m.IsSingle) return Bad(out error, name + " of a forward must be one address");
                        if (name == "dst-address") forward.DstAddress = m; else forward.ToAddress = m;
                        return PropertyError.None;
                    }
                case "in-interface":
                    if (!PropertyValues.IsValidName(value)) return Bad(out error, PropertyValues.NameError("in-interface"));
                    forward.InInterface = value;
                    return PropertyError.None;
                case "disabled":
                    {
                        if (!PropertyValues.TryParseBool(value, out bool disabled)) return Bad(out error, "disabled must be yes or no");
                        forward.IsDisabled = disabled;
                        return PropertyError.None;
                    }
                case "comment":
                    forward.Comment = value;
                    return PropertyError.None;
            }
            error = "unknown nat property " + name;
            return PropertyError.UnknownProperty;
        }

        /// <summary>Writes the forward's properties in canonical order.</summary>
        public static void Write(Forward forward, IPropertyWriter writer)
        {
            writer.Put("chain", "dstnat");
            writer.Put("action", "dst-nat");
            if (forward.Protocol != Protocols.Any) writer.Put("protocol", Protocols.NameOf(forward.Protocol) ?? "");
            if (forward.DstAddress != null) writer.Put("dst-address", forward.DstAddress.ToString());
            if (forward.DstPort >= 0) writer.Put("dst-port", DecimalText.ToText(forward.DstPort));
            if (forward.InInterface != null) writer.Put("in-interface", forward.InInterface);
            if (forward.ToAddress != null) writer.Put("to-addresses", forward.ToAddress.ToString());
            if (forward.ToPort >= 0) writer.Put("to-ports", DecimalText.ToText(forward.ToPort));
            if (forward.IsDisabled) writer.Put("disabled", "yes");
            if (forward.Comment != null) writer.Put("comment", forward.Comment);
        }

        private static PropertyError Bad(out string error, string message)
        {
            error = message;
            return PropertyError.BadValue;
        }
    }
}
