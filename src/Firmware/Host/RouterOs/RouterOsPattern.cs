// The `~` of RouterOS's `where` (a POSIX regular expression) in the subset a console query needs:
// literals, '.', bracket classes with ranges and '^' negation, the quantifiers '*', '+' and '?', the anchors
// '^' and '$', and '\' escapes of punctuation. Alternatives, groups, counted repeats, [:digit:] classes and
// \d-style escapes are refused by name, never guessed. Matched by stepping the set of pattern positions along
// the text (no backtracking), so time is text length x pattern length whatever a network-console user types.
// Written by hand: nanoFramework has no System.Text.RegularExpressions in the mscorlib the console runs on.
namespace Gateway.Host.RouterOs
{
    /// <summary>A compiled pattern; <see cref="IsMatch"/> searches anywhere in the text, as RouterOS does.</summary>
    public sealed class RouterOsPattern
    {
        private const byte Literal = 0, AnyChar = 1, Class = 2, NegatedClass = 3;
        private const byte One = 0, ZeroOrMore = 1, ZeroOrOne = 2;   // x+ is kept as x x*

        private readonly byte[] _kind;
        private readonly byte[] _repeat;
        private readonly char[] _char;       // the literal, or the class's text (pairs low, high) start in _classes
        private readonly int[] _classAt;
        private readonly int[] _classLength;
        private readonly char[] _classes;
        private readonly int _count;
        private readonly bool _atStart;
        private readonly bool _atEnd;

        private RouterOsPattern(bool atStart, bool atEnd, byte[] kind, byte[] repeat, char[] chars, int[] classAt, int[] classLength, char[] classes, int count)
        {
            _atStart = atStart; _atEnd = atEnd; _kind = kind; _repeat = repeat; _char = chars;
            _classAt = classAt; _classLength = classLength; _classes = classes; _count = count;
        }

        /// <summary>Compiles <paramref name="text"/>; null with <paramref name="error"/> (and its offset) when unsupported.</summary>
        public static RouterOsPattern? Compile(string text, out string error, out int errorAt)
        {
            int n = text.Length;
            byte[] kind = new byte[2 * n];   // x+ takes two atoms
            byte[] repeat = new byte[2 * n];
            char[] chars = new char[2 * n];
            int[] classAt = new int[2 * n];
            int[] classLength = new int[2 * n];
            char[] classes = new char[2 * n];
            int count = 0, classUsed = 0;
            int at = 0;
            bool atStart = n > 0 && text[0] == '^';
            if (atStart) at = 1;
            bool atEnd = false;
            error = "";
            errorAt = 0;
            while (at < n)
            {
                char c = text[at];
                if (c == '$' && at == n - 1) { atEnd = true; break; }
                if (c == '|' || c == '(' || c == ')' || c == '{' || c == '}')
                {
                    error = "regular expression " + c.ToString() + " (alternatives, groups, counted repeats) is not supported here";
                    errorAt = at;
                    return null;
                }
                if (c == '^' || c == '$')
                {
                    error = "regular expression " + c.ToString() + " is taken only at the " + (c == '^' ? "start" : "end");
                    errorAt = at;
                    return null;
                }
                if (c == '*' || c == '+' || c == '?')
                {
                    if (count == 0 || repeat[count - 1] != One)
                    {
                        error = "regular expression " + c.ToString() + " repeats nothing";
                        errorAt = at;
                        return null;
                    }
                    if (c == '+')
                    {
                        kind[count] = kind[count - 1]; chars[count] = chars[count - 1];
                        classAt[count] = classAt[count - 1]; classLength[count] = classLength[count - 1];
                        repeat[count++] = ZeroOrMore;
                    }
                    else repeat[count - 1] = c == '*' ? ZeroOrMore : ZeroOrOne;
                    at++;
                    continue;
                }
                if (c == '[')
                {
                    int start = at;
                    at++;
                    bool negated = at < n && text[at] == '^';
                    if (negated) at++;
                    classAt[count] = classUsed;
                    bool first = true;
                    while (at < n && (text[at] != ']' || first))
                    {
                        if (text[at] == '[' && at + 1 < n && (text[at + 1] == ':' || text[at + 1] == '=' || text[at + 1] == '.'))
                        {
                            error = "regular expression [" + text[at + 1].ToString() + " classes are not supported here; write the characters, e.g. [0-9]";
                            errorAt = at;
                            return null;
                        }
                        char low = text[at], high = low;
                        if (at + 2 < n && text[at + 1] == '-' && text[at + 2] != ']') { high = text[at + 2]; at += 2; }
                        classes[classUsed++] = low;
                        classes[classUsed++] = high;
                        at++;
                        first = false;
                    }
                    if (at >= n)
                    {
                        error = "regular expression [ not closed";
                        errorAt = start;
                        return null;
                    }
                    at++;
                    classLength[count] = (classUsed - classAt[count]) / 2;
                    kind[count++] = negated ? NegatedClass : Class;
                    continue;
                }
                if (c == '\\')
                {
                    if (at + 1 >= n) { error = "regular expression ends in \\"; errorAt = at; return null; }
                    char escaped = text[at + 1];
                    if (escaped >= 'a' && escaped <= 'z' || escaped >= 'A' && escaped <= 'Z' || escaped >= '0' && escaped <= '9')
                    {
                        error = "regular expression \\" + escaped.ToString() + " is not supported here; write a class, e.g. [0-9]";
                        errorAt = at;
                        return null;
                    }
                    at++;
                    chars[count] = text[at];
                    kind[count++] = Literal;
                    at++;
                    continue;
                }
                chars[count] = c;
                kind[count++] = c == '.' ? AnyChar : Literal;
                at++;
            }
            return new RouterOsPattern(atStart, atEnd, kind, repeat, chars, classAt, classLength, classes, count);
        }

        public bool IsMatch(string text)
        {
            bool[] now = new bool[_count + 1];    // now[i]: the first i atoms match up to here
            bool[] next = new bool[_count + 1];
            for (int at = 0; ; at++)
            {
                if (at == 0 || !_atStart) now[0] = true;   // unanchored: a match may start anywhere
                for (int i = 0; i < _count; i++) if (now[i] && _repeat[i] != One) now[i + 1] = true;   // skip an optional atom
                if (now[_count] && (!_atEnd || at == text.Length)) return true;
                if (at == text.Length) return false;
                char c = text[at];
                for (int i = 0; i <= _count; i++) next[i] = false;
                for (int i = 0; i < _count; i++)
                    if (now[i] && Matches(i, c)) next[_repeat[i] == ZeroOrMore ? i : i + 1] = true;
                bool[] swap = now;
                now = next;
                next = swap;
            }
        }

        private bool Matches(int atom, char c)
        {
            byte kind = _kind[atom];
            if (kind == Literal) return c == _char[atom];
            if (kind == AnyChar) return true;
            bool inClass = false;
            for (int i = 0; i < _classLength[atom] && !inClass; i++)
            {
                int p = _classAt[atom] + 2 * i;
                inClass = c >= _classes[p] && c <= _classes[p + 1];
            }
            return kind == Class ? inClass : !inClass;
        }
    }
}
