// /spa add's properties: name, port, open (tcp/22,udp/53), sources (RouterOS addresses, IPv4), timeout,
// max-timeout, max-age (RouterOS times), require-source-address, disabled, comment. fwknopd's access.conf names
// them SOURCE, OPEN_PORTS, FW_ACCESS_TIMEOUT, MAX_FW_TIMEOUT, MAX_SPA_PACKET_AGE, REQUIRE_SOURCE_ADDRESS.
using Gateway.Core.Text;

namespace Gateway.Core.Model
{
    public static class SpaDoorProperties
    {
        public static readonly string[] Names =
        {
            "name", "port", "open", "sources", "timeout", "max-timeout", "max-age", "require-source-address", "disabled", "comment",
        };

        public static PropertyError Set(SpaDoor door, string name, string value, out string error)
        {
            error = "";
            switch (name)
            {
                case "name":
                    // The name is part of the grant lists' names (spa:NAME:tcp/22), which must stay names.
                    if (!PropertyValues.IsValidName(value) || value.Length > Capacity.MaxNameChars - 14 || value.IndexOf(':') >= 0)
                        return Bad(out error, "name must be 1-" + DecimalText.ToText(Capacity.MaxNameChars - 14) + " printable characters without ':'");
                    door.Name = value;
                    return PropertyError.None;
                case "port":
                    if (!DecimalText.TryParseInt(value, 0, value.Length, PortSet.MaxPort, out int port) || port == 0) return Bad(out error, "spa port must be one UDP port 1-65535");
                    door.Port = port;
                    return PropertyError.None;
                case "open":
                    return SetOpen(door, value, out error);
                case "sources":
                    return SetSources(door, value, out error);
                case "timeout":
                case "max-timeout":
                case "max-age":
                    {
                        if (!RouterOsTime.TryParse(value, SpaDoor.MaxLengthMs, out long ms) || ms < 1000)
                            return Bad(out error, name + " must be a time from 1s to 1d (30s, 5m, 2m)");
                        if (name == "timeout") door.TimeoutMs = ms; else if (name == "max-timeout") door.MaxTimeoutMs = ms; else door.MaxAgeMs = ms;
                        return PropertyError.None;
                    }
                case "require-source-address":
                case "disabled":
                    {
                        if (!PropertyValues.TryParseBool(value, out bool yes)) return Bad(out error, name + " must be yes or no");
                        if (name == "disabled") door.IsDisabled = yes; else door.RequireSourceAddress = yes;
                        return PropertyError.None;
                    }
                case "comment":
                    door.Comment = value;
                    return PropertyError.None;
            }
            error = "unknown spa property " + name;
            return PropertyError.UnknownProperty;
        }

        // tcp/22,udp/53: what a request may ask to open (fwknopd's OPEN_PORTS).
        private static PropertyError SetOpen(SpaDoor door, string value, out string error)
        {
            error = "";
            int count = 0, at = 0;
            while (at <= value.Length)
            {
                int end = value.IndexOf(',', at);
                if (end < 0) end = value.Length;
                int slash = value.IndexOf('/', at);
                if (count == SpaDoor.MaxOpen) return Bad(out error, "open takes at most " + DecimalText.ToText(SpaDoor.MaxOpen) + " ports");
                int protocol = slash > at && slash < end ? Protocols.FromName(value.Substring(at, slash - at)) : Protocols.Any;
                if ((protocol != Protocols.Tcp && protocol != Protocols.Udp)
                    || !DecimalText.TryParseInt(value, slash + 1, end, PortSet.MaxPort, out int port) || port == 0)
                    return Bad(out error, "open must list protocol/port items, tcp or udp, ports 1-65535: open=tcp/22,udp/53");
                for (int i = 0; i < count; i++)
                    if (door.OpenProtocols[i] == protocol && door.OpenPorts[i] == port) return Bad(out error, "open lists a port twice");
                door.OpenProtocols[count] = protocol;
                door.OpenPorts[count] = port;
                count++;
                at = end + 1;
            }
            door.OpenCount = count;
            return PropertyError.None;
        }

        private static PropertyError SetSources(SpaDoor door, string value, out string error)
        {
            error = "";
            int count = 0, at = 0;
            while (at <= value.Length)
            {
                int end = value.IndexOf(',', at);
                if (end < 0) end = value.Length;
                if (count == SpaDoor.MaxSources) return Bad(out error, "sources takes at most " + DecimalText.ToText(SpaDoor.MaxSources) + " addresses");
                AddressMatch? m = AddressMatch.Parse(value.Substring(at, end - at), Family.Ipv4, false, out string why);
                if (m == null) return Bad(out error, "sources: " + why + " (IPv4 addresses, networks or ranges: fwknop asks over IPv4)");
                door.Sources[count++] = m;
                at = end + 1;
            }
            door.SourceCount = count;
            return PropertyError.None;
        }

        public static void Write(SpaDoor door, IPropertyWriter writer)
        {
            writer.Put("name", door.Name);
            writer.Put("port", DecimalText.ToText(door.Port));
            TextBuffer b = new TextBuffer();
            for (int i = 0; i < door.OpenCount; i++)
            {
                if (i > 0) b.Append(',');
                b.Append(Protocols.NameOf(door.OpenProtocols[i]) ?? "?");
                b.Append('/');
                b.AppendInt(door.OpenPorts[i]);
            }
            writer.Put("open", b.ToString());
            if (door.SourceCount > 0)
            {
                b = new TextBuffer();
                for (int i = 0; i < door.SourceCount; i++)
                {
                    if (i > 0) b.Append(',');
                    door.Sources[i]!.AppendTo(b);
                }
                writer.Put("sources", b.ToString());
            }
            writer.Put("timeout", RouterOsTime.ToText(door.TimeoutMs));
            writer.Put("max-timeout", RouterOsTime.ToText(door.MaxTimeoutMs));
            writer.Put("max-age", RouterOsTime.ToText(door.MaxAgeMs));
            if (door.RequireSourceAddress) writer.Put("require-source-address", "yes");
            if (door.IsDisabled) writer.Put("disabled", "yes");
            if (door.Comment != null) writer.Put("comment", door.Comment);
        }

        private static PropertyError Bad(out string error, string message)
        {
            error = message;
            return PropertyError.BadValue;
        }
    }
}
