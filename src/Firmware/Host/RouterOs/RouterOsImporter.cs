// Applies RouterOS commands to a RuleSet, as importing an .rsc file does: menu paths set the current
// menu (also when a verb follows on the same line, as users paste the seed article), and "add" lines
// create rules, list entries, dst-nat forwards and interface lists through the shared property tables.
// An unsupported menu, verb, property or value stops the import with its line and column; nothing is
// guessed. A rules file (SkipOtherMenus) may be a full export: menus that are not the filter's are skipped
// with one warning each, and so are srcnat rules and the few properties that change nothing here.
using System.Collections;
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Host.RouterOs
{
    /// <summary>Imports RouterOS command text into a RuleSet.</summary>
    public sealed class RouterOsImporter
    {
        private const int MaxPathSegments = 8;
        private readonly RuleSet _rules;
        private RouterOsMenu _menu = RouterOsMenu.None;
        private Family _family = Family.Ipv4;
        private readonly string[] _segments = StringArrays.New(MaxPathSegments);
        private readonly ArrayList _warnings = new ArrayList();
        private readonly string[] _skippedSegments = StringArrays.New(MaxPathSegments);
        private int _skippedSegmentCount;
        private string? _skippedPath;
        private string _skippedReason = "";
        private int _skippedCommands;
        private int _skippedLine;
        private int _skippedColumn;

        public RouterOsImporter(RuleSet rules) { _rules = rules; }

        /// <summary>Set for a rules file (not the console): other menus are skipped with a warning.</summary>
        public bool SkipOtherMenus { get; set; }

        /// <summary>Warnings of the import so far (RouterOS that the gateway skips or ignores), in order.</summary>
        public int WarningCount { get { return _warnings.Count; } }
        public RouterOsError WarningAt(int index) { return (RouterOsError)_warnings[index]!; }

        /// <summary>The current menu (a console keeps it between lines).</summary>
        public RouterOsMenu Menu { get { return _menu; } set { _menu = value; } }
        public Family Family { get { return _family; } set { _family = value; } }

        /// <summary>The verb the last <see cref="Resolve"/> found, or null for a menu change.</summary>
        public string? Verb { get; private set; }
        /// <summary>The word of that verb (for positions).</summary>
        public RouterOsWord? VerbWord { get; private set; }
        /// <summary>Index of the first word after the verb.</summary>
        public int ArgumentsAt { get; private set; }

        /// <summary>Applies every command of <paramref name="text"/>; stops at the first problem.</summary>
        /// <returns>The problem, or null when everything was applied.</returns>
        public RouterOsError? Import(string text)
        {
            RouterOsReader reader = new RouterOsReader(text);
            RouterOsCommand command = new RouterOsCommand();
            while (reader.Next(command))
            {
                RouterOsError? error = Apply(command);
                if (error != null) return error;
            }
            EndSkipped();
            if (reader.Error == null && SkipOtherMenus) DefineDefaultInterfaceLists();
            return reader.Error;
        }

        // MikroTik's default configuration defines WAN (ether1) and LAN (bridge), and configs published for
        // it name them without defining them. A file that does so gets them as the default configuration has
        // them, with a warning: on the gateway, whose one port is ether1, WAN is the side the knocks come from.
        private void DefineDefaultInterfaceLists()
        {
            InterfaceLists lists = _rules.InterfaceLists;
            for (int pass = 0; pass < 2; pass++)
            {
                string name = pass == 0 ? "WAN" : "LAN";
                Rule? user = FirstRuleNaming(name);
                if (user == null || lists.Find(name) != null || HasMembers(lists, name)) continue;   // members without the list: refused
                lists.AddList(new InterfaceList { Name = name, Comment = "defconf", SourceLine = user.SourceLine, SourceColumn = user.SourceColumn });
                lists.AddMember(new InterfaceListMember { List = name, Interface = pass == 0 ? InterfaceNames.Gateway : InterfaceNames.DefaultBridge, Comment = "defconf", SourceLine = user.SourceLine, SourceColumn = user.SourceColumn });
                _warnings.Add(new RouterOsError(user.SourceLine, user.SourceColumn, "interface list " + name + " is used but not defined in the file: defined as RouterOS's default configuration has it ("
                    + name + " = " + (pass == 0 ? "ether1, the gateway's port" : "bridge, which the gateway does not have") + ")"));
            }
        }

        private static bool HasMembers(InterfaceLists lists, string name)
        {
            for (int i = 0; i < lists.MemberCount; i++) if (lists.MemberAt(i).List == name) return true;
            return false;
        }

        private Rule? FirstRuleNaming(string list)
        {
            for (int f = 0; f < 4; f++)
            {
                FamilyRules family = _rules.Of(f % 2 == 0 ? Family.Ipv4 : Family.Ipv6);
                FamilyRules rules = f < 2 ? family : family.Raw;
                for (int i = 0; i < rules.RuleCount; i++)
                {
                    Rule r = rules.RuleAt(i);
                    if (r.InInterfaceList == list || r.OutInterfaceList == list) return r;
                }
            }
            return null;
        }

        /// <summary>Applies one command.</summary>
        public RouterOsError? Apply(RouterOsCommand command)
        {
            RouterOsError? error = Resolve(command);
            if (error != null) return error;
            if (_menu == RouterOsMenu.Skipped)
            {
                if (Verb != null) _skippedCommands++;
                return null;
            }
            if (Verb == null) return null;
            if (Verb != "add")
                return new RouterOsError(VerbWord!.Line, VerbWord.Column, Verb + " is a console command; a rules file may only add");
            return AddIn(command, ArgumentsAt, VerbWord!);
        }

        /// <summary>Finds the command's menu (updating the current one) and its verb.</summary>
        public RouterOsError? Resolve(RouterOsCommand command)
        {
            int at = 0;
            RouterOsWord first = command.WordAt(0);
            string? verb = null;
            RouterOsWord verbWord = first;
            Verb = null;
            VerbWord = null;
            if (first.Name == null && !first.WasQuoted && first.Value.Length > 0 && first.Value[0] == '/')
            {
                int count = 0;
                at = 1;
                if (!SplitPath(first.Value, ref count, ref verb)) return new RouterOsError(first.Line, first.Column, "path too long: " + first.Value);
                if (verb != null) verbWord = first;
                while (verb == null && at < command.WordCount)
                {
                    RouterOsWord w = command.WordAt(at);
                    if (w.Name != null || w.WasQuoted) break;
                    at++;
                    if (RouterOsMenus.IsVerb(w.Value)) { verb = w.Value; verbWord = w; break; }
                    if (count == MaxPathSegments) return new RouterOsError(w.Line, w.Column, "path too long");
                    _segments[count++] = w.Value;
                }
                RouterOsMenu menu = RouterOsMenus.Resolve(_segments, count, out Family family);
                EndSkipped();
                string? skip = menu == RouterOsMenu.None && SkipOtherMenus ? RouterOsMenus.SkipReason(_segments, count) : null;
                if (skip != null)
                {
                    menu = RouterOsMenu.Skipped;
                    _skippedPath = "/" + Join(count);
                    for (int i = 0; i < count; i++) _skippedSegments[i] = _segments[i];
                    _skippedSegmentCount = count;
                    _skippedReason = skip;
                    _skippedCommands = 0;
                    _skippedLine = first.Line;
                    _skippedColumn = first.Column;
                }
                if (menu == RouterOsMenu.None && count >= 2 && _segments[0] == "spa" && _segments[1] == "key")
                    return new RouterOsError(first.Line, first.Column, "SPA keys never travel in rules or packages: set them on the serial console with /spa key set name=NAME key=BASE64 hmac-key=BASE64");
                if (menu == RouterOsMenu.None)
                    return new RouterOsError(first.Line, first.Column, "unsupported menu /" + Join(count) + "; rules files use /ip firewall filter, address-list and nat (and /ipv6 firewall ...), /interface list and /interface list member, /spa");
                _menu = menu;
                _family = family;
                if (verb == null)
                {
                    if (at < command.WordCount)
                    {
                        RouterOsWord extra = command.WordAt(at);
                        return new RouterOsError(extra.Line, extra.Column, "expected a command such as add after the menu, found " + Describe(extra));
                    }
                    return null;
                }
            }
            else if (_menu == RouterOsMenu.Skipped && first.Name == null && !first.WasQuoted && RouterOsMenus.IsVerb(first.Value))
            {
                Verb = first.Value;   // a command of the skipped menu: counted and skipped
                return SkippedMangleFills(command);
            }
            else if (_menu == RouterOsMenu.Skipped && first.Name == null && !first.WasQuoted && SkippedSubmenu(command))
            {
                Verb = first.Value;   // a submenu of the skipped menu (/user then ssh-keys import ...): skipped too
                return null;
            }
            else
            {
                if (first.Name != null || first.WasQuoted || !RouterOsMenus.IsVerb(first.Value))
                    return new RouterOsError(first.Line, first.Column, "unknown command " + Describe(first));
                verb = first.Value;
                at = 1;
            }
            if (_menu == RouterOsMenu.None)
                return new RouterOsError(verbWord.Line, verbWord.Column, verb + " outside a menu; start with /ip firewall filter (or address-list, nat)");
            if (_menu == RouterOsMenu.Skipped)
            {
                RouterOsError? fills = SkippedMangleFills(command);
                if (fills != null) return fills;
            }
            else
            {
                for (int i = 0; i < command.WordCount; i++)
                {
                    RouterOsWord w = command.WordAt(i);
                    // The one bracket taken: [find ...] as the items of a console edit (remove [find comment=old]).
                    bool items = i == at && (verb == "set" || verb == "remove" || verb == "enable" || verb == "disable");
                    if (w.IsScript && !items) return new RouterOsError(w.ValueLine, w.ValueColumn, "RouterOS scripting ([) is not supported; write plain commands");
                }
            }
            Verb = verb;
            VerbWord = verbWord;
            ArgumentsAt = at;
            return null;
        }

        /// <summary>Runs an add of the current menu with the words from <paramref name="at"/> on.</summary>
        public RouterOsError? AddIn(RouterOsCommand command, int at, RouterOsWord verbWord)
        {
            return Add(command, at, verbWord);
        }

        private RouterOsError? Add(RouterOsCommand command, int at, RouterOsWord verbWord)
        {
            if (_menu == RouterOsMenu.InterfaceList || _menu == RouterOsMenu.InterfaceListMember) return AddInterfaceList(command, at, verbWord);
            if (_menu == RouterOsMenu.Spa) return AddSpaDoor(command, at, verbWord);
            if (_menu == RouterOsMenu.Nat && SkipOtherMenus && IsSourceNat(command, at))
            {
                Warn(verbWord, "skipped srcnat rule: the gateway's forwards already leave from its own address, as masquerade would make them");
                return null;
            }
            FamilyRules target = _rules.Of(_family);
            Rule? rule = null;
            ListEntry? entry = null;
            Forward? forward = null;
            if (_menu == RouterOsMenu.Filter || _menu == RouterOsMenu.Raw) rule = new Rule { SourceLine = verbWord.Line, SourceColumn = verbWord.Column };
            else if (_menu == RouterOsMenu.AddressList) entry = new ListEntry { SourceLine = verbWord.Line, SourceColumn = verbWord.Column };
            else forward = new Forward { SourceLine = verbWord.Line, SourceColumn = verbWord.Column };
            string seen = ",";
            int placeBefore = -1;
            for (int i = at; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                RouterOsError? bad = CheckWord(w, ref seen);
                if (bad != null) return bad;
                if (rule != null && IsUnsetMatcher(w)) continue;
                if (rule != null && w.Name == "place-before")
                {
                    // RouterOS puts the rule before the menu's item of that number (as print numbers them).
                    FamilyRules menuRules = _menu == RouterOsMenu.Raw ? target.Raw : target;
                    if (!DecimalText.TryParseInt(w.Value, 0, w.Value.Length, menuRules.RuleCount - 1, out placeBefore))
                        return new RouterOsError(w.ValueLine, w.ValueColumn, "place-before=" + w.Value + ": no rule of that number yet ("
                            + (menuRules.RuleCount == 0 ? "none was added before this one" : "0-" + DecimalText.ToText(menuRules.RuleCount - 1)) + "); the gateway takes a number here, not [find]");
                    continue;
                }
                if (rule != null && w.Name == "hw-offload")
                {
                    Warn(w, "hw-offload ignored: the gateway has no fast path (fasttrack-connection passes the packet on)");
                    continue;
                }
                string error;
                PropertyError e = rule != null ? RuleProperties.Set(rule, _family, w.Name!, w.Value, out error)
                    : entry != null ? EntryProperties.Set(entry, _family, w.Name!, w.Value, out error)
                    : ForwardProperties.Set(forward!, _family, w.Name!, w.Value, out error);
                if (e != PropertyError.None) return ErrorAt(w, e, error);
            }
            if (rule != null)
            {
                if (rule.Chain.Length == 0) return new RouterOsError(verbWord.Line, verbWord.Column, "add needs chain=");
                FamilyRules menuRules = _menu == RouterOsMenu.Raw ? target.Raw : target;
                if (placeBefore >= 0) menuRules.InsertRule(placeBefore, rule); else menuRules.AddRule(rule);
            }
            else if (entry != null)
            {
                if (entry.List.Length == 0 || entry.Address == null) return new RouterOsError(verbWord.Line, verbWord.Column, "address-list add needs list= and address=");
                target.AddEntry(entry);
            }
            else
            {
                target.AddForward(forward!);
            }
            return null;
        }

        private RouterOsError? AddSpaDoor(RouterOsCommand command, int at, RouterOsWord verbWord)
        {
            SpaDoor door = new SpaDoor { SourceLine = verbWord.Line, SourceColumn = verbWord.Column };
            string seen = ",";
            for (int i = at; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                RouterOsError? bad = CheckWord(w, ref seen);
                if (bad != null) return bad;
                PropertyError e = SpaDoorProperties.Set(door, w.Name!, w.Value, out string error);
                if (e != PropertyError.None) return ErrorAt(w, e, error);
            }
            if (door.Name.Length == 0 || door.OpenCount == 0) return new RouterOsError(verbWord.Line, verbWord.Column, "spa add needs name= and open= (open=tcp/22)");
            if (_rules.Spa.Find(door.Name) != null) return new RouterOsError(verbWord.Line, verbWord.Column, "spa door " + door.Name + " exists already");
            if (_rules.Spa.Count == Gateway.Core.Capacity.MaxSpaDoors) return new RouterOsError(verbWord.Line, verbWord.Column, "at most " + DecimalText.ToText(Gateway.Core.Capacity.MaxSpaDoors) + " spa doors");
            _rules.Spa.Add(door);
            return null;
        }

        // Every word of an add is name=value, each name once; seen holds ",name,name," of the words so far.
        private static RouterOsError? CheckWord(RouterOsWord w, ref string seen)
        {
            if (w.Name == null) return new RouterOsError(w.Line, w.Column, "expected name=value, found " + Describe(w));
            if (seen.IndexOf("," + w.Name + ",") >= 0) return new RouterOsError(w.Line, w.Column, w.Name + " given twice");
            seen = seen + w.Name + ",";
            return null;
        }

        // A bad value is reported at the value; an unknown or unsupported name at the name.
        private static RouterOsError ErrorAt(RouterOsWord w, PropertyError e, string error)
        {
            return e == PropertyError.BadValue ? new RouterOsError(w.ValueLine, w.ValueColumn, error) : new RouterOsError(w.Line, w.Column, error);
        }

        // An export prints a matcher it has no value for as name="" (connection-state="", src-port=""): unset.
        // A name RouterOS does not know stays an error, and "" keeps its meaning where it is a value.
        private static bool IsUnsetMatcher(RouterOsWord w)
        {
            if (w.Value.Length != 0 || !w.WasQuoted) return false;
            if (w.Name == "chain" || w.Name == "action" || w.Name == "comment" || w.Name == "log-prefix") return false;
            return RuleProperties.IndexOf(RuleProperties.Names, w.Name!) >= 0 || RuleProperties.IndexOf(RouterOsVocabulary.Unsupported, w.Name!) >= 0;
        }

        // A relative path inside a skipped menu may be skipped only when it stays out of the firewall: the words
        // before the verb, appended to the skipped path, must name no menu the gateway reads or refuses.
        private bool SkippedSubmenu(RouterOsCommand command)
        {
            int count = _skippedSegmentCount;
            for (int i = 0; i < count; i++) _segments[i] = _skippedSegments[i];
            for (int at = 0; at < command.WordCount; at++)
            {
                RouterOsWord w = command.WordAt(at);
                if (w.Name != null || w.WasQuoted || RouterOsMenus.IsVerb(w.Value)) break;
                if (w.Value.Length == 0 || w.Value[0] == '/' || w.Value[0] == '.' || w.Value == "firewall" || count == MaxPathSegments) return false;
                _segments[count++] = w.Value;
            }
            return RouterOsMenus.Resolve(_segments, count, out Family unused) == RouterOsMenu.None && RouterOsMenus.SkipReason(_segments, count) != null
                && !(count >= 2 && (_segments[0] == "ip" || _segments[0] == "ipv6") && _segments[1] == "firewall");
        }

        // A mangle rule that adds to an address list or jumps would change what the filter sees: skipping it
        // could leave a block list empty, so it is refused with the way out.
        private RouterOsError? SkippedMangleFills(RouterOsCommand command)
        {
            if (_skippedPath == null || _skippedPath.IndexOf("firewall mangle") < 0) return null;
            for (int i = 0; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                if (w.Name == "action" && (w.Value == "add-src-to-address-list" || w.Value == "add-dst-to-address-list" || w.Value == "jump"))
                    return new RouterOsError(w.ValueLine, w.ValueColumn, "a mangle rule with action=" + w.Value + " changes what the filter sees, and the gateway has no mangle: move it to " + (_family == Family.Ipv4 ? "/ip" : "/ipv6") + " firewall filter");
            }
            return null;
        }

        private RouterOsError? AddInterfaceList(RouterOsCommand command, int at, RouterOsWord verbWord)
        {
            InterfaceList? list = null;
            InterfaceListMember? member = null;
            if (_menu == RouterOsMenu.InterfaceList) list = new InterfaceList { SourceLine = verbWord.Line, SourceColumn = verbWord.Column };
            else member = new InterfaceListMember { SourceLine = verbWord.Line, SourceColumn = verbWord.Column };
            string seen = ",";
            for (int i = at; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                RouterOsError? bad = CheckWord(w, ref seen);
                if (bad != null) return bad;
                string error;
                PropertyError e = list != null ? InterfaceListProperties.SetList(list, w.Name!, w.Value, out error)
                    : InterfaceListProperties.SetMember(member!, w.Name!, w.Value, out error);
                if (e != PropertyError.None) return ErrorAt(w, e, error);
            }
            InterfaceLists lists = _rules.InterfaceLists;
            if (list != null)
            {
                if (list.Name.Length == 0) return new RouterOsError(verbWord.Line, verbWord.Column, "/interface list add needs name=");
                if (lists.Find(list.Name) != null) return new RouterOsError(verbWord.Line, verbWord.Column, "interface list " + list.Name + " already exists");
                lists.AddList(list);
            }
            else
            {
                if (member!.List.Length == 0 || member.Interface.Length == 0) return new RouterOsError(verbWord.Line, verbWord.Column, "/interface list member add needs list= and interface=");
                lists.AddMember(member);
            }
            return null;
        }

        // chain=srcnat, or an action that rewrites the source: what a router needs and a gateway's proxy does by itself.
        private static bool IsSourceNat(RouterOsCommand command, int at)
        {
            for (int i = at; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                if (w.Name == "chain" && w.Value == "srcnat") return true;
                if (w.Name == "action" && (w.Value == "masquerade" || w.Value == "src-nat")) return true;
            }
            return false;
        }

        private void Warn(RouterOsWord at, string message)
        {
            _warnings.Add(new RouterOsError(at.Line, at.Column, message));
        }

        // Closes a skipped menu: one warning naming it and how many commands it held.
        private void EndSkipped()
        {
            if (_skippedPath == null) return;
            _warnings.Add(new RouterOsError(_skippedLine, _skippedColumn, "skipped " + _skippedPath + " (" + DecimalText.ToText(_skippedCommands)
                + (_skippedCommands == 1 ? " command): " : " commands): ") + _skippedReason));
            _skippedPath = null;
        }

        // "/ip/firewall/filter/add" or "/ip": segments into _segments; a verb as the last segment into verb.
        private bool SplitPath(string path, ref int count, ref string? verb)
        {
            int start = 1;
            for (int i = 1; i <= path.Length; i++)
            {
                if (i < path.Length && path[i] != '/') continue;
                if (i > start)
                {
                    string segment = path.Substring(start, i - start);
                    if (i == path.Length && count > 0 && RouterOsMenus.IsVerb(segment)) verb = segment;
                    else
                    {
                        if (count == MaxPathSegments) return false;
                        _segments[count++] = segment;
                    }
                }
                start = i + 1;
            }
            return true;
        }

        private string Join(int count)
        {
            string s = "";
            for (int i = 0; i < count; i++) s = i == 0 ? _segments[i] : s + " " + _segments[i];
            return s;
        }

        internal static string Describe(RouterOsWord w)
        {
            return w.Name != null ? w.Name + "=" + w.Value : w.Value;
        }
    }
}
