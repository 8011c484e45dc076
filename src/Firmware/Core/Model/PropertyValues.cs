// Value forms shared by every menu: names, yes/no, list references, timeouts.
using Gateway.Core.Text;

namespace Gateway.Core.Model
{
    /// <summary>Parsers and formatters for RouterOS property values that several menus use.</summary>
    public static class PropertyValues
    {
        public const string NoneDynamic = "none-dynamic";
        public const string NoneStatic = "none-static";

        /// <summary>A chain, list or interface name: 1-<see cref="Capacity.MaxNameChars"/> printable
        /// characters, not starting with '!'.</summary>
        public static bool IsValidName(string name)
        {
            if (name.Length == 0 || name.Length > Capacity.MaxNameChars || name[0] == '!') return false;
            for (int i = 0; i < name.Length; i++) if (name[i] < ' ' || name[i] == 0x7F) return false;
            return true;
        }

        /// <summary>Describes a bad name.</summary>
        public static string NameError(string what)
        {
            return what + " must be 1-" + DecimalText.ToText(Capacity.MaxNameChars) + " printable characters";
        }

        /// <summary>Parses yes/no (and true/false).</summary>
        public static bool TryParseBool(string value, out bool result)
        {
            result = value == "yes" || value == "true";
            return result || value == "no" || value == "false";
        }

        /// <summary>Splits an optional leading '!' off a name reference.</summary>
        public static string StripNegation(string value, out bool negated)
        {
            negated = value.Length > 0 && value[0] == '!';
            return negated ? value.Substring(1) : value;
        }

        /// <summary>Parses a list timeout: a RouterOS time, <c>none-dynamic</c> or <c>none-static</c>.
        /// Zero means none-dynamic, as RouterOS reads <c>00:00:00</c>.</summary>
        public static bool TryParseTimeout(string value, out ListTimeoutKind kind, out long ms)
        {
            ms = 0;
            kind = ListTimeoutKind.NoneDynamic;
            if (value == NoneDynamic) return true;
            if (value == NoneStatic) { kind = ListTimeoutKind.Static; return true; }
            if (!RouterOsTime.TryParse(value, Capacity.MaxListTimeoutMs, out ms)) return false;
            if (ms > 0) kind = ListTimeoutKind.Timed;
            return true;
        }

        /// <summary>The canonical text of a list timeout.</summary>
        public static string TimeoutText(ListTimeoutKind kind, long ms)
        {
            if (kind == ListTimeoutKind.NoneDynamic) return NoneDynamic;
            if (kind == ListTimeoutKind.Static) return NoneStatic;
            return RouterOsTime.ToText(ms);
        }

        public static string TimeoutError()
        {
            return "timeout must be a time such as 1m, 1d00:00:00 or 500ms (at most 35w3d13h13m56s), none-dynamic or none-static";
        }
    }
}
