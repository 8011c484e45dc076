// Sends what the logging rules route to remote actions as syslog over UDP: rule logs (RouterOS's firewall
// line) and gateway events, oldest first, RFC 3164 when the action says bsd-syslog=yes, else RFC 5424.
// Everything it needs is allocated once: the events wait in their fixed rings, a datagram is built in one
// buffer, and at most MaxPerPass datagrams go out per loop pass, so a flood of logged packets costs the loop
// a bounded slice; what a ring overwrote before it was sent is counted as dropped, never queued.
using Gateway.Core;
using Gateway.Core.Hardware;
using Gateway.Core.Tables;
using Gateway.Core.Text;
using Gateway.Host.Running;
using Gateway.Host.Time;

namespace Gateway.Host.Logging
{
    /// <summary>The syslog client of the gateway loop.</summary>
    public sealed class SyslogSender
    {
        /// <summary>Messages per loop pass at most (a message routed to several actions goes to each).</summary>
        public const int MaxPerPass = 8;
        /// <summary>RFC 3164's largest packet; a longer line is cut.</summary>
        public const int MaxDatagram = 1024;
        /// <summary>The HOSTNAME field (RouterOS sends its /system identity).</summary>
        public const string Identity = "gateway";

        private readonly StoredLogging _logging;
        private readonly RuleLogRing _ruleLog;
        private readonly GatewayEvents _events;
        private readonly INetwork _network;
        private readonly IWallClock _wall;
        private readonly ActiveRules _rules;
        private readonly int[] _socket = new int[LoggingSettings.MaxActions];
        private readonly TextBuffer _message = new TextBuffer(MaxDatagram);
        private readonly TextBuffer _datagram = new TextBuffer(MaxDatagram + 64);
        private readonly byte[] _bytes = new byte[MaxDatagram];
        private int _generation = -1;
        private int _chainsGeneration = -1;
        private string[] _ipv4Chains = StringArrays.New(0);
        private string[] _ipv6Chains = StringArrays.New(0);
        private bool _sends;
        private long _nextRuleLog;
        private long _nextEvent;

        public SyslogSender(StoredLogging logging, RuleLogRing ruleLog, GatewayEvents events, INetwork network, IWallClock wall, ActiveRules rules)
        {
            _logging = logging;
            _ruleLog = ruleLog;
            _events = events;
            _network = network;
            _wall = wall;
            _rules = rules;
            for (int a = 0; a < _socket.Length; a++) _socket[a] = Sockets.NoSocket;
        }

        /// <summary>Datagrams sent.</summary>
        public long Sent { get; private set; }
        /// <summary>Messages that never went out: refused by the socket, or overwritten in their ring before
        /// their turn (a flood): rule logs when a rule routes firewall lines, gateway events when a rule routes
        /// any (an overwritten event's topics are gone with it).</summary>
        public long Dropped { get; private set; }

        /// <summary>Sends what is due, at most <see cref="MaxPerPass"/> datagrams; never blocks.</summary>
        public void Pump(long nowMs)
        {
            LoggingSettings settings = _logging.Settings;
            if (settings.Generation != _generation) Reopen(settings);
            if (!_sends)
            {
                _nextRuleLog = _ruleLog.Count;   // nothing routed anywhere: nothing is owed
                _nextEvent = _events.Count;
                return;
            }
            SkipOverwritten(settings);
            int budget = MaxPerPass;
            while (budget > 0 && (_nextRuleLog < _ruleLog.Count || _nextEvent < _events.Count))
            {
                bool ruleLog = _nextEvent >= _events.Count
                    || _nextRuleLog < _ruleLog.Count && _ruleLog.TimeOf(_nextRuleLog) <= _events.TimeOf(_nextEvent);
                _message.Clear();
                int topics;
                long atMs;
                if (ruleLog)
                {
                    Chains();
                    _ruleLog.AppendRouterOsLine(_message, _nextRuleLog, _ipv4Chains, _ipv6Chains);
                    topics = LogTopics.Firewall | LogTopics.Info;
                    atMs = _ruleLog.TimeOf(_nextRuleLog++);
                }
                else
                {
                    _events.AppendLine(_message, _nextEvent);
                    topics = _events.TopicsOf(_nextEvent);
                    atMs = _events.TimeOf(_nextEvent++);
                }
                budget -= Route(settings, topics, nowMs - atMs);
            }
        }

        private static bool Routed(LoggingSettings settings, int topics)
        {
            for (int r = 0; r < settings.RuleCount; r++) if (settings.Sends(settings.ActionOf(r)) && settings.Takes(r, topics)) return true;
            return false;
        }

        // Sends the message to every remote action a rule routes it to (once per action); returns datagrams sent.
        private int Route(LoggingSettings settings, int topics, long ageMs)
        {
            int done = 0, sent = 0;
            for (int r = 0; r < settings.RuleCount; r++)
            {
                int a = settings.ActionOf(r);
                if ((done & (1 << a)) != 0 || !settings.Sends(a) || !settings.Takes(r, topics)) continue;
                done |= 1 << a;
                if (Send(settings, a, r, topics, ageMs)) sent++;
                else Dropped++;
            }
            return sent;
        }

        private bool Send(LoggingSettings settings, int a, int rule, int topics, long ageMs)
        {
            if (_socket[a] == Sockets.NoSocket) return false;
            int severity = settings.SeverityOf(a) == LoggingSettings.AutoSeverity ? LogTopics.AutoSeverity(topics) : settings.SeverityOf(a);
            long unixMs = _wall.UnixMs;
            if (unixMs >= 0) unixMs -= ageMs;   // when it happened, not when its turn came
            TextBuffer d = _datagram;
            d.Clear();
            d.Append('<');
            DecimalText.Append(d, settings.FacilityOf(a) * 8 + severity);
            d.Append('>');
            if (settings.IsBsd(a))
            {
                // RFC 3164: TIMESTAMP HOSTNAME MSG; without a known time the stamp is left out (its section 4.3.2).
                if (unixMs >= 0)
                {
                    if (settings.IsIsoTime(a)) Calendar.AppendIsoStamp(d, unixMs);
                    else Calendar.AppendBsdStamp(d, unixMs);
                    d.Append(' ');
                }
                d.Append(Identity);
                d.Append(' ');
            }
            else
            {
                // RFC 5424: VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG; the topics are
                // the MSGID (firewall,info), the first of them the APP-NAME.
                d.Append("1 ");
                if (unixMs >= 0) Calendar.AppendIsoStamp(d, unixMs);
                else d.Append('-');
                d.Append(' ');
                d.Append(Identity);
                d.Append(' ');
                LogTopics.Append(d, topics & -topics, 0);
                d.Append(" - ");
                LogTopics.Append(d, topics, 0);
                d.Append(" - ");
            }
            string prefix = settings.PrefixOf(rule);
            if (prefix.Length > 0) { d.Append(prefix); d.Append(' '); }
            for (int i = 0; i < _message.Length; i++) d.Append(_message[i]);
            int n = d.Length < MaxDatagram ? d.Length : MaxDatagram;
            for (int i = 0; i < n; i++)
            {
                char c = d[i];
                _bytes[i] = c < 32 || c > 126 ? (byte)'?' : (byte)c;
            }
            if (_network.SendTo(_socket[a], _bytes, 0, n, settings.RemoteOf(a)) != n) return false;
            Sent++;
            return true;
        }

        // Events a ring overwrote before their turn: counted (rule logs only when firewall lines go anywhere),
        // then skipped.
        private void SkipOverwritten(LoggingSettings settings)
        {
            if (_nextRuleLog < _ruleLog.Count && !_ruleLog.Has(_nextRuleLog))
            {
                long first = _ruleLog.Count - Capacity.LogLines;
                if (Routed(settings, LogTopics.Firewall | LogTopics.Info)) Dropped += first - _nextRuleLog;
                _nextRuleLog = first;
            }
            if (_nextEvent < _events.Count && !_events.Has(_nextEvent))
            {
                long first = _events.Count - GatewayEvents.Capacity;
                Dropped += first - _nextEvent;
                _nextEvent = first;
            }
        }

        // One UDP socket per remote action that sends; reopened when the settings change.
        private void Reopen(LoggingSettings settings)
        {
            _generation = settings.Generation;
            Close();
            _sends = false;
            for (int a = 0; a < settings.ActionCount; a++)
            {
                if (!settings.Sends(a)) continue;
                bool used = false;
                for (int r = 0; r < settings.RuleCount; r++) used |= settings.ActionOf(r) == a && !settings.IsDisabled(r);
                if (!used) continue;
                _socket[a] = _network.OpenUdp(settings.RemoteOf(a));
                _sends = true;   // even when the socket did not open: its messages are then counted as dropped
            }
        }

        /// <summary>Closes the sockets (before a reboot).</summary>
        public void Close()
        {
            for (int a = 0; a < _socket.Length; a++)
            {
                if (_socket[a] != Sockets.NoSocket) _network.Close(_socket[a]);
                _socket[a] = Sockets.NoSocket;
            }
        }

        private void Chains()
        {
            if (_chainsGeneration == _rules.Generation) return;
            _chainsGeneration = _rules.Generation;
            Table t = _rules.Engine!.Table;
            _ipv4Chains = RuleLogRing.ChainNamesOf(t.Ipv4);
            _ipv6Chains = RuleLogRing.ChainNamesOf(t.Ipv6);
        }

        /// <summary>The status line: where logs go and what happened to them.</summary>
        public void AppendStatus(TextBuffer b)
        {
            b.Append("syslog: ");
            b.Append(_sends ? "sending" : "off (no /system logging rule routes to a remote action with remote= set)");
            b.Append("; sent "); DecimalText.Append(b, Sent);
            b.Append(", dropped "); DecimalText.Append(b, Dropped);
            b.Append('\n');
        }
    }
}
