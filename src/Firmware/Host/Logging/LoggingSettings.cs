// RouterOS's /system logging, as far as the gateway sends logs: actions (where a message goes) and rules
// (which topics go to which action), in fixed arrays. Two actions are built in, as on RouterOS: `memory`
// (the console's `log`) and `remote` (a syslog server, nowhere until remote= is set); up to three more remote
// actions may be added. Kept in its own flash file as the RouterOS commands that rebuild it (CRC-checked;
// a damaged file means no remote logging, which opens nothing).
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Host.Logging
{
    /// <summary>Logging actions and rules, with RouterOS's property names and checks.</summary>
    public sealed class LoggingSettings
    {
        public const int MaxActions = 5, MaxRules = 8, DefaultActions = 2;
        public const byte TargetMemory = 0, TargetRemote = 1;
        public const int AutoSeverity = -1;
        /// <summary>Longest action name and rule prefix: the stored settings stay within one small file.</summary>
        public const int MaxNameChars = 32, MaxPrefixChars = 64;
        public const int DaemonFacility = 3;

        public static readonly string[] ActionProperties = { "name", "target", "remote", "remote-port", "bsd-syslog", "syslog-facility", "syslog-severity", "syslog-time-format" };
        public static readonly string[] RuleProperties = { "topics", "action", "prefix", "disabled" };
        private static readonly string[] s_facilities =
        {
            "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp",
            "", "", "", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
        };
        private static readonly string[] s_severities = { "emergency", "alert", "critical", "error", "warning", "notice", "info", "debug" };

        private readonly string[] _name = StringArrays.New(MaxActions);
        private readonly byte[] _target = new byte[MaxActions];
        private readonly Endpoint[] _remote = Endpoint.NewArray(MaxActions);
        private readonly bool[] _bsd = new bool[MaxActions];
        private readonly bool[] _isoTime = new bool[MaxActions];
        private readonly int[] _facility = new int[MaxActions];
        private readonly int[] _severity = new int[MaxActions];
        private readonly int[] _topics = new int[MaxRules];
        private readonly int[] _notTopics = new int[MaxRules];
        private readonly int[] _action = new int[MaxRules];
        private readonly string[] _prefix = StringArrays.New(MaxRules);
        private readonly bool[] _disabled = new bool[MaxRules];

        public LoggingSettings() { Reset(); }

        public int ActionCount { get; private set; }
        public int RuleCount { get; private set; }
        /// <summary>Changes with every change, so the sender reopens its sockets.</summary>
        public int Generation { get; private set; }

        public string ActionName(int a) { return _name[a]; }
        public byte TargetOf(int a) { return _target[a]; }
        public Endpoint RemoteOf(int a) { return _remote[a]; }
        /// <summary>True when the action sends somewhere: a remote action with an address other than 0.0.0.0.</summary>
        public bool Sends(int a)
        {
            if (_target[a] != TargetRemote) return false;
            for (int w = 0; w < 4; w++) if (_remote[a].Address[w] != 0) return true;
            return false;
        }
        public bool IsBsd(int a) { return _bsd[a]; }
        public bool IsIsoTime(int a) { return _isoTime[a]; }
        public int FacilityOf(int a) { return _facility[a]; }
        public int SeverityOf(int a) { return _severity[a]; }
        public int TopicsOf(int r) { return _topics[r]; }
        public int NotTopicsOf(int r) { return _notTopics[r]; }
        public int ActionOf(int r) { return _action[r]; }
        public string PrefixOf(int r) { return _prefix[r]; }
        public bool IsDisabled(int r) { return _disabled[r]; }

        /// <summary>Back to RouterOS's built-in actions and no rules.</summary>
        public void Reset()
        {
            ActionCount = 0;
            RuleCount = 0;
            NewAction("memory", TargetMemory);
            NewAction("remote", TargetRemote);
            Generation++;
        }

        /// <summary>True when rule <paramref name="r"/> takes a message with <paramref name="topics"/>.</summary>
        public bool Takes(int r, int topics)
        {
            return !_disabled[r] && (topics & _topics[r]) == _topics[r] && (topics & _notTopics[r]) == 0;
        }

        public int FindAction(string name)
        {
            for (int a = 0; a < ActionCount; a++) if (_name[a] == name) return a;
            return -1;
        }

        /// <summary>Adds a remote action (RouterOS's add): its index, or -1 with <paramref name="error"/>.</summary>
        public int AddAction(out string error)
        {
            error = "";
            if (ActionCount == MaxActions) { error = "at most " + DecimalText.ToText(MaxActions) + " logging actions (memory, remote and three more)"; return -1; }
            Generation++;
            return NewAction("", TargetRemote);
        }

        /// <summary>Removes action <paramref name="a"/>: "" when done, otherwise why not.</summary>
        public string RemoveAction(int a)
        {
            if (a < DefaultActions) return "default action " + _name[a] + " cannot be removed";
            for (int r = 0; r < RuleCount; r++) if (_action[r] == a) return "action " + _name[a] + " is used by logging rule " + DecimalText.ToText(r);
            for (int k = a; k < ActionCount - 1; k++)
            {
                _name[k] = _name[k + 1]; _target[k] = _target[k + 1]; _remote[k].CopyFrom(_remote[k + 1]); _bsd[k] = _bsd[k + 1];
                _isoTime[k] = _isoTime[k + 1]; _facility[k] = _facility[k + 1]; _severity[k] = _severity[k + 1];
            }
            ActionCount--;
            for (int r = 0; r < RuleCount; r++) if (_action[r] > a) _action[r]--;
            Generation++;
            return "";
        }

        /// <summary>Sets one property of action <paramref name="a"/>: "" when done, otherwise why not.</summary>
        public string SetAction(int a, string name, string value)
        {
            Generation++;
            switch (name)
            {
                case "name":
                    if (a < DefaultActions && value != _name[a]) return "default action " + _name[a] + " cannot be renamed";
                    if (value.Length == 0) return "name must not be empty";
                    if (value.Length > MaxNameChars) return "name longer than " + DecimalText.ToText(MaxNameChars) + " characters";
                    int other = FindAction(value);
                    if (other >= 0 && other != a) return "an action named " + value + " exists already";
                    _name[a] = value;
                    return "";
                case "target":
                    if (value == "remote" && a != 0) { _target[a] = TargetRemote; return ""; }
                    if (value == "memory" && a == 0) return "";
                    return value == "disk" || value == "echo" || value == "email" || value == "memory"
                        ? "target=" + value + ": the gateway keeps one memory log (action memory, the console's log) and sends the rest to syslog servers (target=remote)"
                        : "target must be remote";
                case "remote":
                    if (_target[a] != TargetRemote) return "remote= belongs to a remote action";
                    return SetAddress(_remote[a], value);
                case "remote-port":
                    int port;
                    if (!DecimalText.TryParseInt(value, 0, value.Length, 65535, out port) || port == 0) return "remote-port must be 1-65535";
                    _remote[a].Port = port;
                    return "";
                case "bsd-syslog": return YesNo(value, ref _bsd[a]);
                case "syslog-time-format":
                    if (value == "bsd-syslog") _isoTime[a] = false;
                    else if (value == "iso8601") _isoTime[a] = true;
                    else return "syslog-time-format must be bsd-syslog or iso8601";
                    return "";
                case "syslog-facility":
                    for (int f = 0; f < s_facilities.Length; f++) if (s_facilities[f].Length > 0 && s_facilities[f] == value) { _facility[a] = f; return ""; }
                    return "syslog-facility must be kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp or local0-local7";
                case "syslog-severity":
                    if (value == "auto") { _severity[a] = AutoSeverity; return ""; }
                    for (int s = 0; s < s_severities.Length; s++) if (s_severities[s] == value) { _severity[a] = s; return ""; }
                    return "syslog-severity must be auto, emergency, alert, critical, error, warning, notice, info or debug";
                case "src-address":
                    return value == "0.0.0.0" ? "" : "src-address: the gateway sends from its one address";
                case "remote-log-format":
                case "remote-protocol":
                    return name + " (RouterOS 7.18 and later) is not supported; use bsd-syslog=yes|no (UDP)";
                default:
                    return "unknown property " + name + " of a logging action";
            }
        }

        /// <summary>Adds a rule (RouterOS's add): its index, or -1 with <paramref name="error"/>.</summary>
        public int AddRule(out string error)
        {
            error = "";
            if (RuleCount == MaxRules) { error = "at most " + DecimalText.ToText(MaxRules) + " logging rules"; return -1; }
            int r = RuleCount++;
            _topics[r] = LogTopics.Info;
            _notTopics[r] = 0;
            _action[r] = 0;
            _prefix[r] = "";
            _disabled[r] = false;
            Generation++;
            return r;
        }

        public void RemoveRule(int r)
        {
            for (int k = r; k < RuleCount - 1; k++)
            {
                _topics[k] = _topics[k + 1]; _notTopics[k] = _notTopics[k + 1]; _action[k] = _action[k + 1];
                _prefix[k] = _prefix[k + 1]; _disabled[k] = _disabled[k + 1];
            }
            RuleCount--;
            Generation++;
        }

        /// <summary>Sets one property of rule <paramref name="r"/>: "" when done, otherwise why not.</summary>
        public string SetRule(int r, string name, string value)
        {
            Generation++;
            switch (name)
            {
                case "topics":
                    int wanted, refused;
                    string bad = LogTopics.Parse(value, out wanted, out refused);
                    if (bad.Length > 0) return "topic " + bad + " is not one the gateway logs; it logs firewall, system, account, info, warning, error, critical, debug";
                    _topics[r] = wanted;
                    _notTopics[r] = refused;
                    return "";
                case "action":
                    int a = FindAction(value);
                    if (a < 0) return "no logging action named " + value + " (see /system logging action print)";
                    _action[r] = a;
                    return "";
                case "prefix":
                    if (value.Length > MaxPrefixChars) return "prefix longer than " + DecimalText.ToText(MaxPrefixChars) + " characters";
                    _prefix[r] = value;
                    return "";
                case "disabled": return YesNo(value, ref _disabled[r]);
                default: return "unknown property " + name + " of a logging rule";
            }
        }

        /// <summary>Writes action <paramref name="a"/>'s properties (print, export, the stored file).</summary>
        public void WriteAction(int a, IPropertyWriter into)
        {
            into.Put("name", _name[a]);
            into.Put("target", _target[a] == TargetMemory ? "memory" : "remote");
            if (_target[a] != TargetRemote) return;
            TextBuffer b = new TextBuffer(40);
            if (_remote[a].Family == Family.Ipv4) IpAddressText.AppendIpv4(b, _remote[a].Address[0]);
            else IpAddressText.AppendIpv6(b, _remote[a].Address, 0);
            into.Put("remote", b.ToString());
            into.Put("remote-port", DecimalText.ToText(_remote[a].Port));
            into.Put("bsd-syslog", _bsd[a] ? "yes" : "no");
            into.Put("syslog-facility", s_facilities[_facility[a]]);
            into.Put("syslog-severity", _severity[a] == AutoSeverity ? "auto" : s_severities[_severity[a]]);
            into.Put("syslog-time-format", _isoTime[a] ? "iso8601" : "bsd-syslog");
        }

        public void WriteRule(int r, IPropertyWriter into)
        {
            TextBuffer b = new TextBuffer(40);
            LogTopics.Append(b, _topics[r], _notTopics[r]);
            into.Put("topics", b.ToString());
            into.Put("action", _name[_action[r]]);
            if (_prefix[r].Length > 0) into.Put("prefix", _prefix[r]);
            if (_disabled[r]) into.Put("disabled", "yes");
        }

        private int NewAction(string name, byte target)
        {
            int a = ActionCount++;
            _name[a] = name;
            _target[a] = target;
            _remote[a].Family = Family.Ipv4;
            for (int w = 0; w < 4; w++) _remote[a].Address[w] = 0;
            _remote[a].Port = 514;
            _bsd[a] = false;
            _isoTime[a] = false;
            _facility[a] = DaemonFacility;
            _severity[a] = AutoSeverity;
            return a;
        }

        private static string SetAddress(Endpoint e, string value)
        {
            uint v4;
            if (IpAddressText.TryParseIpv4(value, 0, value.Length, out v4))
            {
                e.Family = Family.Ipv4;
                for (int w = 0; w < 4; w++) e.Address[w] = 0;
                e.Address[0] = v4;
                return "";
            }
            if (IpAddressText.TryParseIpv6(value, 0, value.Length, e.Address, 0)) { e.Family = Family.Ipv6; return ""; }
            return "remote must be an IPv4 or IPv6 address (RouterOS 6's ADDRESS:PORT form: give remote-port= instead)";
        }

        private static string YesNo(string value, ref bool into)
        {
            if (value == "yes") into = true;
            else if (value == "no") into = false;
            else return "expected yes or no, not " + value;
            return "";
        }
    }
}
