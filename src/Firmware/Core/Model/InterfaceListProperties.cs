// The RouterOS vocabulary of /interface list (name, include, exclude, comment) and /interface list member
// (list, interface, disabled, comment).
namespace Gateway.Core.Model
{
    /// <summary>Reads and writes interface list and member properties by their RouterOS names.</summary>
    public static class InterfaceListProperties
    {
        public static readonly string[] ListNames = { "name", "include", "exclude", "comment" };
        public static readonly string[] MemberNames = { "list", "interface", "disabled", "comment" };

        public static PropertyError SetList(InterfaceList list, string name, string value, out string error)
        {
            error = "";
            switch (name)
            {
                case "name":
                    if (!PropertyValues.IsValidName(value)) { error = PropertyValues.NameError("name"); return PropertyError.BadValue; }
                    if (InterfaceLists.IsBuiltIn(value)) { error = "name " + value + " is a built-in interface list (all, none, dynamic, static)"; return PropertyError.BadValue; }
                    list.Name = value;
                    return PropertyError.None;
                case "include":
                case "exclude":
                    if (value.Length == 0)   // an export prints exclude="" for none
                    {
                        if (name == "include") list.Include = null; else list.Exclude = null;
                        return PropertyError.None;
                    }
                    if (!IsNameList(value)) { error = name + " must be a comma list of at most " + Text.DecimalText.ToText(Capacity.MaxIncludedLists) + " different interface list names"; return PropertyError.BadValue; }
                    if (name == "include") list.Include = value; else list.Exclude = value;
                    return PropertyError.None;
                case "comment":
                    list.Comment = value;
                    return PropertyError.None;
            }
            error = "unknown interface list property " + name;
            return PropertyError.UnknownProperty;
        }

        public static PropertyError SetMember(InterfaceListMember member, string name, string value, out string error)
        {
            error = "";
            switch (name)
            {
                case "list":
                case "interface":
                    if (!PropertyValues.IsValidName(value)) { error = PropertyValues.NameError(name); return PropertyError.BadValue; }
                    if (name == "list") member.List = value; else member.Interface = value;
                    return PropertyError.None;
                case "disabled":
                    {
                        if (!PropertyValues.TryParseBool(value, out bool disabled)) { error = "disabled must be yes or no"; return PropertyError.BadValue; }
                        member.IsDisabled = disabled;
                        return PropertyError.None;
                    }
                case "comment":
                    member.Comment = value;
                    return PropertyError.None;
            }
            error = "unknown interface list member property " + name;
            return PropertyError.UnknownProperty;
        }

        public static void WriteList(InterfaceList list, IPropertyWriter writer)
        {
            writer.Put("name", list.Name);
            if (list.Include != null) writer.Put("include", list.Include);
            if (list.Exclude != null) writer.Put("exclude", list.Exclude);
            if (list.Comment != null) writer.Put("comment", list.Comment);
        }

        public static void WriteMember(InterfaceListMember member, IPropertyWriter writer)
        {
            writer.Put("list", member.List);
            writer.Put("interface", member.Interface);
            if (member.IsDisabled) writer.Put("disabled", "yes");
            if (member.Comment != null) writer.Put("comment", member.Comment);
        }

        /// <summary>The names of a comma list (include=, exclude=), in order.</summary>
        public static int CountNames(string value)
        {
            int n = 1;
            for (int i = 0; i < value.Length; i++) if (value[i] == ',') n++;
            return n;
        }

        /// <summary>The <paramref name="index"/>th name of a comma list.</summary>
        public static string NameAt(string value, int index)
        {
            int start = 0;
            for (int n = 0; n < index; n++) start = value.IndexOf(',', start) + 1;
            int end = value.IndexOf(',', start);
            return end < 0 ? value.Substring(start) : value.Substring(start, end - start);
        }

        private static bool IsNameList(string value)
        {
            int count = CountNames(value);
            if (count > Capacity.MaxIncludedLists) return false;
            for (int i = 0; i < count; i++)
            {
                string name = NameAt(value, i);
                if (!PropertyValues.IsValidName(name)) return false;
                for (int j = 0; j < i; j++) if (NameAt(value, j) == name) return false;
            }
            return true;
        }
    }
}
