// The `~` of RouterOS's `where` (a POSIX regular expression) in the subset a console query needs:
// literals, '.', bracket classes with ranges and '^' negation, the quantifiers '*', '+' and '?', the anchors
// '^' and '$', and '\' escapes. Alternatives, groups and counted repeats are refused by name, never guessed.
// Written by hand: nanoFramework has no System.Text.RegularExpressions in the mscorlib the console runs on.
namespace Gateway.Host.RouterOs
{
    /// <summary>A compiled pattern; <see cref="IsMatch"/> searches anywhere in the text, as RouterOS does.</summary>
    public sealed class RouterOsPattern
    {
        private const byte Literal = 0, AnyChar = 1, Class = 2, NegatedClass = 3;
        private const byte One = 0, ZeroOrMore = 1, OneOrMore = 2, ZeroOrOne = 3;

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
            byte[] kind = new byte[n];
            byte[] repeat = new byte[n];
            char[] chars = new char[n];
            int[] classAt = new int[n];
            int[] classLength = new int[n];
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
                if (c == '*' || c == '+' || c == '?')
                {
                    if (count == 0 || repeat[count - 1] != One)
                    {
                        error = "regular expression " + c.ToString() + " repeats nothing";
                        errorAt = at;
                        return null;
                    }
                    repeat[count - 1] = c == '*' ? ZeroOrMore : c == '+' ? OneOrMore : ZeroOrOne;
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
            if (_atStart) return MatchHere(0, text, 0);
            for (int start = 0; start <= text.Length; start++) if (MatchHere(0, text, start)) return true;
            return false;
        }

        private bool MatchHere(int atom, string text, int at)
        {
            if (atom == _count) return !_atEnd || at == text.Length;
            byte repeat = _repeat[atom];
            if (repeat == One) return at < text.Length && Matches(atom, text[at]) && MatchHere(atom + 1, text, at + 1);
            int run = 0;
            int most = text.Length - at;
            if (repeat == ZeroOrOne && most > 1) most = 1;
            while (run < most && Matches(atom, text[at + run])) run++;
            int least = repeat == OneOrMore ? 1 : 0;
            for (int k = run; k >= least; k--) if (MatchHere(atom + 1, text, at + k)) return true;   // longest first
            return false;
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
