// The RouterOS vocabulary of /ip firewall address-list: list, address, timeout, disabled, comment.
namespace Gateway.Core.Model
{
    /// <summary>Reads and writes address-list entry properties by their RouterOS names.</summary>
    public static class EntryProperties
    {
        /// <summary>Every supported property, in canonical order.</summary>
        public static readonly string[] Names = { "list", "address", "timeout", "disabled", "comment" };

        /// <summary>Sets one property on <paramref name="entry"/>.</summary>
        public static PropertyError Set(ListEntry entry, Family family, string name, string value, out string error)
        {
            error = "";
            switch (name)
            {
                case "list":
                    if (!PropertyValues.IsValidName(value)) { error = PropertyValues.NameError("list"); return PropertyError.BadValue; }
                    entry.List = value;
                    return PropertyError.None;
                case "address":
                    {
                        AddressMatch? m = AddressMatch.Parse(value, family, false, out string why);
                        if (m == null) { error = "address: " + why; return PropertyError.BadValue; }
                        entry.Address = m;
                        return PropertyError.None;
                    }
                case "timeout":
                    {
                        if (!PropertyValues.TryParseTimeout(value, out ListTimeoutKind kind, out long ms))
                        {
                            error = PropertyValues.TimeoutError();
                            return PropertyError.BadValue;
                        }
                        entry.TimeoutKind = kind;
                        entry.TimeoutMs = ms;
                        return PropertyError.None;
                    }
                case "disabled":
                    {
                        if (!PropertyValues.TryParseBool(value, out bool disabled)) { error = "disabled must be yes or no"; return PropertyError.BadValue; }
                        entry.IsDisabled = disabled;
                        return PropertyError.None;
                    }
                case "comment":
                    entry.Comment = value;
                    return PropertyError.None;
                case "dynamic":
                    {
                        // RouterOS 7 exports print dynamic=no on configured entries; dynamic=yes keeps an entry
                        // without a timeout out of the saved configuration (none-dynamic). Written back as timeout.
                        if (!PropertyValues.TryParseBool(value, out bool dynamic)) { error = "dynamic must be yes or no"; return PropertyError.BadValue; }
                        if (dynamic && entry.TimeoutKind == ListTimeoutKind.Static) entry.TimeoutKind = ListTimeoutKind.NoneDynamic;
                        return PropertyError.None;
                    }
            }
            error = "unknown address-list property " + name;
            return PropertyError.UnknownProperty;
        }

        /// <summary>Writes the entry's properties in canonical order.</summary>
        public static void Write(ListEntry entry, IPropertyWriter writer)
        {
            writer.Put("list", entry.List);
            if (entry.Address != null) writer.Put("address", entry.Address.ToString());
            if (entry.TimeoutKind != ListTimeoutKind.Static) writer.Put("timeout", PropertyValues.TimeoutText(entry.TimeoutKind, entry.TimeoutMs));
            if (entry.IsDisabled) writer.Put("disabled", "yes");
            if (entry.Comment != null) writer.Put("comment", entry.Comment);
        }
    }
}
