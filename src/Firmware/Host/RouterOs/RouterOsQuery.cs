// RouterOS's item conditions, as `print where ...` and `[find ...]` take them: comparisons of a property
// (=, !=, <, >, <=, >=, ~ for a regular expression, `in` for an address inside a prefix or range), a bare
// property that is true when it is yes, and not/and/or (also !, &&, ||) with parentheses; `not` binds
// tightest, then `and`, then `or`. Parsed once into a postfix program; evaluated on each printed item's
// properties. Unknown properties and unsupported words are refused with their column, never skipped.
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Host.RouterOs
{
    /// <summary>A parsed condition over an item's properties.</summary>
    public sealed class RouterOsQuery
    {
        private const byte Compare = 0, Truth = 1, Not = 2, And = 3, Or = 4, Always = 5;
        private const byte Equal = 0, NotEqual = 1, Less = 2, Greater = 3, LessOrEqual = 4, GreaterOrEqual = 5, Regex = 6, Inside = 7;
        private const int MaxSteps = 64;
        private const int MaxNesting = 16;   // parentheses and nots: the parser recurses once per level

        private readonly byte[] _code = new byte[MaxSteps];
        private readonly byte[] _op = new byte[MaxSteps];
        private readonly string[] _property = StringArrays.New(MaxSteps);
        private readonly string[] _value = StringArrays.New(MaxSteps);
        private readonly RouterOsPattern?[] _pattern = new RouterOsPattern?[MaxSteps];
        private readonly AddressMatch?[] _range = new AddressMatch?[MaxSteps];
        private readonly bool[] _stack = new bool[MaxSteps];
        private int _length;

        // Parsing state.
        private string _text = "";
        private int _at;
        private int _line;
        private int _column;
        private string[] _names = StringArrays.New(0);
        private Family _family;
        private RouterOsError? _error;
        private int _nesting;

        private RouterOsQuery() { }

        /// <summary>Parses <paramref name="text"/>, which starts at <paramref name="line"/>:<paramref name="column"/>,
        /// for items whose properties are <paramref name="names"/>. Blank text matches every item.</summary>
        /// <returns>The query, or null with <paramref name="error"/>.</returns>
        public static RouterOsQuery? Parse(string text, int line, int column, string[] names, Family family, out RouterOsError? error)
        {
            RouterOsQuery q = new RouterOsQuery();
            q._text = text; q._line = line; q._column = column; q._names = names; q._family = family;
            q.SkipBlanks();
            if (q._at == text.Length) q.Emit(Always, 0, "", "");
            else
            {
                q.ParseOr();
                q.SkipBlanks();
                if (q._error == null && q._at < text.Length) q.Fail(q._at, "expected and, or or the end, found " + q.WordAt(q._at));
            }
            error = q._error;
            return error == null ? q : null;
        }

        /// <summary>True when the item with these properties meets the condition.</summary>
        public bool Matches(ItemProperties item)
        {
            int top = 0;
            for (int i = 0; i < _length; i++)
            {
                switch (_code[i])
                {
                    case Always: _stack[top++] = true; break;
                    case Truth: _stack[top++] = IsYes(item.Find(_property[i])); break;
                    case Compare: _stack[top++] = Holds(i, item.Find(_property[i])); break;
                    case Not: _stack[top - 1] = !_stack[top - 1]; break;
                    case And: top--; _stack[top - 1] = _stack[top - 1] && _stack[top]; break;
                    default: top--; _stack[top - 1] = _stack[top - 1] || _stack[top]; break;
                }
            }
            return _stack[0];
        }

        private static bool IsYes(string? value)
        {
            return value != null && value.Length > 0 && value != "no" && value != "false";
        }

        private bool Holds(int step, string? actual)
        {
            string have = actual ?? "";
            string want = _value[step];
            switch (_op[step])
            {
                case Equal: return have == want;
                case NotEqual: return have != want;
                case Regex: return _pattern[step]!.IsMatch(have);
                case Inside: return IsInside(have, _range[step]!);
                default:
                    int order;
                    if (!TryCompareNumbers(have, want, out order)) return false;
                    byte op = _op[step];
                    return op == Less ? order < 0 : op == Greater ? order > 0 : op == LessOrEqual ? order <= 0 : order >= 0;
            }
        }

        private bool IsInside(string value, AddressMatch range)
        {
            string unused;
            AddressMatch? item = value.Length == 0 ? null : AddressMatch.Parse(value, _family, false, out unused);
            if (item == null) return false;
            int words = AddressWords.Of(_family);
            return AddressWords.Compare(item.Low, 0, range.Low, 0, words) >= 0 && AddressWords.Compare(item.High, 0, range.High, 0, words) <= 0;
        }

        // Counts compare as integers; durations (timeout=59s) as time, a bare number being seconds, as RouterOS reads it.
        private static bool TryCompareNumbers(string a, string b, out int order)
        {
            order = 0;
            long x, y = 0;
            bool ints = DecimalText.TryParse(a, 0, a.Length, long.MaxValue, out x) && DecimalText.TryParse(b, 0, b.Length, long.MaxValue, out y);
            if (!ints && !(RouterOsTime.TryParse(a, long.MaxValue / 2, out x) && RouterOsTime.TryParse(b, long.MaxValue / 2, out y))) return false;
            order = x < y ? -1 : x > y ? 1 : 0;
            return true;
        }

        // ---- parsing: or := and (or and)*; and := unary (and unary)*; unary := not unary | ( or ) | term ----

        private void ParseOr()
        {
            ParseAnd();
            while (_error == null && TakeKeyword("or", "||")) { ParseAnd(); Emit(Or, 0, "", ""); }
        }

        private void ParseAnd()
        {
            ParseUnary();
            while (_error == null && TakeKeyword("and", "&&")) { ParseUnary(); Emit(And, 0, "", ""); }
        }

        private void ParseUnary()
        {
            SkipBlanks();
            if (_at >= _text.Length) { Fail(_at, "expected a condition at the end"); return; }
            int start = _at;
            bool not = TakeKeyword("not", "!");
            if (not || _text[_at] == '(')
            {
                if (++_nesting > MaxNesting) { Fail(start, "condition nested too deeply (at most " + DecimalText.ToText(MaxNesting) + " parentheses and nots)"); return; }
                if (not) ParseUnary();
                else ParseGroup();
                _nesting--;
                if (not) Emit(Not, 0, "", "");
                return;
            }
            ParseTerm();
        }

        // At a '(': the condition inside, then its ')'.
        private void ParseGroup()
        {
            int open = _at++;
            ParseOr();
            SkipBlanks();
            if (_error != null) return;
            if (_at >= _text.Length || _text[_at] != ')') { Fail(open, "( not closed"); return; }
            _at++;
        }

        private void ParseTerm()
        {
            int start = _at;
            while (_at < _text.Length && IsNameChar(_text[_at])) _at++;
            if (_at == start) { Fail(start, "expected a property, found " + WordAt(start)); return; }
            string name = _text.Substring(start, _at - start);
            if (!IsKnown(name)) { Fail(start, "no such property " + name + " here"); return; }
            SkipBlanks();
            int opAt = _at;
            byte op;
            if (Take("!=")) op = NotEqual;
            else if (Take("<=")) op = LessOrEqual;
            else if (Take(">=")) op = GreaterOrEqual;
            else if (Take("=")) op = Equal;
            else if (Take("<")) op = Less;
            else if (Take(">")) op = Greater;
            else if (Take("~")) op = Regex;
            else if (TakeWord("in")) op = Inside;
            else { Emit(Truth, 0, name, ""); return; }
            SkipBlanks();
            int valueAt = _at;
            string value = ReadValue();
            if (_error != null) return;
            int step = _length;
            Emit(Compare, op, name, value);
            if (_error != null) return;
            string problem = "";
            int problemAt = valueAt;
            if (op == Regex)
            {
                int offset;
                _pattern[step] = RouterOsPattern.Compile(value, out problem, out offset);
                problemAt = valueAt + offset + (valueAt < _text.Length && _text[valueAt] == '"' ? 1 : 0);
            }
            else if (op == Inside) _range[step] = AddressMatch.Parse(value, _family, false, out problem);
            else if (op != Equal && op != NotEqual && !IsNumber(value)) problem = _text.Substring(opAt, valueAt - opAt).Trim() + " compares numbers and durations, not " + value;
            if (problem.Length > 0) Fail(problemAt, problem);
        }

        private static bool IsNumber(string value)
        {
            long unused;
            return value.Length > 0 && RouterOsTime.TryParse(value, long.MaxValue / 2, out unused);
        }

        // A quoted value (RouterOS escapes \" and \\), or the text up to a blank or ')'.
        private string ReadValue()
        {
            TextBuffer b = new TextBuffer(16);
            if (_at < _text.Length && _text[_at] == '"')
            {
                int open = _at++;
                while (_at < _text.Length && _text[_at] != '"')
                {
                    if (_text[_at] == '\\' && _at + 1 < _text.Length) _at++;
                    b.Append(_text[_at++]);
                }
                if (_at >= _text.Length) { Fail(open, "quoted value not closed"); return ""; }
                _at++;
                return b.ToString();
            }
            while (_at < _text.Length && _text[_at] != ' ' && _text[_at] != '\t' && _text[_at] != ')') b.Append(_text[_at++]);
            return b.ToString();
        }

        private bool IsKnown(string name)
        {
            for (int i = 0; i < _names.Length; i++) if (_names[i] == name) return true;
            return false;
        }

        private static bool IsNameChar(char c)
        {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.';
        }

        // and/or/not as words (not the start of a property such as "order"), or their symbols.
        private bool TakeKeyword(string word, string symbol)
        {
            SkipBlanks();
            return TakeWord(word) || Take(symbol);
        }

        private bool TakeWord(string word)
        {
            int end = _at + word.Length;
            if (end > _text.Length || _text.Substring(_at, word.Length) != word) return false;
            if (end < _text.Length && IsNameChar(_text[end])) return false;
            _at = end;
            return true;
        }

        private bool Take(string symbol)
        {
            int end = _at + symbol.Length;
            if (end > _text.Length || _text.Substring(_at, symbol.Length) != symbol) return false;
            _at = end;
            return true;
        }

        private string WordAt(int at)
        {
            int end = at;
            while (end < _text.Length && _text[end] != ' ') end++;
            return end == at ? "the end" : _text.Substring(at, end - at);
        }

        private void SkipBlanks()
        {
            while (_at < _text.Length && (_text[_at] == ' ' || _text[_at] == '\t')) _at++;
        }

        private void Emit(byte code, byte op, string property, string value)
        {
            if (_length == MaxSteps) { Fail(_at, "condition too long (at most " + DecimalText.ToText(MaxSteps) + " steps)"); return; }
            _code[_length] = code; _op[_length] = op; _property[_length] = property; _value[_length] = value;
            _length++;
        }

        private void Fail(int at, string message)
        {
            if (_error == null) _error = new RouterOsError(_line, _column + at, message);
        }
    }
}
