// The /system logging and /system logging action menus: print, add, set, remove and export, with items by
// number, by name (actions) or [find ...]. The console runs them; so does the boot, over the commands the
// settings were stored as, so what is stored is exactly what the console would take.
using Gateway.Core.Model;
using Gateway.Core.Text;
using Gateway.Host.RouterOs;

namespace Gateway.Host.Logging
{
    /// <summary>RouterOS commands of the two logging menus, applied to <see cref="LoggingSettings"/>.</summary>
    public sealed class LoggingCommands
    {
        public const string ActionMenu = "/system logging action", RuleMenu = "/system logging";
        private readonly LoggingSettings _settings;

        public LoggingCommands(LoggingSettings settings) { _settings = settings; }

        /// <summary>Runs <paramref name="verb"/> of <paramref name="menu"/> with the words from <paramref name="at"/>;
        /// output (print) goes to <paramref name="output"/>. Returns the problem, or null when done.</summary>
        public RouterOsError? Run(string menu, string verb, RouterOsCommand command, int at, TextBuffer output)
        {
            bool actions = menu == ActionMenu;
            switch (verb)
            {
                case "print": return Print(actions, command, at, output);
                case "export": Export(output); return null;
                case "add": return Add(actions, command, at);
                case "set": return Set(actions, command, at);
                case "remove": return Remove(actions, command, at);
                default:
                    return new RouterOsError(command.Line, command.Column, verb + " is not supported in " + menu + "; use print, add, set, remove or export");
            }
        }

        /// <summary>The commands that rebuild the settings from the built-in ones (the stored form, /export).</summary>
        public void Export(TextBuffer b)
        {
            b.Append("/system logging action\n");
            for (int a = 1; a < _settings.ActionCount; a++)
            {
                if (a < LoggingSettings.DefaultActions) { b.Append("set [find name="); b.Append(_settings.ActionName(a)); b.Append(']'); }
                else b.Append("add");
                ItemProperties p = new ItemProperties();
                _settings.WriteAction(a, p);
                for (int i = 0; i < p.Count; i++)
                    if (a >= LoggingSettings.DefaultActions || p.NameAt(i) != "name" && p.NameAt(i) != "target") RouterOsExport.AppendWord(b, p.NameAt(i), p.ValueAt(i));
                b.Append('\n');
            }
            b.Append("/system logging\n");
            for (int r = 0; r < _settings.RuleCount; r++)
            {
                b.Append("add");
                ItemProperties p = new ItemProperties();
                _settings.WriteRule(r, p);
                for (int i = 0; i < p.Count; i++) RouterOsExport.AppendWord(b, p.NameAt(i), p.ValueAt(i));
                b.Append('\n');
            }
        }

        /// <summary>Rebuilds the settings from <paramref name="text"/> (what <see cref="Export"/> wrote); on a
        /// problem they stay at the built-in ones and the problem is returned.</summary>
        public RouterOsError? Load(string text)
        {
            _settings.Reset();
            RouterOsReader reader = new RouterOsReader(text);
            RouterOsCommand command = new RouterOsCommand();
            string menu = RuleMenu;
            TextBuffer unused = new TextBuffer(16);
            while (reader.Next(command))
            {
                RouterOsWord first = command.WordAt(0);
                if (first.Value == "/system" && command.WordCount >= 2 && command.WordAt(1).Value == "logging")
                {
                    menu = command.WordCount >= 3 && command.WordAt(2).Value == "action" ? ActionMenu : RuleMenu;
                    continue;
                }
                RouterOsError? error = Run(menu, first.Value, command, 1, unused);
                if (error != null) { _settings.Reset(); return error; }
            }
            if (reader.Error != null) _settings.Reset();
            return reader.Error;
        }

        private RouterOsError? Print(bool actions, RouterOsCommand command, int at, TextBuffer b)
        {
            Items items = new Items(_settings, actions);
            int[]? chosen = null;
            for (int i = at; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                if (!w.IsCondition) return new RouterOsError(w.Line, w.Column, (w.Name ?? w.Value) + " is not supported by print here; use where");
                RouterOsError? error;
                RouterOsQuery? query = RouterOsQuery.Parse(w.Value, w.ValueLine, w.ValueColumn, items.PropertyNames, Family.Ipv4, out error);
                if (query == null) return error;
                chosen = ItemSelection.Matching(query, items);
            }
            b.Append(actions ? "Flags: * - default\n" : "Flags: X - disabled\n");
            ItemProperties p = new ItemProperties();
            for (int item = 0; item < items.Count; item++)
            {
                if (chosen != null && !Contains(chosen, item)) continue;
                if (item < 10) b.Append(' ');
                b.AppendInt(item);
                b.Append(' ');
                b.Append(actions ? (item < LoggingSettings.DefaultActions ? '*' : ' ') : (_settings.IsDisabled(item) ? 'X' : ' '));
                p.Clear();
                if (actions) _settings.WriteAction(item, p);
                else _settings.WriteRule(item, p);
                for (int k = 0; k < p.Count; k++) RouterOsExport.AppendWord(b, p.NameAt(k), p.ValueAt(k));
                b.Append('\n');
            }
            return null;
        }

        private RouterOsError? Add(bool actions, RouterOsCommand command, int at)
        {
            string problem;
            int item = actions ? _settings.AddAction(out problem) : _settings.AddRule(out problem);
            if (item < 0) return new RouterOsError(command.Line, command.Column, problem);
            RouterOsError? error = SetWords(actions, item, command, at);
            if (error == null && actions && _settings.ActionName(item).Length == 0) error = new RouterOsError(command.Line, command.Column, "a logging action needs name=");
            if (error != null)
            {
                if (actions) _settings.RemoveAction(item);
                else _settings.RemoveRule(item);
            }
            return error;
        }

        private RouterOsError? Set(bool actions, RouterOsCommand command, int at)
        {
            int[]? chosen = Chosen(actions, command, at, out RouterOsError? error);
            if (chosen == null) return error;
            for (int k = 0; k < chosen.Length; k++)
            {
                error = SetWords(actions, chosen[k], command, at + 1);
                if (error != null) return error;
            }
            return null;
        }

        private RouterOsError? Remove(bool actions, RouterOsCommand command, int at)
        {
            int[]? chosen = Chosen(actions, command, at, out RouterOsError? error);
            if (chosen == null) return error;
            for (int k = chosen.Length - 1; k >= 0; k--)
            {
                if (!actions) { _settings.RemoveRule(chosen[k]); continue; }
                string problem = _settings.RemoveAction(chosen[k]);
                if (problem.Length > 0) return new RouterOsError(command.WordAt(at).ValueLine, command.WordAt(at).ValueColumn, problem);
            }
            return null;
        }

        // The items of set or remove: numbers, [find ...], or (actions) a name.
        private int[]? Chosen(bool actions, RouterOsCommand command, int at, out RouterOsError? error)
        {
            if (at >= command.WordCount || command.WordAt(at).Name != null && command.WordAt(at).Name != "numbers")
            {
                error = new RouterOsError(command.Line, command.Column, "give the item number(s) from print, a name or [find ...]");
                return null;
            }
            RouterOsWord target = command.WordAt(at);
            int named = actions && !target.IsScript ? _settings.FindAction(target.Value) : -1;
            if (named >= 0)
            {
                error = null;
                return new int[] { named };
            }
            return ItemSelection.Select(target, new Items(_settings, actions), Family.Ipv4, out error);
        }

        private RouterOsError? SetWords(bool actions, int item, RouterOsCommand command, int from)
        {
            for (int i = from; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                if (w.Name == null) return new RouterOsError(w.Line, w.Column, "expected name=value, found " + w.Value);
                string problem = actions ? _settings.SetAction(item, w.Name, w.Value) : _settings.SetRule(item, w.Name, w.Value);
                if (problem.Length > 0) return new RouterOsError(w.Line, problem.StartsWith("unknown property") ? w.Column : w.ValueColumn, problem);
            }
            return null;
        }

        private static bool Contains(int[] items, int item)
        {
            for (int i = 0; i < items.Length; i++) if (items[i] == item) return true;
            return false;
        }

        // The actions or the rules as [find] and where see them.
        private sealed class Items : IPrintedItems
        {
            private readonly LoggingSettings _settings;
            private readonly bool _actions;

            public Items(LoggingSettings settings, bool actions) { _settings = settings; _actions = actions; }

            public int Count { get { return _actions ? _settings.ActionCount : _settings.RuleCount; } }

            public string[] PropertyNames
            {
                get
                {
                    string[] model = _actions ? LoggingSettings.ActionProperties : LoggingSettings.RuleProperties;
                    string[] names = StringArrays.New(model.Length + 1);
                    for (int i = 0; i < model.Length; i++) names[i] = model[i];
                    names[model.Length] = _actions ? "default" : "invalid";
                    return names;
                }
            }

            public void Fill(int item, ItemProperties into)
            {
                into.Clear();
                if (_actions)
                {
                    _settings.WriteAction(item, into);
                    into.Put("default", item < LoggingSettings.DefaultActions ? "yes" : "no");
                }
                else
                {
                    _settings.WriteRule(item, into);
                    if (into.Find("disabled") == null) into.Put("disabled", "no");
                    into.Put("invalid", "no");
                }
            }
        }
    }
}
