// Interactive commands: RouterOS's own (/ip firewall filter|address-list|nat print, add, set, remove,
// enable, disable; /export) through the core's RouterOS parser, plus help, status, log and reboot.
// Every change goes through ActiveRules: compiled, stored and swapped atomically, or refused whole.
using Gateway.Core.AddressLists;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Tables;
using Gateway.Core.Text;
using Gateway.Host.Logging;
using Gateway.Host.RouterOs;

namespace Gateway.Host.Console
{
    public sealed partial class ConsoleSession
    {
        private const string ConsoleSourceFile = "console.rsc";

        // The verbs that change items by number.
        private enum EditVerb { Set, Remove, Enable, Disable }
        private readonly RouterOsImporter _importer;
        // The current logging menu (/system logging, /system logging action), or "" when another menu is.
        private string _loggingMenu = "";
        // A console edit of rules pushed from a script waits for the same line again (the script would be replaced).
        private string _commandLine = "";
        private string _unconfirmedLine = "";

        private void Execute(string line)
        {
            string trimmed = line.Trim();
            _commandLine = trimmed;
            if (trimmed == "/user" || trimmed.StartsWith("/user ") || trimmed.StartsWith("/user/"))
            {
                User(trimmed);
                return;
            }
            if (IsSpaCommand(trimmed))
            {
                SpaCommand(trimmed);
                return;
            }
            RouterOsReader reader = new RouterOsReader(line);
            RouterOsCommand command = new RouterOsCommand();
            // A command that ends the session or waits for an answer ends the line too: what follows a
            // /system reboot on the same line must not run before the question is answered.
            while (!CloseRequested && !_confirmingReboot && reader.Next(command)) Run(command);
            if (reader.Error != null) Failure(reader.Error);
        }

        private void Run(RouterOsCommand command)
        {
            RouterOsWord first = command.WordAt(0);
            if (first.Name == null && !first.WasQuoted && command.WordCount == 1)
            {
                switch (first.Value)
                {
                    case "help": Help(); return;
                    case "status": Status(); return;
                    case "log": Log(); return;
                    case "reboot": _out.Write("rebooting\r\n"); RebootRequested = true; return;
                    case "/export":
                    case "/ip/firewall/export":
                        Export(); return;
                    case "/": _importer.Menu = RouterOsMenu.None; _loggingMenu = ""; return;
                    case "quit":
                    case "/quit":
                        Quit(); return;
                }
            }
            string? path = PathOf(command);
            if (path == "/system/reboot") { AskReboot(); return; }
            if (path == "/system/clock/print") { ClockPrint(); return; }
            if (path == "/system/resource/print") { ResourcePrint(); return; }
            if (RunLogging(command)) return;
            RouterOsError? error = _importer.Resolve(command);
            if (error != null) { Failure(error); return; }
            if (first.Value.StartsWith("/")) _loggingMenu = "";   // a firewall menu is current now
            string? verb = _importer.Verb;
            if (verb == null) return;
            int at = _importer.ArgumentsAt;
            if (_importer.Menu == RouterOsMenu.Spa && verb != "add" && verb != "export")
            {
                Reply(false, MachineProtocol.Error, verb + " is not supported in /spa on the console; /spa print, /spa add, /spa key set|print|remove; change doors by pushing rules");
                return;
            }
            if ((_importer.Menu == RouterOsMenu.InterfaceList || _importer.Menu == RouterOsMenu.InterfaceListMember || _importer.Menu == RouterOsMenu.Raw) && verb != "add" && verb != "export")
            {
                Reply(false, MachineProtocol.Error, verb + " is not supported in " + RouterOsMenus.PathOf(_importer.Menu, _importer.Family) + " on the console; add here, see the lists with /export, change them by pushing rules");
                return;
            }
            switch (verb)
            {
                case "print": PrintMenu(command, at); return;
                case "export": Export(); return;
                case "add": Add(command, at); return;
                case "set": Edit(command, at, EditVerb.Set); return;
                case "remove": Edit(command, at, EditVerb.Remove); return;
                case "enable": Edit(command, at, EditVerb.Enable); return;
                case "disable": Edit(command, at, EditVerb.Disable); return;
                default:
                    Reply(false, MachineProtocol.Error, verb + " is not supported here; use print, add, set, remove, enable, disable or export");
                    return;
            }
        }

        // The command's bare words as one path (/system clock print and /system/clock/print are both
        // "/system/clock/print"), or null when a word is name=value or quoted.
        private static string? PathOf(RouterOsCommand command)
        {
            TextBuffer b = new TextBuffer(32);
            for (int i = 0; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                if (w.Name != null || w.WasQuoted || w.IsScript || w.IsCondition) return null;
                if (i > 0 && (w.Value.Length == 0 || w.Value[0] != '/')) b.Append('/');
                b.Append(w.Value);
            }
            return b.ToString();
        }

        // /system logging [action] [VERB ...] (also as /system/logging/action/add ...), or a verb alone while
        // a logging menu is current. False when the command is not the logging menus'.
        private bool RunLogging(RouterOsCommand command)
        {
            string menu = _loggingMenu;
            int at = 0;
            string verb = "";
            RouterOsWord first = command.WordAt(0);
            if (first.Name == null && !first.WasQuoted && first.Value.StartsWith("/"))
            {
                // The path's segments, across words: "/system logging action add" or "/system/logging/action/add".
                menu = "";
                int segment = 0;
                for (; at < command.WordCount && verb.Length == 0; at++)
                {
                    RouterOsWord w = command.WordAt(at);
                    if (w.Name != null || w.WasQuoted || w.IsScript || w.IsCondition) break;
                    string[] parts = w.Value.Split('/');
                    for (int p = 0; p < parts.Length; p++)
                    {
                        if (parts[p].Length == 0) continue;
                        if (segment == 0 && parts[p] != "system" || segment == 1 && parts[p] != "logging") return false;
                        if (segment == 2 && parts[p] == "action") menu = LoggingCommands.ActionMenu;
                        else if (segment >= 2) verb = parts[p];
                        segment++;
                    }
                }
                if (segment < 2) return false;
                if (menu.Length == 0) menu = LoggingCommands.RuleMenu;
                _loggingMenu = menu;
                _importer.Menu = RouterOsMenu.None;
                if (verb.Length == 0) return true;   // the menu alone: it stays current
            }
            else
            {
                if (menu.Length == 0 || first.Name != null || first.WasQuoted) return false;
                verb = first.Value;
                at = 1;
            }
            if (Logging == null) { Reply(false, MachineProtocol.Error, "this console has no logging settings"); return true; }
            TextBuffer b = new TextBuffer(256);
            RouterOsError? error = Logging.Run(menu, verb, command, at, b);
            if (error != null) Failure(error);
            else if (b.Length > 0) Print(b);
            return true;
        }

        // quit, /quit or Ctrl-D on an empty line: a network session ends (its connection closes); the serial
        // console, which has no login to return to, starts over as a fresh session on the same line.
        private void Quit()
        {
            _importer.Menu = RouterOsMenu.None;
            _loggingMenu = "";
            _unconfirmedLine = "";
            if (LoginRequired)
            {
                CloseRequested = true;   // as RouterOS: the connection closes, nothing is said
                return;
            }
            _out.Write("Gateway console. Type help for commands.\r\n");
        }

        // /system reboot asks first, as RouterOS does; the next key answers (see AnswerReboot).
        private void AskReboot()
        {
            _out.Write("Reboot, yes? [y/N]: ");
            _confirmingReboot = true;
        }

        private void AnswerReboot(byte key)
        {
            _confirmingReboot = false;
            bool yes = key == 'y' || key == 'Y';
            _out.Write(yes ? "y\r\nsystem will reboot shortly\r\n" : "\r\naction cancelled\r\n");
            if (yes) RebootRequested = true;
        }

        // /system clock print, in RouterOS 7's layout (ISO date); the gateway keeps UTC and has no time zones.
        private void ClockPrint()
        {
            long unixMs = WallClock == null ? -1 : WallClock.UnixMs;
            TextBuffer b = new TextBuffer(160);
            if (unixMs < 0)
            {
                b.Append("                  time: unknown (no time source has answered yet: the board sets its clock by SNTP)\n");
            }
            else
            {
                b.Append("                  time: "); Time.Calendar.AppendTime(b, unixMs); b.Append('\n');
                b.Append("                  date: "); Time.Calendar.AppendDate(b, unixMs); b.Append('\n');
            }
            b.Append("  time-zone-autodetect: no\n");
            b.Append("        time-zone-name: UTC\n");
            b.Append("            gmt-offset: +00:00\n");
            b.Append("            dst-active: no\n");
            Print(b);
        }

        // /system resource print, in RouterOS 7's layout: what of it the gateway knows (its uptime and the managed
        // heap; RouterOS's memory figures are the whole system's, a board's are nanoFramework's heap).
        private void ResourcePrint()
        {
            TextBuffer b = new TextBuffer(160);
            b.Append("                   uptime: "); RouterOsTime.AppendTo(b, _nowMs - _rules.StartedAtMs); b.Append('\n');
            b.Append("              free-memory: ");
            if (Heap == null) b.Append("unknown");
            else if (Heap.CountsFree) AppendMemory(b, Heap.Collect());
            else { b.Append("unknown (the emulator's heap grows on demand; in use: "); AppendMemory(b, Heap.Collect()); b.Append(')'); }
            b.Append('\n');
            Print(b);
        }

        // "heap: N bytes free" on a board, "heap: N bytes in use" in the emulator, after a collection.
        private void AppendHeapLine(TextBuffer b)
        {
            if (Heap == null) return;
            b.Append("heap: "); b.AppendInt(Heap.Collect()); b.Append(Heap.CountsFree ? " bytes free" : " bytes in use"); b.Append(" (after a collection)\n");
        }

        // RouterOS's memory figures: 179.2KiB, 26.4MiB (one decimal, binary units).
        private static void AppendMemory(TextBuffer b, long bytes)
        {
            bool mebi = bytes >= 1024 * 1024;
            long tenths = bytes * 10 / (mebi ? 1024 * 1024 : 1024);
            b.AppendInt(tenths / 10); b.Append('.'); b.AppendInt(tenths % 10);
            b.Append(mebi ? "MiB" : "KiB");
        }

        // /user set admin password=SECRET (or /user/set ...): the one user is admin; only the serial console,
        // which is physical access, may set its password.
        private void User(string line)
        {
            if (LoginRequired)
            {
                Reply(false, MachineProtocol.Error, "/user works on the serial console only");
                return;
            }
            string[] words = line.Split(' ');
            string? password = null;
            bool admin = false, set = words[0] == "/user/set";
            for (int i = 1; i < words.Length; i++)
            {
                string w = words[i];
                if (w.Length == 0) continue;
                if (w == "set") set = true;
                else if (w == "admin" || w == "name=admin" || w == "[find name=admin]") admin = true;
                else if (w.StartsWith("password=")) password = w.Substring(9);
                else { Reply(false, MachineProtocol.Error, "usage: /user set admin password=SECRET (unknown word " + w + ")"); return; }
            }
            if (!set || !admin || password == null)
            {
                Reply(false, MachineProtocol.Error, "usage: /user set admin password=SECRET");
                return;
            }
            if (password.Length >= 2 && password[0] == '"' && password[password.Length - 1] == '"') password = password.Substring(1, password.Length - 2);
            if (Password == null) { Reply(false, MachineProtocol.Error, "no password store on this console"); return; }
            byte[] salt = new byte[Auth.ConsolePassword.SaltBytes];
            new System.Random().NextBytes(salt);   // a salt must be unique, not secret
            string problem = Password.Set(password, salt);
            if (problem.Length > 0) Reply(false, MachineProtocol.Error, problem);
            else _out.Write("password set: the network console asks for it from now on\r\n");
        }

        private const string SpaUsage = "usage: /spa print, /spa key print, /spa key set name=DOOR key=BASE64 hmac-key=BASE64, /spa key remove DOOR";

        // /spa print and /spa key ..., however the path is spelt (/spa key set, /spa/key/set, extra spaces); /spa add
        // and the /spa menu alone go to the RouterOS importer as every menu does.
        private static bool IsSpaCommand(string line)
        {
            if (!line.StartsWith("/spa") || line.Length > 4 && line[4] != ' ' && line[4] != '/') return false;
            string[] words = line.Split(' ');
            int segment = 0;
            for (int i = 0; i < words.Length; i++)
            {
                if (words[i].IndexOf('=') >= 0) break;
                string[] parts = words[i].Split('/');
                for (int p = 0; p < parts.Length; p++)
                {
                    if (parts[p].Length == 0) continue;
                    if (segment == 1) return parts[p] == "key" || parts[p] == "print";
                    segment++;
                }
            }
            return false;
        }

        // /spa print; /spa key print | set name=N key=B64 hmac-key=B64 | remove N. Keys: serial console only, and
        // never printed back (a fingerprint is).
        private void SpaCommand(string line)
        {
            if (Spa == null) { Reply(false, MachineProtocol.Error, "this gateway has no SPA"); return; }
            // The path may be written /spa key set or /spa/key/set; a key's base64 has '/' too, so only words
            // without '=' are split at it.
            string[] words = line.Split(' ');
            string verb = "", name = "", key = "", hmacKey = "";
            bool keys = false;
            for (int i = 0; i < words.Length; i++)
            {
                string w = words[i];
                if (w.IndexOf('=') < 0 && w.IndexOf('/') >= 0)
                {
                    string[] parts = w.Split('/');
                    for (int p = 0; p < parts.Length; p++)
                    {
                        if (parts[p] == "key") keys = true;
                        else if (verb.Length == 0 && (parts[p] == "print" || parts[p] == "set" || parts[p] == "remove")) verb = parts[p];
                        else if (parts[p].Length > 0 && parts[p] != "spa") { Reply(false, MachineProtocol.Error, SpaUsage); return; }
                    }
                    continue;
                }
                if (w.Length == 0 || w == "spa") continue;
                if (w == "key") keys = true;
                else if (verb.Length == 0 && (w == "print" || w == "set" || w == "remove")) verb = w;
                else if (w.StartsWith("name=")) name = w.Substring(5);
                else if (w.StartsWith("key=")) key = w.Substring(4);
                else if (w.StartsWith("hmac-key=")) hmacKey = w.Substring(9);
                else if (verb == "remove" && name.Length == 0) name = w;
                else if (verb == "print" && (w == "detail" || w == "terse" || w == "without-paging")) continue;
                else { Reply(false, MachineProtocol.Error, SpaUsage); return; }   // the word is not echoed: it may be a key
            }
            TextBuffer b = new TextBuffer(256);
            if (!keys && verb == "print") { Spa.AppendPrint(b); Print(b); return; }
            if (keys && verb == "print")
            {
                Spa.Keys.AppendPrint(b, _rules.RuleSet.Spa);
                Print(b);
                return;
            }
            if (!keys || verb.Length == 0 || verb == "print") { Reply(false, MachineProtocol.Error, SpaUsage); return; }
            if (LoginRequired)
            {
                Reply(false, MachineProtocol.Error, "/spa key " + verb + " works on the serial console only: keys never cross the network");
                return;
            }
            string problem = verb == "set" ? Spa.Keys.Set(name, key, hmacKey) : Spa.Keys.Remove(name);
            if (problem.Length > 0) { Reply(false, MachineProtocol.Error, problem); return; }
            _out.Write(verb == "set" ? "keys of spa door " + name + " set" + (_rules.RuleSet.Spa.Find(name) == null ? " (no door of that name in the rules in force yet)" : "") + "\r\n" : "keys of spa door " + name + " removed\r\n");
        }

        private void Help()
        {
            _out.Write(
                "RouterOS commands:\r\n" +
                "  /ip firewall filter print | add ... | set N name=value ... | remove N[,N] | enable N | disable N\r\n" +
                "  /ip firewall address-list print | add list=L address=A [timeout=T] | remove N\r\n" +
                "  /ip firewall nat print | add chain=dstnat action=dst-nat ... | remove N\r\n" +
                "  /ipv6 firewall ... (the same)   /export   (a menu on its own line stays current)\r\n" +
                "  print [count-only|detail|terse] [where chain=input and !disabled]\r\n" +
                "  items: 0,2  1-3  numbers=0  [find comment~\"^knock\"]\r\n" +
                "  /system clock print   /system resource print   /system reboot   quit (or Ctrl-D)\r\n" +
                "  /user set admin password=SECRET   (serial console only: the network console's password)\r\n" +
                "  /spa print   /spa key print | set name=DOOR key=B64 hmac-key=B64 | remove DOOR   (keys: serial console only)\r\n" +
                "gateway: status  log  reboot  help\r\n");
        }

        private void Status()
        {
            TextBuffer b = new TextBuffer(256);
            b.Append("table-id: "); b.Append(_rules.TableId); b.Append('\n');
            b.Append("rules: "); b.AppendInt(_rules.RuleSet.Ipv4.RuleCount); b.Append(" ip, "); b.AppendInt(_rules.RuleSet.Ipv6.RuleCount); b.Append(" ipv6 (");
            if (_rules.IsDefault) b.Append("built-in default");
            else { b.Append("stored, commit "); b.AppendInt(_rules.Store.CurrentSequence); b.Append(", from "); b.Append(_rules.SourceFile); }
            b.Append(")\n");
            AppendServicePolicy(b, _rules.RuleSet);
            b.Append('\n');
            if (_rules.LoadProblem.Length > 0) { b.Append(_rules.LoadProblem); b.Append('\n'); }
            if (Logging != null && Logging.LoadProblem.Length > 0) { b.Append(Logging.LoadProblem); b.Append('\n'); }
            ListStatus(b, "ip", _rules.Engine!.Table.Ipv4Lists);
            ListStatus(b, "ipv6", _rules.Engine.Table.Ipv6Lists);
            if (Gateway != null) Gateway.AppendStatus(b);
            AppendHeapLine(b);
            b.Append("uptime: "); RouterOsTime.AppendTo(b, _nowMs - _rules.StartedAtMs); b.Append('\n');
            Print(b);
        }

        /// <summary>The gateway's fail-closed default, and the families it leaves closed because they have no
        /// rules, as one line without its end (status, the emulator's banner and the board's start say it).</summary>
        public static void AppendServicePolicy(TextBuffer b, RuleSet rules)
        {
            b.Append("services: the console and forwards open only where a rule accepts them (what no rule decides is dropped)");
            bool noIp = rules.Ipv4.RuleCount == 0, noIpv6 = rules.Ipv6.RuleCount == 0;
            if (noIp || noIpv6)
            {
                b.Append("; ");
                b.Append(noIp && noIpv6 ? "ip and ipv6 have" : noIp ? "ip has" : "ipv6 has");
                b.Append(" no rules: closed to ");
                b.Append(noIp && noIpv6 ? "both" : noIp ? "ip" : "ipv6");
            }
        }

        private static void ListStatus(TextBuffer b, string family, AddressListStore s)
        {
            b.Append(family); b.Append(" address lists: "); b.AppendInt(s.Count); b.Append('/'); b.AppendInt(s.Capacity);
            b.Append(" entries, "); b.AppendInt(s.RangeCount); b.Append('/'); b.AppendInt(s.RangeCapacity);
            b.Append(" ranges; inserts "); b.AppendInt(s.Inserts); b.Append(", refreshes "); b.AppendInt(s.Refreshes);
            b.Append(", expirations "); b.AppendInt(s.Expirations); b.Append(", evictions "); b.AppendInt(s.Evictions);
            b.Append(", refused "); b.AppendInt(s.Refusals); b.Append('\n');
        }

        private void Log()
        {
            TextBuffer b = new TextBuffer(256);
            Table t = _rules.Engine!.Table;
            _log.AppendTo(b, Running.RuleLogRing.ChainNamesOf(t.Ipv4), Running.RuleLogRing.ChainNamesOf(t.Ipv6));
            if (b.Length == 0) b.Append("no log entries (rules with log=yes or action=log write here)\n");
            Print(b);
        }

        private void Export()
        {
            TextBuffer b = new TextBuffer(256);
            b.Append("# table ");
            b.Append(_rules.TableId);
            b.Append('\n');
            b.Append(RouterOsExport.Text(_rules.RuleSet));
            Print(b);
        }

        // print [count-only|detail|terse|without-paging] [where CONDITION]
        private void PrintMenu(RouterOsCommand command, int at)
        {
            MenuItems items = Items();
            int form = MenuPrinter.Plain;
            int[]? chosen = null;
            for (int i = at; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                if (w.IsCondition)
                {
                    if (w.Value.Length == 0) { Failure(new RouterOsError(w.Line, w.Column, "where needs a condition, e.g. where chain=input")); return; }
                    RouterOsError? error;
                    RouterOsQuery? query = RouterOsQuery.Parse(w.Value, w.ValueLine, w.ValueColumn, items.PropertyNames, _importer.Family, out error);
                    if (query == null) { Failure(error!); return; }
                    chosen = ItemSelection.Matching(query, items);
                    continue;
                }
                string word = w.Name == null && !w.WasQuoted && !w.IsScript ? w.Value : "";
                if (word == "count-only") form = MenuPrinter.CountOnly;
                else if (word == "detail") form = MenuPrinter.Detail;
                else if (word == "terse") form = MenuPrinter.Terse;
                else if (word == "without-paging") continue;   // the console never pages
                else
                {
                    Failure(new RouterOsError(w.Line, w.Column, (w.Name ?? w.Value) + " is not supported by print here; use count-only, detail, terse, without-paging or where"));
                    return;
                }
            }
            if (chosen == null)
            {
                chosen = new int[items.Count];
                for (int i = 0; i < chosen.Length; i++) chosen[i] = i;
            }
            TextBuffer b = new TextBuffer(256);
            MenuPrinter.Print(b, items, chosen, form, _importer.Menu);
            Print(b);
        }

        private MenuItems Items()
        {
            return new MenuItems(_rules.RuleSet, _rules.Engine!.Table, _importer.Menu, _importer.Family, _nowMs);
        }

        private void Add(RouterOsCommand command, int at)
        {
            if (_importer.Menu == RouterOsMenu.AddressList && AddDynamic(command, at)) return;
            RuleSet copy = _rules.Copy();
            RouterOsImporter target = new RouterOsImporter(copy);
            target.Menu = _importer.Menu;
            target.Family = _importer.Family;
            RouterOsError? error = target.AddIn(command, at, _importer.VerbWord!);
            if (error != null) { Failure(error); return; }
            Commit(copy);
        }

        // RouterOS keeps address-list entries with a timeout dynamic: they go to the running store only.
        private bool AddDynamic(RouterOsCommand command, int at)
        {
            ListEntry entry = new ListEntry();
            for (int i = at; i < command.WordCount; i++)
            {
                RouterOsWord w = command.WordAt(i);
                if (w.Name == null) return false;
                if (EntryProperties.Set(entry, _importer.Family, w.Name, w.Value, out string unused) != PropertyError.None) return false;
            }
            if (entry.TimeoutKind == ListTimeoutKind.Static || entry.Address == null || entry.List.Length == 0) return false;
            Table table = _rules.Engine!.Table;
            int list = table.Filter(_importer.Family).ListId(entry.List);
            if (list < 0)
            {
                Reply(false, MachineProtocol.Error, "no rule uses list " + entry.List + "; add it without timeout to make it a static list");
                return true;
            }
            AddOutcome outcome = table.Lists(_importer.Family).AddEntry(list, entry.Address, entry.TimeoutKind, entry.TimeoutMs, _nowMs);
            if (outcome == AddOutcome.AlreadyExists) Reply(false, MachineProtocol.Error, "already have such entry");
            else if (outcome == AddOutcome.Refused) Reply(false, MachineProtocol.Error, "address lists are full");
            return true;
        }

        // set, remove, enable and disable of the items that numbers (0,2 1-3 numbers=...) or [find ...] name.
        private void Edit(RouterOsCommand command, int at, EditVerb action)
        {
            if (at >= command.WordCount || command.WordAt(at).Name != null && command.WordAt(at).Name != "numbers")
            {
                Reply(false, MachineProtocol.Error, "give the item number(s) from print or [find ...], e.g. " + (action == EditVerb.Set ? "set 0 disabled=yes" : "remove 0,2 or remove [find comment=old]"));
                return;
            }
            RouterOsWord target = command.WordAt(at);
            MenuItems items = Items();
            RouterOsError? error;
            int[]? chosen = ItemSelection.Select(target, items, _importer.Family, out error);
            if (chosen == null) { Failure(error!); return; }
            int configured = 0;
            while (configured < chosen.Length && !items.IsDynamic(chosen[configured])) configured++;
            if (configured < chosen.Length && action != EditVerb.Remove)
            {
                Failure(new RouterOsError(target.ValueLine, target.ValueColumn, "item " + DecimalText.ToText(chosen[configured]) + " is dynamic: it can only be removed"));
                return;
            }
            // The dynamic picks by list name and address: a commit builds new tables, where their slots differ.
            int dynamic = chosen.Length - configured;
            string[] lists = StringArrays.New(dynamic);
            AddressMatch[] addresses = new AddressMatch[dynamic];
            AddressListStore before = _rules.Engine!.Table.Lists(_importer.Family);
            FilterTable beforeFilter = _rules.Engine.Table.Filter(_importer.Family);
            uint[] address = new uint[4];
            for (int k = 0; k < dynamic; k++)
            {
                int slot = items.SlotOf(chosen[configured + k]);
                before.CopyAddress(slot, address);
                lists[k] = beforeFilter.ListName(before.ListOf(slot));
                addresses[k] = AddressMatch.OfAddress(_importer.Family, address);
            }
            if (configured > 0 && !EditConfigured(command, at, action, chosen, configured)) return;
            AddressListStore store = _rules.Engine!.Table.Lists(_importer.Family);
            FilterTable filter = _rules.Engine.Table.Filter(_importer.Family);
            for (int k = 0; k < dynamic; k++)
            {
                int list = filter.ListId(lists[k]);
                if (list >= 0) store.Remove(list, addresses[k]);
            }
        }

        // Changes the first <paramref name="count"/> of <paramref name="chosen"/> (rules, entries or forwards in
        // force) in a copy and commits it; false when nothing was changed.
        private bool EditConfigured(RouterOsCommand command, int at, EditVerb action, int[] chosen, int count)
        {
            RuleSet copy = _rules.Copy();
            FamilyRules f = copy.Of(_importer.Family);
            for (int k = count - 1; k >= 0; k--)
            {
                int i = chosen[k];
                if (action == EditVerb.Remove)
                {
                    if (_importer.Menu == RouterOsMenu.Filter) f.RemoveRuleAt(i);
                    else if (_importer.Menu == RouterOsMenu.AddressList) f.RemoveEntryAt(i);
                    else f.RemoveForwardAt(i);
                    continue;
                }
                bool toggles = action == EditVerb.Enable || action == EditVerb.Disable;   // enable/disable set one property
                for (int w = at + 1; w < command.WordCount || toggles; w++)
                {
                    string name = toggles ? "disabled" : command.WordAt(w).Name ?? "";
                    string value = action == EditVerb.Enable ? "no" : action == EditVerb.Disable ? "yes" : command.WordAt(w).Value;
                    if (name.Length == 0) { Failure(new RouterOsError(command.WordAt(w).Line, command.WordAt(w).Column, "expected name=value, found " + command.WordAt(w).Value)); return false; }
                    string error;
                    PropertyError e = _importer.Menu == RouterOsMenu.Filter ? RuleProperties.Set(f.RuleAt(i), _importer.Family, name, value, out error)
                        : _importer.Menu == RouterOsMenu.AddressList ? EntryProperties.Set(f.EntryAt(i), _importer.Family, name, value, out error)
                        : ForwardProperties.Set(f.ForwardAt(i), _importer.Family, name, value, out error);
                    if (e != PropertyError.None)
                    {
                        RouterOsWord at2 = command.WordAt(w);
                        Failure(new RouterOsError(at2.Line, e == PropertyError.BadValue ? at2.ValueColumn : at2.Column, error));
                        return false;
                    }
                    if (toggles) break;
                }
            }
            return Commit(copy);
        }

        private bool Commit(RuleSet rules)
        {
            if (!ConfirmedOverScript()) return false;
            PackageResult result = _rules.Apply(rules, ConsoleSourceFile, _nowMs);
            if (!result.IsOk) { Reply(false, MachineProtocol.Error, result.Message + " (nothing changed)"); return false; }
            _out.Write("# table " + _rules.TableId + " in force and stored\r\n");
            return true;
        }

        // The source of truth is the script that was pushed; a console edit stores RouterOS commands in its place
        // (its tests and knock() calls are gone). Asks first: the change is made when the same line comes again.
        private bool ConfirmedOverScript()
        {
            string source = _rules.SourceFile;
            if (_rules.IsDefault || source.Length == 0 || source.EndsWith(".rsc")) return true;
            if (_unconfirmedLine.Length > 0 && _unconfirmedLine == _commandLine)
            {
                _unconfirmedLine = "";
                return true;
            }
            _unconfirmedLine = _commandLine;
            _out.Write("warning: the rules in force came from " + source + ", a script: this change replaces it on the gateway with RouterOS commands (" + ConsoleSourceFile
                + "; its tests and knock() calls are lost, and gateway pull returns the commands). Nothing changed: enter the same line again to make the change, or edit the script and push it (gateway edit)\r\n");
            return false;
        }

        private void Failure(RouterOsError error)
        {
            Reply(false, MachineProtocol.Error, error.Message + " (column " + DecimalText.ToText(error.Column) + ")");
        }
    }
}
