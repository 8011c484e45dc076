// print's forms, as RouterOS writes them: the plain list (flags, number, the item's words and, for filter
// rules, their counters), `terse` (one line per item, no header), `detail` (the comment as ";;; " on the item's
// first line, the properties wrapped under it, a blank line between items) and `count-only` (the number of
// items). `where` narrows any of them.
using Gateway.Core.Text;
using Gateway.Host.RouterOs;

namespace Gateway.Host.Console
{
    /// <summary>Writes a menu's items in one of print's forms.</summary>
    internal static class MenuPrinter
    {
        public const int Plain = 0, Terse = 1, Detail = 2, CountOnly = 3;
        private const int DetailWidth = 78;
        private const string DetailIndent = "     ";   // with each word's own blank, properties start in column 7, as RouterOS's do

        /// <summary>Appends the items in <paramref name="chosen"/> (ascending) in <paramref name="form"/>.</summary>
        public static void Print(TextBuffer b, MenuItems items, int[] chosen, int form, RouterOsMenu menu)
        {
            if (form == CountOnly)
            {
                b.AppendInt(chosen.Length);
                b.Append('\n');
                return;
            }
            if (form != Terse) b.Append(menu == RouterOsMenu.AddressList ? "Flags: X - disabled, D - dynamic\n" : "Flags: X - disabled\n");
            ItemProperties shown = new ItemProperties();
            for (int k = 0; k < chosen.Length; k++)
            {
                int item = chosen[k];
                shown.Clear();
                items.WriteShown(item, shown);
                Number(b, item, items.Flag(item));
                if (form == Detail) { b.Append(' '); AppendDetail(b, shown, items, item, menu); }
                else
                {
                    for (int p = 0; p < shown.Count; p++) RouterOsExport.AppendWord(b, shown.NameAt(p), shown.ValueAt(p));
                    if (form == Plain && menu == RouterOsMenu.Filter) AppendCounters(b, items, item);
                }
                b.Append('\n');
            }
        }

        private static void AppendDetail(TextBuffer b, ItemProperties shown, MenuItems items, int item, RouterOsMenu menu)
        {
            string? comment = shown.Find("comment");
            if (comment != null)
            {
                b.Append(" ;;; ");
                b.Append(comment);
                b.Append('\n');
                b.Append(DetailIndent);
            }
            TextBuffer word = new TextBuffer(32);
            int column = DetailIndent.Length;
            for (int p = 0; p < shown.Count; p++)
            {
                if (shown.NameAt(p) == "comment") continue;
                word.Clear();
                RouterOsExport.AppendWord(word, shown.NameAt(p), shown.ValueAt(p));
                column = Wrap(b, word, column);
            }
            if (menu == RouterOsMenu.Filter)
            {
                word.Clear();
                AppendCounters(word, items, item);
                column = Wrap(b, word, column);
            }
            b.Append('\n');   // RouterOS leaves a blank line after each item in detail
        }

        // Appends " name=value", starting a new indented line first when it would pass the width.
        private static int Wrap(TextBuffer b, TextBuffer word, int column)
        {
            if (column > DetailIndent.Length && column + word.Length > DetailWidth)
            {
                b.Append('\n');
                b.Append(DetailIndent);
                column = DetailIndent.Length;
            }
            b.Append(word.ToString());
            return column + word.Length;
        }

        private static void AppendCounters(TextBuffer b, MenuItems items, int item)
        {
            b.Append(" packets="); b.Append(DecimalText.ToText(items.PacketsOf(item)));
            b.Append(" bytes="); b.Append(DecimalText.ToText(items.BytesOf(item)));
        }

        private static void Number(TextBuffer b, int n, char flag)
        {
            if (n < 10) b.Append(' ');
            b.AppendInt(n);
            b.Append(' ');
            b.Append(flag);
        }
    }
}
