// /export: a RuleSet as RouterOS commands that the importer reads back to the same RuleSet.
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Host.RouterOs
{
    /// <summary>Writes RouterOS command text for a RuleSet.</summary>
    public static class RouterOsExport
    {
        public static string Text(RuleSet rules) { return Write(rules, false); }

        /// <summary>The same commands with <c>   # chain index</c> after each filter rule (`gateway compile --explain`).</summary>
        public static string TextWithChainIndexes(RuleSet rules) { return Write(rules, true); }

        private static string Write(RuleSet rules, bool chainIndexes)
        {
            TextBuffer b = new TextBuffer(256);
            InterfaceLists lists = rules.InterfaceLists;
            if (lists.ListCount > 0) Menu(b, RouterOsMenu.InterfaceList, Family.Ipv4);
            for (int i = 0; i < lists.ListCount; i++)
            {
                b.Append("add");
                InterfaceListProperties.WriteList(lists.ListAt(i), new Words(b));
                b.Append('\n');
            }
            if (lists.MemberCount > 0) Menu(b, RouterOsMenu.InterfaceListMember, Family.Ipv4);
            for (int i = 0; i < lists.MemberCount; i++)
            {
                b.Append("add");
                InterfaceListProperties.WriteMember(lists.MemberAt(i), new Words(b));
                b.Append('\n');
            }
            if (rules.Spa.Count > 0) Menu(b, RouterOsMenu.Spa, Family.Ipv4);
            for (int i = 0; i < rules.Spa.Count; i++)
            {
                b.Append("add");
                AppendWords(b, rules.Spa.At(i));
                b.Append('\n');
            }
            for (int f = 0; f < 2; f++)
            {
                Family family = f == 0 ? Family.Ipv4 : Family.Ipv6;
                FamilyRules r = rules.Of(family);
                if (r.RuleCount > 0) Menu(b, RouterOsMenu.Filter, family);
                for (int i = 0; i < r.RuleCount; i++) AddRule(b, r.RuleAt(i), r.IndexInChain(i), "", chainIndexes);
                if (r.EntryCount > 0) Menu(b, RouterOsMenu.AddressList, family);
                for (int i = 0; i < r.EntryCount; i++)
                {
                    b.Append("add");
                    AppendWords(b, r.EntryAt(i));
                    b.Append('\n');
                }
                if (r.Raw.RuleCount > 0) Menu(b, RouterOsMenu.Raw, family);
                for (int i = 0; i < r.Raw.RuleCount; i++) AddRule(b, r.Raw.RuleAt(i), r.Raw.IndexInChain(i), "raw ", chainIndexes);
                if (r.ForwardCount > 0) Menu(b, RouterOsMenu.Nat, family);
                for (int i = 0; i < r.ForwardCount; i++)
                {
                    b.Append("add");
                    AppendWords(b, r.ForwardAt(i));
                    b.Append('\n');
                }
            }
            return b.ToString();
        }

        // "add" and the rule's words; with chain indexes, "   # [STAGE ]CHAIN N" and why the rule may never match.
        private static void AddRule(TextBuffer b, Rule rule, int indexInChain, string stage, bool chainIndexes)
        {
            b.Append("add");
            AppendWords(b, rule);
            if (chainIndexes)
            {
                b.Append("   # ");
                b.Append(stage);
                b.Append(rule.Chain);
                b.Append(' ');
                b.AppendInt(indexInChain);
                string? note = RuleReach.Note(rule);
                if (note != null) { b.Append(": "); b.Append(note); }
            }
            b.Append('\n');
        }

        private static void Menu(TextBuffer b, RouterOsMenu menu, Family family)
        {
            b.Append(RouterOsMenus.PathOf(menu, family));
            b.Append('\n');
        }

        /// <summary>Appends a rule's properties as <c> name=value</c> words (export and console print).</summary>
        public static void AppendWords(TextBuffer b, Rule rule) { RuleProperties.Write(rule, new Words(b)); }

        public static void AppendWords(TextBuffer b, ListEntry entry) { EntryProperties.Write(entry, new Words(b)); }

        public static void AppendWords(TextBuffer b, Forward forward) { ForwardProperties.Write(forward, new Words(b)); }

        public static void AppendWords(TextBuffer b, SpaDoor door) { SpaDoorProperties.Write(door, new Words(b)); }

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
