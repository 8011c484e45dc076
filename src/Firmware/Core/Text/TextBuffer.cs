// A growable character buffer: nanoFramework's mscorlib has no StringBuilder. Load and edit time only.
namespace Gateway.Core.Text
{
    /// <summary>Collects characters; grows by doubling. Not for the per-packet path.</summary>
    public sealed class TextBuffer : ITextSink
    {
        private const int InitialChars = 64;
        private char[] _chars;
        private int _length;

        public TextBuffer() : this(InitialChars) { }

        public TextBuffer(int initialChars) { _chars = new char[initialChars < 1 ? 1 : initialChars]; }

        /// <summary>Characters held.</summary>
        public int Length { get { return _length; } }

        public void Append(char c)
        {
            if (_length == _chars.Length) Grow(_length + 1);
            _chars[_length++] = c;
        }

        public void Append(string s)
        {
            if (_length + s.Length > _chars.Length) Grow(_length + s.Length);
            char[]? pairs = StringChars.PairsOf(s);
            for (int i = 0; i < s.Length; i++) _chars[_length++] = StringChars.At(s, pairs, i);
        }

        /// <summary>Appends a non-negative or negative integer in decimal.</summary>
        public void AppendInt(long value) { DecimalText.Append(this, value); }

        public char this[int index] { get { return _chars[index]; } }

        public void Clear() { _length = 0; }

        public override string ToString() { return new string(_chars, 0, _length); }

        private void Grow(int needed)
        {
            int size = _chars.Length * 2;
            while (size < needed) size *= 2;
            char[] bigger = new char[size];
            for (int i = 0; i < _length; i++) bigger[i] = _chars[i];
            _chars = bigger;
        }
    }
}
