// /export: a RuleSet as RouterOS commands that the importer reads back to the same RuleSet.
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Core.RouterOs
{
    /// <summary>Writes RouterOS command text for a RuleSet.</summary>
    public static class RouterOsExport
    {
        public static string Text(RuleSet rules)
        {
            TextBuffer b = new TextBuffer(256);
            for (int f = 0; f < 2; f++)
            {
                Family family = f == 0 ? Family.Ipv4 : Family.Ipv6;
                FamilyRules r = rules.Of(family);
                if (r.RuleCount > 0)
                {
                    b.Append(RouterOsMenus.PathOf(RouterOsMenu.Filter, family));
                    b.Append('\n');
                    for (int i = 0; i < r.RuleCount; i++) Line(b, 0, r.RuleAt(i), null, null);
                }
                if (r.EntryCount > 0)
                {
                    b.Append(RouterOsMenus.PathOf(RouterOsMenu.AddressList, family));
                    b.Append('\n');
                    for (int i = 0; i < r.EntryCount; i++) Line(b, 1, null, r.EntryAt(i), null);
                }
                if (r.ForwardCount > 0)
                {
                    b.Append(RouterOsMenus.PathOf(RouterOsMenu.Nat, family));
                    b.Append('\n');
                    for (int i = 0; i < r.ForwardCount; i++) Line(b, 2, null, null, r.ForwardAt(i));
                }
            }
            return b.ToString();
        }

        private static void Line(TextBuffer b, int menu, Rule? rule, ListEntry? entry, Forward? forward)
        {
            b.Append("add");
            Words words = new Words(b);
            if (menu == 0) RuleProperties.Write(rule!, words);
            else if (menu == 1) EntryProperties.Write(entry!, words);
            else ForwardProperties.Write(forward!, words);
            b.Append('\n');
        }

        /// <summary>Appends <c> name=value</c>, quoting the value when RouterOS would need it.</summary>
        public static void AppendWord(TextBuffer b, string name, string value)
        {
            b.Append(' ');
            b.Append(name);
            b.Append('=');
            bool quote = value.Length == 0;
            for (int i = 0; i < value.Length && !quote; i++)
            {
                char c = value[i];
                quote = c == ' ' || c == '"' || c == '\\' || c == ';' || c == '#' || c == '$' || c == '[' || c == ']' || c == '{' || c == '}' || c < ' ';
            }
            if (!quote) { b.Append(value); return; }
            b.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\' || c == '$') { b.Append('\\'); b.Append(c); }
                else if (c == '\n') b.Append("\\n");
                else if (c == '\r') b.Append("\\r");
                else if (c == '\t') b.Append("\\t");
                else if (c < ' ')
                {
                    b.Append('\\');
                    b.Append(Hex.UpperDigit(c >> 4));
                    b.Append(Hex.UpperDigit(c & 0xF));
                }
                else b.Append(c);
            }
            b.Append('"');
        }

        private sealed class Words : IPropertyWriter
        {
            private readonly TextBuffer _b;
            public Words(TextBuffer b) { _b = b; }
            public void Put(string name, string value) { AppendWord(_b, name, value); }
        }
    }
}
