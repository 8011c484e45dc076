// Script values to RouterOS property text: camelCase names to RouterOS's kebab-case, numbers, booleans
// and arrays to RouterOS's string forms ("9000,6000-6010", yes/no). Strings pass through unchanged.
using System.Globalization;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace Gateway.Rules.Script;

internal static class ScriptValues
{
    /// <summary><c>dstPort</c> → <c>dst-port</c>; kebab-case names pass through.</summary>
    public static string Kebab(string name)
    {
        var b = new StringBuilder(name.Length + 4);
        foreach (char c in name)
        {
            if (char.IsUpper(c)) b.Append('-').Append(char.ToLowerInvariant(c));
            else b.Append(c);
        }
        return b.ToString();
    }

    /// <summary>The object's own enumerable properties in insertion order.</summary>
    public static IEnumerable<(string Key, JsValue Value)> Properties(ObjectInstance o)
    {
        foreach (var key in o.GetOwnPropertyKeys())
        {
            if (!key.IsString()) continue;
            var descriptor = o.GetOwnProperty(key);
            if (!descriptor.Enumerable) continue;
            yield return (key.AsString(), o.Get(key));
        }
    }

    /// <summary>RouterOS text of a value, or null with <paramref name="error"/>.</summary>
    public static string? Text(string key, JsValue value, out string error)
    {
        error = "";
        if (value.IsString()) return value.AsString();
        if (value.IsBoolean()) return value.AsBoolean() ? "yes" : "no";
        if (value.IsNumber())
        {
            double d = value.AsNumber();
            if (d != Math.Floor(d) || d < 0 || d > 9_007_199_254_740_991) { error = $"{key} must be a whole number, not {d.ToString(CultureInfo.InvariantCulture)}"; return null; }
            return ((long)d).ToString(CultureInfo.InvariantCulture);
        }
        if (value.IsArray())
        {
            var array = value.AsArray();
            var parts = new List<string>();
            for (uint i = 0; i < array.Length; i++)
            {
                var item = array.Get(i);
                if (item.IsArray() || item.IsObject() && !item.IsString()) { error = $"{key} takes a list of strings or numbers"; return null; }
                string? part = Text(key, item, out error);
                if (part == null) return null;
                parts.Add(part);
            }
            if (parts.Count == 0) { error = $"{key} is an empty list"; return null; }
            return string.Join(",", parts);
        }
        if (value.IsNull() || value.IsUndefined()) { error = $"{key} has no value"; return null; }
        error = $"{key} must be a string, a number, a boolean or a list";
        return null;
    }
}
