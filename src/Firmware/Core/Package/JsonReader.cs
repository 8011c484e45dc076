// A pull reader for JSON over an IByteSource: one token at a time, no document tree, one chunk buffer
// and one character buffer allocated up front. Bounded in bytes, depth and string length; hostile input
// gets a sticky error with its byte offset, never an exception, a hang or an overrun.
using Gateway.Core.Text;

namespace Gateway.Core.Package
{
    /// <summary>Streaming JSON tokenizer with structural validation (RFC 8259, integers only).</summary>
    internal sealed class JsonReader
    {
        private const byte InObject = 1;
        private const byte InArray = 2;

        private enum Expect : byte { Value, ValueOrEnd, Name, NameOrEnd, Colon, CommaOrEnd, Done }

        private const int MaxNumberDigits = 18;

        private readonly IByteSource _source;
        private readonly int _maxBytes;
        private readonly byte[] _chunk = new byte[Capacity.ReaderChunkBytes];
        private int _chunkLength;
        private int _chunkAt;
        private int _consumed;                    // bytes taken from the source so far
        private readonly byte[] _stack = new byte[Capacity.MaxJsonDepth];
        private int _depth;
        private Expect _expect = Expect.Value;
        private char[] _chars;
        private int _charCount;
        private bool _keepString = true;

        public JsonReader(IByteSource source, int maxBytes, int initialStringChars)
        {
            _source = source;
            _maxBytes = maxBytes;
            _chars = new char[initialStringChars];
        }

        /// <summary>Byte offset where the last token started.</summary>
        public int TokenOffset { get; private set; }
        /// <summary>Value of the last Number token.</summary>
        public long Number { get; private set; }
        /// <summary>Length of the last string in characters (counted even when not kept).</summary>
        public int StringLength { get { return _charCount; } }

        public PackageError Error { get; private set; }
        public int ErrorOffset { get; private set; }
        public string ErrorMessage { get; private set; } = "";
        public long ErrorLimit { get; private set; }

        /// <summary>Longest string the next token may be; longer is refused (too-large).</summary>
        public int StringLimit { get; set; } = Capacity.MaxValueChars;

        /// <summary>When set, every character of the strings read is also appended here (as UTF-16 units),
        /// kept or not: how the package reader hashes a source text it does not keep.</summary>
        public ITextSink? StringSink { get; set; }

        /// <summary>Whether the next string is stored (<see cref="StringValue"/>) or only checked.</summary>
        public bool KeepString { get { return _keepString; } set { _keepString = value; } }

        /// <summary>The last String or PropertyName token's text (allocates; load time only).</summary>
        public string StringValue() { return new string(_chars, 0, _charCount); }

        /// <summary>True when the last string token equals <paramref name="s"/>, without allocating.</summary>
        public bool StringEquals(string s)
        {
            if (s.Length != _charCount) return false;
            for (int i = 0; i < _charCount; i++) if (_chars[i] != s[i]) return false;
            return true;
        }

        /// <summary>Records a failure found by the caller (a bad value) so that the reader stops too.</summary>
        public JsonToken Fail(PackageError error, int offset, string message)
        {
            if (Error == PackageError.None)
            {
                Error = error;
                ErrorOffset = offset;
                ErrorMessage = message;
            }
            return JsonToken.Error;
        }

        public JsonToken Next()
        {
            if (Error != PackageError.None) return JsonToken.Error;
            while (true)
            {
                int c = PeekNonSpace();
                if (Error != PackageError.None) return JsonToken.Error;
                TokenOffset = _consumed;
                if (c < 0)
                {
                    if (_expect == Expect.Done) return JsonToken.End;
                    return Fail(PackageError.Truncated, _consumed, "the document ends early");
                }
                switch (_expect)
                {
                    case Expect.Done:
                        return Fail(PackageError.Syntax, _consumed, "text after the end of the document");
                    case Expect.Colon:
                        if (c != ':') return Fail(PackageError.Syntax, _consumed, "expected ':'");
                        Take();
                        _expect = Expect.Value;
                        continue;
                    case Expect.CommaOrEnd:
                        Take();
                        if (c == ',') { _expect = _stack[_depth - 1] == InObject ? Expect.Name : Expect.Value; continue; }
                        if (c == '}' && _stack[_depth - 1] == InObject) return Close(JsonToken.EndObject);
                        if (c == ']' && _stack[_depth - 1] == InArray) return Close(JsonToken.EndArray);
                        return Fail(PackageError.Syntax, TokenOffset, "expected ',' or the end of the " + (_stack[_depth - 1] == InObject ? "object" : "array"));
                    case Expect.NameOrEnd:
                    case Expect.Name:
                        if (c == '}' && _expect == Expect.NameOrEnd) { Take(); return Close(JsonToken.EndObject); }
                        if (c != '"') return Fail(PackageError.Syntax, _consumed, "expected a member name in quotes");
                        Take();
                        if (!ReadString()) return JsonToken.Error;
                        _expect = Expect.Colon;
                        return JsonToken.PropertyName;
                    default: // Value, ValueOrEnd
                        if (c == ']' && _expect == Expect.ValueOrEnd) { Take(); return Close(JsonToken.EndArray); }
                        return ReadValue(c);
                }
            }
        }

        private JsonToken ReadValue(int c)
        {
            if (c == '{' || c == '[')
            {
                if (_depth == Capacity.MaxJsonDepth)
                {
                    ErrorLimit = Capacity.MaxJsonDepth;
                    return Fail(PackageError.Syntax, _consumed, "nested deeper than " + DecimalText.ToText(Capacity.MaxJsonDepth) + " levels");
                }
                Take();
                _stack[_depth++] = c == '{' ? InObject : InArray;
                _expect = c == '{' ? Expect.NameOrEnd : Expect.ValueOrEnd;
                return c == '{' ? JsonToken.BeginObject : JsonToken.BeginArray;
            }
            if (c == '"')
            {
                Take();
                if (!ReadString()) return JsonToken.Error;
                return AfterValue(JsonToken.String);
            }
            if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
            if (c == 't') return ReadLiteral("true", JsonToken.True);
            if (c == 'f') return ReadLiteral("false", JsonToken.False);
            if (c == 'n') return ReadLiteral("null", JsonToken.Null);
            return Fail(PackageError.Syntax, _consumed, "expected a value");
        }

        private JsonToken Close(JsonToken token)
        {
            _depth--;
            return AfterValue(token);
        }

        private JsonToken AfterValue(JsonToken token)
        {
            _expect = _depth == 0 ? Expect.Done : Expect.CommaOrEnd;
            return token;
        }

        private JsonToken ReadLiteral(string word, JsonToken token)
        {
            for (int i = 0; i < word.Length; i++)
            {
                int c = Peek();
                if (c < 0) return Fail(PackageError.Truncated, _consumed, "the document ends early");
                if (c != word[i]) return Fail(PackageError.Syntax, TokenOffset, "expected a value");
                Take();
            }
            return AfterValue(token);
        }

        // Integers only: the package has no fractional numbers.
        private JsonToken ReadNumber()
        {
            bool negative = Peek() == '-';
            if (negative) Take();
            long value = 0;
            int digits = 0;
            while (true)
            {
                int c = Peek();
                if (c < '0' || c > '9') break;
                if (digits == 1 && value == 0) return Fail(PackageError.Syntax, TokenOffset, "a number must not start with 0");
                if (++digits > MaxNumberDigits) return Fail(PackageError.BadValue, TokenOffset, "number too long");
                value = value * 10 + (c - '0');
                Take();
            }
            if (Error != PackageError.None) return JsonToken.Error;
            if (digits == 0) return Peek() < 0 ? Fail(PackageError.Truncated, _consumed, "the document ends early") : Fail(PackageError.Syntax, TokenOffset, "expected digits");
            int next = Peek();
            if (next == '.' || next == 'e' || next == 'E') return Fail(PackageError.BadValue, TokenOffset, "only whole numbers are allowed");
            Number = negative ? -value : value;
            return AfterValue(JsonToken.Number);
        }

        // After the opening quote. Decodes UTF-8 and escapes into _chars (when kept), bounded by StringLimit.
        private bool ReadString()
        {
            _charCount = 0;
            int limit = StringLimit;
            StringLimit = Capacity.MaxValueChars;
            bool keep = _keepString;
            _keepString = true;
            while (true)
            {
                int b = Peek();
                if (b < 0)
                {
                    if (Error == PackageError.None) Fail(PackageError.Truncated, _consumed, "the document ends inside a string");
                    return false;
                }
                Take();
                int code;
                if (b == '"') return true;
                if (b == '\\')
                {
                    code = ReadEscape();
                    if (code < 0) return false;
                }
                else if (b < 0x20) { Fail(PackageError.Syntax, _consumed - 1, "control character in a string"); return false; }
                else if (b < 0x80) code = b;
                else
                {
                    code = ReadUtf8(b);
                    if (code < 0) return false;
                }
                int units = code >= 0x10000 ? 2 : 1;
                if (_charCount + units > limit)
                {
                    ErrorLimit = limit;
                    Fail(PackageError.TooLarge, TokenOffset, "string longer than " + DecimalText.ToText(limit) + " characters");
                    return false;
                }
                if (keep) Store(code);
                if (StringSink != null) Sink(code);
                _charCount += units;
            }
        }

        private void Sink(int code)
        {
            if (code < 0x10000) { StringSink!.Append((char)code); return; }
            code -= 0x10000;
            StringSink!.Append((char)(0xD800 + (code >> 10)));
            StringSink.Append((char)(0xDC00 + (code & 0x3FF)));
        }

        private void Store(int code)
        {
            int units = code >= 0x10000 ? 2 : 1;
            if (_charCount + units > _chars.Length)
            {
                int size = _chars.Length * 2;
                while (size < _charCount + units) size *= 2;
                char[] bigger = new char[size];
                for (int i = 0; i < _charCount; i++) bigger[i] = _chars[i];
                _chars = bigger;
            }
            if (units == 1) { _chars[_charCount] = (char)code; return; }
            code -= 0x10000;
            _chars[_charCount] = (char)(0xD800 + (code >> 10));
            _chars[_charCount + 1] = (char)(0xDC00 + (code & 0x3FF));
        }

        private int ReadEscape()
        {
            int e = Peek();
            if (e < 0) { Fail(PackageError.Truncated, _consumed, "the document ends inside a string"); return -1; }
            Take();
            switch (e)
            {
                case '"': return '"';
                case '\\': return '\\';
                case '/': return '/';
                case 'b': return 8;
                case 'f': return 12;
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'u':
                    int value = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        int h = Peek();
                        if (h < 0) { Fail(PackageError.Truncated, _consumed, "the document ends inside a string"); return -1; }
                        int digit = Hex.Value((char)h);
                        if (digit < 0) { Fail(PackageError.Syntax, _consumed, "bad \\u escape"); return -1; }
                        Take();
                        value = value * 16 + digit;
                    }
                    return value;
                default:
                    Fail(PackageError.Syntax, _consumed - 1, "unknown escape in a string");
                    return -1;
            }
        }

        // Decodes one UTF-8 sequence whose lead byte was taken; refuses overlong forms and surrogates.
        private int ReadUtf8(int lead)
        {
            int at = _consumed - 1;
            int extra, code, min;
            if ((lead & 0xE0) == 0xC0) { extra = 1; code = lead & 0x1F; min = 0x80; }
            else if ((lead & 0xF0) == 0xE0) { extra = 2; code = lead & 0x0F; min = 0x800; }
            else if ((lead & 0xF8) == 0xF0) { extra = 3; code = lead & 0x07; min = 0x10000; }
            else { Fail(PackageError.Syntax, at, "invalid UTF-8"); return -1; }
            for (int i = 0; i < extra; i++)
            {
                int b = Peek();
                if (b < 0) { Fail(PackageError.Truncated, _consumed, "the document ends inside a string"); return -1; }
                if ((b & 0xC0) != 0x80) { Fail(PackageError.Syntax, at, "invalid UTF-8"); return -1; }
                Take();
                code = (code << 6) | (b & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) { Fail(PackageError.Syntax, at, "invalid UTF-8"); return -1; }
            return code;
        }

        private int PeekNonSpace()
        {
            while (true)
            {
                int c = Peek();
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return c;
                Take();
            }
        }

        // Next byte without taking it; -1 at the end (or after an error).
        private int Peek()
        {
            if (_chunkAt < _chunkLength) return _chunk[_chunkAt];
            if (Error != PackageError.None) return -1;
            _chunkLength = _source.Read(_chunk, 0, _chunk.Length);
            _chunkAt = 0;
            if (_chunkLength <= 0) { _chunkLength = 0; return -1; }
            if (_consumed + _chunkLength > _maxBytes)
            {
                ErrorLimit = _maxBytes;
                Fail(PackageError.TooLarge, _maxBytes, "package larger than " + DecimalText.ToText(_maxBytes) + " bytes");
                _chunkLength = 0;
                return -1;
            }
            return _chunk[0];
        }

        private void Take()
        {
            _chunkAt++;
            _consumed++;
        }
    }
}
