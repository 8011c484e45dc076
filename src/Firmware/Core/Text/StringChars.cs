// Reading a string's UTF-16 units correctly on nanoCLR. Its string indexer (get_Chars) walks the UTF-8 the
// runtime keeps and, at the low half of a character above U+FFFF, returns the high half again
// (CLR_RT_UnicodeHelper::ConvertFromUTF8 rewinds after writing both halves); ToCharArray is right. So
// code that must see every unit of text that may hold such characters (package text, hashes, UTF-8
// output) reads them through here; strings without surrogates, nearly all, cost no allocation.
namespace Gateway.Core.Text
{
    /// <summary>Surrogate-safe access to a string's characters.</summary>
    public static class StringChars
    {
        /// <summary>The string's characters when it holds a surrogate (so its indexer cannot be trusted on
        /// nanoCLR), else null: then <c>s[i]</c> is exact.</summary>
        public static char[]? PairsOf(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c >= 0xD800 && c <= 0xDFFF) return s.ToCharArray();
            }
            return null;
        }

        /// <summary>The unit at <paramref name="i"/>, from <paramref name="pairs"/> (see <see cref="PairsOf"/>) when given.</summary>
        public static char At(string s, char[]? pairs, int i) { return pairs == null ? s[i] : pairs[i]; }
    }
}
