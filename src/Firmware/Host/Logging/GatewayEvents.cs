// What the gateway itself reports to its logs besides rule matches: logins and refused logins on the
// network console, connections its rules granted to a service (the console, a forward), and rule changes.
// Kept as numbers and references to strings that already exist, in a fixed ring (a flood of connections
// overwrites the oldest, which the syslog sender counts as dropped); formatted only when sent.
using Gateway.Core;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Host.Logging
{
    /// <summary>A ring of the last <see cref="Capacity"/> gateway events.</summary>
    public sealed class GatewayEvents
    {
        public const int Capacity = 16;
        public const byte LoggedIn = 0, LoginFailed = 1, Granted = 2, RulesChanged = 3, SpaGranted = 4;

        private readonly byte[] _kind = new byte[Capacity];
        private readonly long[] _timeMs = new long[Capacity];
        private readonly Endpoint[] _peer = Endpoint.NewArray(Capacity);
        private readonly string?[] _detail = StringArrays.New(Capacity);
        private readonly string?[] _more = StringArrays.New(Capacity);

        /// <summary>Events since start (the ring keeps the last ones).</summary>
        public long Count { get; private set; }

        /// <summary>A network console login: <paramref name="ok"/> or refused.</summary>
        public void Login(Endpoint peer, bool ok, long nowMs) { Add(ok ? LoggedIn : LoginFailed, peer, null, null, nowMs); }

        /// <summary>The rules accepted a connection to <paramref name="service"/> ("console", "forward").</summary>
        public void Grant(Endpoint peer, string service, long nowMs) { Add(Granted, peer, service, null, nowMs); }

        /// <summary>An SPA door granted a request (<paramref name="detail"/>: which door, what, to whom).</summary>
        public void SpaGrant(string detail, long nowMs) { Add(SpaGranted, null, detail, null, nowMs); }

        /// <summary>New rules are in force (table id, where they came from).</summary>
        public void RulesInForce(string tableId, string source, long nowMs) { Add(RulesChanged, null, tableId, source, nowMs); }

        public bool Has(long sequence) { return sequence < Count && sequence >= Count - Capacity; }

        public long TimeOf(long sequence) { return _timeMs[sequence % Capacity]; }

        /// <summary>RouterOS's topics of the event.</summary>
        public int TopicsOf(long sequence)
        {
            switch (_kind[sequence % Capacity])
            {
                case LoggedIn: return LogTopics.System | LogTopics.Info | LogTopics.Account;
                case LoginFailed: return LogTopics.System | LogTopics.Error | LogTopics.Critical;
                case Granted:
                case SpaGranted: return LogTopics.Firewall | LogTopics.Info;
                default: return LogTopics.System | LogTopics.Info;
            }
        }

        /// <summary>The event's line, worded as RouterOS words its own (<c>user admin logged in from A via ...</c>).</summary>
        public void AppendLine(TextBuffer b, long sequence)
        {
            int i = (int)(sequence % Capacity);
            switch (_kind[i])
            {
                case LoggedIn: b.Append("user admin logged in from "); Address(b, _peer[i]); b.Append(" via network-console"); return;
                case LoginFailed: b.Append("login failure for user admin from "); Address(b, _peer[i]); b.Append(" via network-console"); return;
                case Granted:
                    b.Append("granted "); b.Append(_detail[i]!); b.Append(" to ");
                    Address(b, _peer[i]); b.Append(':'); DecimalText.Append(b, _peer[i].Port);
                    return;
                case SpaGranted: b.Append(_detail[i]!); return;
                default:
                    b.Append("rules changed: table "); b.Append(_detail[i]!); b.Append(" in force, from "); b.Append(_more[i]!);
                    return;
            }
        }

        private static void Address(TextBuffer b, Endpoint e)
        {
            if (e.Family == Family.Ipv4) IpAddressText.AppendIpv4(b, e.Address[0]);
            else IpAddressText.AppendIpv6(b, e.Address, 0);
        }

        private void Add(byte kind, Endpoint? peer, string? detail, string? more, long nowMs)
        {
            int i = (int)(Count % Capacity);
            _kind[i] = kind;
            _timeMs[i] = nowMs;
            if (peer != null) _peer[i].CopyFrom(peer);
            _detail[i] = detail;
            _more[i] = more;
            Count++;
        }
    }
}
