// Which items a set, remove, enable or disable acts on, in RouterOS's three ways of saying it: item numbers
// as print shows them (0,2,5 and ranges 1-3, any order, repeats allowed), numbers=..., and [find ...] with a
// condition ([find], [find comment="old"], [find where list=knock1 and dynamic]). Only find is taken inside
// brackets: the rest of RouterOS's scripting language is refused by name.
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Host.RouterOs
{
    /// <summary>Turns the item word of an edit command into ascending, distinct item numbers.</summary>
    public static class ItemSelection
    {
        /// <summary>The items <paramref name="target"/> names: <c>[find ...]</c>, or numbers (bare or
        /// <c>numbers=</c>); null with <paramref name="error"/> when it names none that exist.</summary>
        public static int[]? Select(RouterOsWord target, IPrintedItems items, Family family, out RouterOsError? error)
        {
            if (target.IsScript) return Find(target, items, family, out error);
            string bad;
            int[]? chosen = ParseNumbers(target.Value, items.Count, out bad);
            error = chosen == null ? new RouterOsError(target.ValueLine, target.ValueColumn, "no such item " + bad + " (see print)") : null;
            return chosen;
        }

        /// <summary>Parses item numbers below <paramref name="count"/>; null when one is not an item, with
        /// <paramref name="bad"/> the first part that is not.</summary>
        public static int[]? ParseNumbers(string text, int count, out string bad)
        {
            bad = text;
            if (text.Length == 0) return null;
            bool[] chosen = new bool[count];
            int at = 0;
            while (at <= text.Length)
            {
                int end = at;
                while (end < text.Length && text[end] != ',') end++;
                int dash = at;
                while (dash < end && text[dash] != '-') dash++;
                int first = 0, last;
                bool ok = count > 0 && DecimalText.TryParseInt(text, at, dash, count - 1, out first);
                last = first;
                if (ok && dash < end) ok = DecimalText.TryParseInt(text, dash + 1, end, count - 1, out last) && last >= first;
                if (!ok)
                {
                    bad = text.Substring(at, end - at);
                    return null;
                }
                for (int i = first; i <= last; i++) chosen[i] = true;
                at = end + 1;
            }
            return Chosen(chosen);
        }

        /// <summary>The items of <c>[find ...]</c>; null with <paramref name="error"/> when it is not a find or
        /// its condition is bad.</summary>
        public static int[]? Find(RouterOsWord word, IPrintedItems items, Family family, out RouterOsError? error)
        {
            string text = word.Value;
            int at = 1;
            while (at < text.Length && text[at] == ' ') at++;
            int end = text.Length - 1;   // the closing ']'
            if (!StartsWithWord(text, at, "find"))
            {
                int wordEnd = at;
                while (wordEnd < end && text[wordEnd] != ' ') wordEnd++;
                error = new RouterOsError(word.ValueLine, word.ValueColumn + at, "only [find ...] is supported inside [ ], not " + (wordEnd == at ? "[]" : text.Substring(at, wordEnd - at)));
                return null;
            }
            at += 4;
            while (at < end && text[at] == ' ') at++;
            if (StartsWithWord(text, at, "where")) at += 5;
            RouterOsQuery? query = RouterOsQuery.Parse(text.Substring(at, end - at), word.ValueLine, word.ValueColumn + at, items.PropertyNames, family, out error);
            return query == null ? null : Matching(query, items);
        }

        /// <summary>The items that meet <paramref name="query"/>, ascending.</summary>
        public static int[] Matching(RouterOsQuery query, IPrintedItems items)
        {
            bool[] chosen = new bool[items.Count];
            ItemProperties properties = new ItemProperties();
            for (int i = 0; i < items.Count; i++)
            {
                items.Fill(i, properties);
                chosen[i] = query.Matches(properties);
            }
            return Chosen(chosen);
        }

        private static bool StartsWithWord(string text, int at, string word)
        {
            int end = at + word.Length;
            if (end > text.Length || text.Substring(at, word.Length) != word) return false;
            return end == text.Length || text[end] == ' ' || text[end] == ']';
        }

        private static int[] Chosen(bool[] chosen)
        {
            int n = 0;
            for (int i = 0; i < chosen.Length; i++) if (chosen[i]) n++;
            int[] items = new int[n];
            n = 0;
            for (int i = 0; i < chosen.Length; i++) if (chosen[i]) items[n++] = i;
            return items;
        }
    }
}
