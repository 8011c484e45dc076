// Splits RouterOS command text (.rsc files, console lines) into commands of words, the way RouterOS's
// CLI reads it (routeros-semantics.md, "CLI text"): '\' continuations (also the flattened "\ " that web
// pages leave), quoted values with escapes, '#' comments, ';' and newlines ending a command.
using Gateway.Core.Text;

namespace Gateway.Host.RouterOs
{
    /// <summary>Reads commands one at a time; positions refer to the original text (1-based).</summary>
    public sealed class RouterOsReader
    {
        private readonly string _text;
        private int _at;
        private int _line = 1;
        private int _column = 1;
        private readonly TextBuffer _buffer = new TextBuffer(64);

        public RouterOsReader(string text) { _text = text; }

        /// <summary>Set when <see cref="Next"/> returned false because of bad text.</summary>
        public RouterOsError? Error { get; private set; }

        /// <summary>Reads the next non-empty command into <paramref name="command"/>.</summary>
        /// <returns>False at the end of the text or on an error (see <see cref="Error"/>).</returns>
        public bool Next(RouterOsCommand command)
        {
            command.Clear();
            while (Error == null)
            {
                SkipBlanks();
                if (_at >= _text.Length) return command.WordCount > 0;
                char c = _text[_at];
                if (c == '\n' || c == ';')
                {
                    Advance();
                    if (command.WordCount > 0) return true;
                    continue;
                }
                if (c == '#')
                {
                    while (_at < _text.Length && _text[_at] != '\n') Advance();
                    continue;
                }
                if (c == '\\')
                {
                    if (!SkipContinuation()) Fail(_line, _column, "stray '\\' outside a quoted value");
                    continue;
                }
                if (command.WordCount == 0)
                {
                    command.Line = _line;
                    command.Column = _column;
                }
                RouterOsWord? word = ReadWord();
                if (word == null) continue;
                // `print where ...`: the condition is an expression with its own words (and, or, parentheses,
                // comparisons), kept whole as the value of `where` and parsed by RouterOsQuery.
                if (command.WordCount > 0 && word.Name == null && !word.WasQuoted && !word.IsScript && word.Value == "where") ReadCondition(word);
                command.Add(word);
            }
            return false;
        }

        private RouterOsWord? ReadWord()
        {
            RouterOsWord word = new RouterOsWord();
            word.Line = _line;
            word.Column = _column;
            word.ValueLine = _line;
            word.ValueColumn = _column;
            _buffer.Clear();
            while (_at < _text.Length)
            {
                char c = _text[_at];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';') break;
                if (c == '\\')
                {
                    if (!SkipContinuation()) { Fail(_line, _column, "stray '\\' outside a quoted value"); return null; }
                    continue;
                }
                if (c == '"')
                {
                    if (!ReadQuoted()) return null;
                    word.WasQuoted = true;
                    // A closing quote ends the word: RouterOS needs a blank before the next one. A blog that
                    // printed `"port scanners"address-list-timeout=2w` would otherwise name the list after both.
                    // A continuation right after the quote joins the next line on without a blank: the same glue.
                    if (_at < _text.Length && _text[_at] == '\\') SkipContinuation();
                    if (_at < _text.Length && !IsWordEnd(_text[_at]) && _text[_at] != '=')
                    {
                        Fail(_line, _column, "no blank after the closing quote: the next word would run into this value; add a space before " + _text[_at].ToString());
                        return null;
                    }
                    continue;
                }
                if (c == '\u201C' || c == '\u201D' || c == '\u201E' || c == '\u2033')
                {
                    Fail(_line, _column, "typographic quote " + c.ToString() + " (from a web page or a word processor): RouterOS quotes with \", retype it");
                    return null;
                }
                if (c == '=' && word.Name == null && !word.WasQuoted)
                {
                    word.Name = _buffer.ToString();
                    _buffer.Clear();
                    Advance();
                    word.ValueLine = _line;
                    word.ValueColumn = _column;
                    continue;
                }
                if (c == '[' && _buffer.Length == 0)
                {
                    // [ find ... ] as a full export writes it: one word the importer refuses outside a skipped menu.
                    if (!ReadBracket()) return null;
                    word.IsScript = true;
                    continue;
                }
                if (c == '[' || c == '$' || c == '{' || c == ':' && _buffer.Length == 0 && word.Name == null)
                {
                    Fail(_line, _column, "RouterOS scripting (" + c + ") is not supported; write plain commands");
                    return null;
                }
                _buffer.Append(c);
                Advance();
            }
            word.Value = _buffer.ToString();
            return word;
        }

        // After `where`: the rest of the command (to ';' or the end of the line outside quotes), continuations joined.
        private void ReadCondition(RouterOsWord word)
        {
            SkipBlanks();
            word.IsCondition = true;
            word.ValueLine = _line;
            word.ValueColumn = _column;
            _buffer.Clear();
            bool quoted = false;
            char unused;
            while (_at < _text.Length && _text[_at] != '\n' && (quoted || _text[_at] != ';')) TakeRaw(ref quoted, out unused);
            int end = _buffer.Length;
            while (end > 0 && (_buffer[end - 1] == ' ' || _buffer[end - 1] == '\r' || _buffer[end - 1] == '\t')) end--;
            word.Value = _buffer.ToString().Substring(0, end);
        }

        // At a '[': to its matching ']' on the same logical line (quotes and nesting respected), kept as written.
        private bool ReadBracket()
        {
            int line = _line, column = _column, depth = 0;
            bool quoted = false;
            char c;
            while (_at < _text.Length && _text[_at] != '\n')
            {
                if (!TakeRaw(ref quoted, out c) || quoted) continue;
                if (c == '[') depth++;
                else if (c == ']' && --depth == 0) return true;
            }
            Fail(line, column, "[ not closed on its line");
            return false;
        }

        // One character of raw text (a condition, a bracket) kept as written: a continuation outside quotes
        // becomes a blank (false: no character taken), a quote toggles <paramref name="quoted"/>, and an escape
        // inside quotes takes its next character with it.
        private bool TakeRaw(ref bool quoted, out char c)
        {
            c = _text[_at];
            if (c == '\\' && !quoted && SkipContinuation()) { _buffer.Append(' '); return false; }
            _buffer.Append(c);
            Advance();
            if (c == '"') quoted = !quoted;
            else if (c == '\\' && quoted && _at < _text.Length) { _buffer.Append(_text[_at]); Advance(); }
            return true;
        }

        // After the opening quote: to the closing quote, resolving RouterOS escapes and continuations.
        private bool ReadQuoted()
        {
            int line = _line, column = _column;
            Advance();
            while (true)
            {
                if (_at >= _text.Length || _text[_at] == '\n')
                {
                    Fail(line, column, "quoted value not closed on its line (end a wrapped line with \\)");
                    return false;
                }
                char c = _text[_at];
                if (c == '"') { Advance(); return true; }
                if (c != '\\') { _buffer.Append(c); Advance(); continue; }
                if (SkipContinuation()) continue;
                int escLine = _line, escColumn = _column;
                Advance();
                char e = _text[_at];
                Advance();
                switch (e)
                {
                    case '"': _buffer.Append('"'); break;
                    case '\\': _buffer.Append('\\'); break;
                    case 'n': _buffer.Append('\n'); break;
                    case 'r': _buffer.Append('\r'); break;
                    case 't': _buffer.Append('\t'); break;
                    case '$': _buffer.Append('$'); break;
                    case '?': _buffer.Append('?'); break;
                    case '_': _buffer.Append(' '); break;
                    case 'a': _buffer.Append((char)7); break;
                    case 'b': _buffer.Append((char)8); break;
                    case 'f': _buffer.Append((char)12); break;
                    case 'v': _buffer.Append((char)11); break;
                    default:
                        int high = Hex.Value(e);
                        int low = _at < _text.Length ? Hex.Value(_text[_at]) : -1;
                        if (high < 0 || low < 0)
                        {
                            Fail(escLine, escColumn, "unknown escape \\" + e + " in a quoted value");
                            return false;
                        }
                        Advance();
                        _buffer.Append((char)(high * 16 + low));
                        break;
                }
            }
        }

        // At a '\': a continuation is '\' followed by blanks and then a newline, the end, or (text copied
        // from web pages, where the newline became a space) anything else. Consumes it and the next
        // line's indentation. Returns false when the '\' is not followed by a blank or a newline.
        private bool SkipContinuation()
        {
            int next = _at + 1;
            if (next < _text.Length && _text[next] != ' ' && _text[next] != '\t' && _text[next] != '\r' && _text[next] != '\n') return false;
            Advance();
            while (_at < _text.Length && (_text[_at] == ' ' || _text[_at] == '\t' || _text[_at] == '\r')) Advance();
            if (_at < _text.Length && _text[_at] == '\n')
            {
                Advance();
                while (_at < _text.Length && (_text[_at] == ' ' || _text[_at] == '\t')) Advance();
            }
            return true;
        }

        // What ends an unquoted word; a '\\' may start a continuation, which ReadWord checks itself.
        private static bool IsWordEnd(char c)
        {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '\\';
        }

        private void SkipBlanks()
        {
            while (_at < _text.Length && (_text[_at] == ' ' || _text[_at] == '\t' || _text[_at] == '\r')) Advance();
        }

        private void Advance()
        {
            if (_text[_at] == '\n') { _line++; _column = 1; }
            else _column++;
            _at++;
        }

        private void Fail(int line, int column, string message)
        {
            if (Error == null) Error = new RouterOsError(line, column, message);
        }
    }
}
