// The gateway's SPA doors at work: datagrams the filter accepted on a door's UDP port come here (from the packet
// tap's capture, or a bound socket without one), and a request fwknopd would grant puts its address on the door's
// grant lists for the grant's length. Fail closed at every step: a datagram that is not fwknop's shape is
// dropped before any hashing; past a budget of verifications a second the rest are counted, not checked (a
// forged datagram costs a board ~29 ms of HMAC); no wall clock (a board before SNTP), or a clock gone backwards,
// refuses every datagram (the age check and the replay cache rest on it); a door without keys opens nothing.
// The policy and its replay cache live as long as the gateway, and the cache is kept on flash across restarts
// (SpaReplayFile): new rules, new keys or a reboot never forget a datagram already accepted. The budget counts
// HMACs (a datagram costs one per door of its port whose sources take it). This component owns the stanzas,
// the grant list ids and the counters.
using Gateway.Core;
using Gateway.Core.AddressLists;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Tables;
using Gateway.Core.Text;
using Gateway.Crypto.Spa;
using Gateway.Host.Logging;
using Gateway.Host.Running;

namespace Gateway.Host.Spa
{
    public sealed class SpaDoorway
    {
        /// <summary>Counter indexes beyond SpaOutcome's: no wall clock yet, the clock went back, over the budget.</summary>
        public const int NoClock = 9, ClockBack = 10, OverBudget = 11, OutcomeCount = 12;
        private static readonly string[] s_outcomeNames =
        {
            "accepted", "format", "hmac", "decrypt", "message", "age", "replay", "policy", "busy", "no-clock", "clock-back", "over-budget",
        };

        private readonly ActiveRules _rules;
        private readonly SpaKeyStore _keys;
        private readonly IWallClock _wallClock;
        private readonly SpaPolicy _policy = new SpaPolicy(new SpaStanza[0], Capacity.SpaReplayEntries);
        private readonly SpaReplayFile? _replayFile;
        // The replay file was there but damaged: once the wall clock is known, everything stamped before this boot
        // plus the longest maximum age is refused (what was accepted before cannot be told).
        private bool _replaysLost;
        private SpaStanza[] _stanzas = new SpaStanza[0];
        private readonly SpaGrant _grant = new SpaGrant();
        private readonly uint[] _grantAddress = new uint[4];
        private readonly long[] _outcomes = new long[OutcomeCount];
        private readonly long[] _acceptedByDoor = new long[Capacity.MaxSpaDoors];
        private SpaDoor[] _doors = new SpaDoor[0];
        // Grant list id of each door's open item (door * SpaDoor.MaxOpen + item), or FilterTable.NoIndex.
        private readonly int[] _grantList = new int[Capacity.MaxSpaDoors * SpaDoor.MaxOpen];
        private int _rulesGeneration = -1, _keysGeneration = -1;
        private long _highestWallMs = -1;
        private long _budgetWindowMs;
        private int _checksInWindow;
        // This second's checks by source, so one source flooding forgeries takes its share, not the whole budget
        // (spoofed sources still share the global budget: UDP sources cannot be told from forged ones).
        private readonly uint[] _windowSource = new uint[Capacity.SpaChecksPerSecond];
        private readonly int[] _windowSourceChecks = new int[Capacity.SpaChecksPerSecond];
        private int _windowSources;

        /// <param name="replayFlash">Where the replay cache outlives a restart, or null (tests that need none).</param>
        public SpaDoorway(ActiveRules rules, SpaKeyStore keys, IWallClock wallClock, IFlash? replayFlash)
        {
            _rules = rules;
            _keys = keys;
            _wallClock = wallClock;
            if (replayFlash == null) return;
            _replayFile = new SpaReplayFile(replayFlash, Capacity.SpaReplayEntries);
            _replaysLost = !_replayFile.Load(_policy.Replays);
        }

        public SpaKeyStore Keys { get { return _keys; } }
        /// <summary>Where grants are reported (the log and syslog), or null.</summary>
        public GatewayEvents? Events { get; set; }
        public int DoorCount { get { Refresh(); return _doors.Length; } }
        public long Count(int outcome) { return _outcomes[outcome]; }
        public static string OutcomeName(int outcome) { return s_outcomeNames[outcome]; }
        /// <summary>Accepted datagrams remembered against replays now.</summary>
        public int ReplayEntries { get { return _policy.Replays.Live(_wallClock.UnixMs / 1000); } }

        /// <summary>True when an enabled door listens on UDP <paramref name="port"/>.</summary>
        public bool IsDoorPort(int port)
        {
            Refresh();
            for (int d = 0; d < _doors.Length; d++) if (_doors[d].Port == port) return true;
            return false;
        }

        /// <summary>Judges one datagram the filter accepted on a door's port: its UDP payload, its IPv4 source
        /// (address words as the engine's), the loop's time.</summary>
        public void Offer(byte[] payload, int offset, int length, Family family, uint[] source, int port, long nowMs)
        {
            Refresh();
            // Noise costs nothing: no budget spent, no hashing (fwknop's shape is public).
            if (family != Family.Ipv4 || !SpaVerifier.IsWellFormed(payload, offset, length)) { _outcomes[(int)SpaOutcome.Format]++; return; }
            int hmacs = _policy.Candidates(source[0], port);
            if (hmacs > 0 && !TakeBudget(source[0], hmacs, nowMs)) { _outcomes[OverBudget]++; return; }
            long wallMs = _wallClock.UnixMs;
            if (wallMs < 0) { _outcomes[NoClock]++; return; }
            // A clock stepped back could let a replayed datagram's slot expire early: refuse until it catches up.
            if (wallMs < _highestWallMs - 1000) { _outcomes[ClockBack]++; return; }
            if (wallMs > _highestWallMs) _highestWallMs = wallMs;
            if (_replaysLost)
            {
                _replaysLost = false;
                _policy.RefuseUpTo((wallMs - nowMs) / 1000 + _policy.ReplayWindowSeconds);   // this boot's start, plus the window
            }
            SpaOutcome outcome = _policy.Decide(payload, offset, length, source[0], port, wallMs / 1000, _grant);
            _outcomes[(int)outcome]++;
            if (outcome != SpaOutcome.Accepted) return;
            if (_replayFile != null) _replayFile.Save(_policy.Replays, wallMs / 1000);
            Grant(nowMs);
        }

        // A second's budget: Capacity.SpaChecksPerSecond HMACs, and at most SpaChecksPerSourcePerSecond datagrams of one source.
        private bool TakeBudget(uint source, int hmacs, long nowMs)
        {
            if (_checksInWindow == 0 || nowMs - _budgetWindowMs >= 1000)
            {
                _budgetWindowMs = nowMs;   // a window starts with its first check
                _checksInWindow = 0;
                _windowSources = 0;
            }
            if (_checksInWindow + hmacs > Capacity.SpaChecksPerSecond) return false;
            int i = 0;
            while (i < _windowSources && _windowSource[i] != source) i++;
            if (i == _windowSources)
            {
                _windowSource[i] = source;
                _windowSourceChecks[i] = 0;
                _windowSources++;
            }
            if (_windowSourceChecks[i] == Capacity.SpaChecksPerSourcePerSecond) return false;
            _windowSourceChecks[i]++;
            _checksInWindow += hmacs;
            return true;
        }

        private void Grant(long nowMs)
        {
            int door = _grant.Stanza;
            _acceptedByDoor[door]++;
            AddressListStore lists = _rules.Engine!.Table.Lists(Family.Ipv4);
            _grantAddress[0] = _grant.Address;
            SpaDoor d = _doors[door];
            for (int i = 0; i < _grant.AccessCount; i++)
            {
                int list = FilterTable.NoIndex;
                for (int j = 0; j < d.OpenCount; j++)
                    if (d.OpenProtocols[j] == _grant.Protocols[i] && d.OpenPorts[j] == _grant.Ports[i]) list = _grantList[door * SpaDoor.MaxOpen + j];
                if (list == FilterTable.NoIndex) continue;   // no rule uses that grant list: nothing to open (lint says so)
                lists.AddFromRule(list, _grantAddress, 0, ListTimeoutKind.Timed, _grant.Seconds * 1000L, nowMs);
            }
            if (Events != null)
            {
                TextBuffer b = new TextBuffer(64);
                b.Append("spa door "); b.Append(d.Name); b.Append(" for ");
                for (int i = 0; i < _grant.AccessCount; i++)
                {
                    if (i > 0) b.Append(',');
                    b.Append(Protocols.NameOf(_grant.Protocols[i]) ?? "?"); b.Append('/'); b.AppendInt(_grant.Ports[i]);
                }
                b.Append(" "); b.AppendInt(_grant.Seconds); b.Append("s, opened to ");
                IpAddressText.AppendIpv4(b, _grant.Address);
                Events.SpaGrant(b.ToString(), nowMs);
            }
        }

        // Takes new rules or keys: the doors in force, their stanzas with keys from flash, their grant lists' ids.
        private void Refresh()
        {
            if (_rulesGeneration == _rules.Generation && _keysGeneration == _keys.Generation) return;
            _rulesGeneration = _rules.Generation;
            _keysGeneration = _keys.Generation;
            SpaDoors all = _rules.RuleSet.Spa;
            int enabled = 0;
            for (int i = 0; i < all.Count; i++) if (!all.At(i).IsDisabled) enabled++;
            SpaDoor[] doors = new SpaDoor[enabled];
            SpaStanza[] stanzas = new SpaStanza[enabled];
            FilterTable filter = _rules.Engine!.Table.Filter(Family.Ipv4);
            for (int i = 0, d = 0; i < all.Count; i++)
            {
                SpaDoor door = all.At(i);
                if (door.IsDisabled) continue;
                doors[d] = door;
                stanzas[d] = StanzaOf(door);
                for (int j = 0; j < door.OpenCount; j++)
                    _grantList[d * SpaDoor.MaxOpen + j] = filter.ListId(SpaDoor.GrantList(door.Name, door.OpenProtocols[j], door.OpenPorts[j]));
                d++;
            }
            _doors = doors;
            for (int i = 0; i < _acceptedByDoor.Length; i++) _acceptedByDoor[i] = 0;
            _policy.Use(stanzas, _highestWallMs < 0 ? long.MinValue : _highestWallMs / 1000);
            for (int i = 0; i < _stanzas.Length; i++) _stanzas[i].Keys.Clear();   // the replaced copies of the keys
            _stanzas = stanzas;
        }

        private SpaStanza StanzaOf(SpaDoor door)
        {
            SpaStanza s = new SpaStanza();
            s.Port = door.Port;
            _keys.Apply(door.Name, s.Keys);   // none: the stanza authenticates nothing
            if (door.SourceCount == 0) s.AddSourceRange(0, 0xFFFFFFFF);
            for (int i = 0; i < door.SourceCount; i++) s.AddSourceRange(door.Sources[i]!.Low[0], door.Sources[i]!.High[0]);
            for (int i = 0; i < door.OpenCount; i++) s.AddOpen(door.OpenProtocols[i], door.OpenPorts[i]);
            s.TimeoutSeconds = (int)(door.TimeoutMs / 1000);
            s.MaxTimeoutSeconds = (int)(door.MaxTimeoutMs / 1000);
            s.MaxAgeSeconds = (int)(door.MaxAgeMs / 1000);
            s.RequireSourceAddress = door.RequireSourceAddress;
            return s;
        }

        /// <summary>The clock line of <c>status</c>: SPA needs the wall clock.</summary>
        public void AppendStatus(TextBuffer b)
        {
            Refresh();
            if (_doors.Length == 0) return;
            long wallMs = _wallClock.UnixMs;
            b.Append("clock: ");
            b.Append(wallMs < 0 ? "not set (SNTP has not answered): every SPA datagram is refused" : wallMs < _highestWallMs - 1000 ? "went backwards: SPA refused until it catches up" : "set");
            b.Append('\n');
            b.Append("spa: doors "); b.AppendInt(_doors.Length);
            int keyed = 0;
            for (int d = 0; d < _doors.Length; d++) if (_keys.IndexOf(_doors[d].Name) >= 0) keyed++;
            b.Append(", with keys "); b.AppendInt(keyed);
            for (int i = 0; i < OutcomeCount; i++)
            {
                b.Append(i == 0 ? "; " : ", ");
                b.Append(s_outcomeNames[i]); b.Append(' '); b.AppendInt(_outcomes[i]);
            }
            b.Append('\n');
        }

        /// <summary>/spa print: each door with its keys' state and grants, then the counters by outcome.</summary>
        public void AppendPrint(TextBuffer b)
        {
            Refresh();
            SpaDoors all = _rules.RuleSet.Spa;
            b.Append("Flags: X - disabled\r\n");
            for (int i = 0; i < all.Count; i++)
            {
                SpaDoor door = all.At(i);
                b.AppendInt(i); b.Append(door.IsDisabled ? " X" : "  ");
                RouterOs.RouterOsExport.AppendWords(b, door);
                b.Append(" keys="); b.Append(_keys.IndexOf(door.Name) >= 0 ? "set" : "none");
                long accepted = 0;
                for (int d = 0; d < _doors.Length; d++) if (_doors[d] == door) accepted = _acceptedByDoor[d];
                b.Append(" granted="); b.AppendInt(accepted);
                b.Append("\r\n");
            }
            b.Append("datagrams:");
            for (int i = 0; i < OutcomeCount; i++) { b.Append(' '); b.Append(s_outcomeNames[i]); b.Append('='); b.AppendInt(_outcomes[i]); }
            b.Append("\r\nreplay cache: "); b.AppendInt(ReplayEntries); b.Append('/'); b.AppendInt(_policy.Replays.Capacity);
            b.Append(" datagrams remembered\r\n");
        }
    }
}
