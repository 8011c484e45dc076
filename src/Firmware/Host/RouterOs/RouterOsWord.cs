// One word of a RouterOS command: a path segment, a verb, a bare value, or name=value, with the
// original positions of the name and of the value (continuations and quotes already undone).
namespace Gateway.Host.RouterOs
{
    /// <summary>A word of a command, unquoted, with where its parts started in the original text.</summary>
    public sealed class RouterOsWord
    {
        /// <summary>The name of name=value, or null for a bare word.</summary>
        public string? Name { get; internal set; }
        /// <summary>The value of name=value (unquoted, escapes resolved), or the bare word itself.</summary>
        public string Value { get; internal set; } = "";
        /// <summary>True when the value was (partly) quoted: a quoted word is never a path or a verb.</summary>
        public bool WasQuoted { get; internal set; }
        /// <summary>True when the value holds a <c>[ ... ]</c> expression (RouterOS scripting).</summary>
        public bool IsScript { get; internal set; }
        /// <summary>True for <c>where</c>: its value is the rest of the command, a condition for RouterOsQuery.</summary>
        public bool IsCondition { get; internal set; }
        public int Line { get; internal set; }
        public int Column { get; internal set; }
        public int ValueLine { get; internal set; }
        public int ValueColumn { get; internal set; }
    }
}
