// The gateway's own network console (TCP, by default port 2323 in the emulator, 23 on a board): the same
// console as the serial one, over a connection the rules let through. It asks for the password first
// (LoginGuard counts failures per address, per network and in total; a login must be complete within
// Capacity.LoginDeadlineMs). Its output goes through a bounded queue drained without waiting, so a client
// that stops reading stalls only itself, and is closed. Fixed slots (Capacity.MaxNetworkConsoles), one per
// source address.
using Gateway.Core;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Text;
using Gateway.Host.Auth;
using Gateway.Host.Console;
using Gateway.Host.Running;

namespace Gateway.Host.App
{
    /// <summary>Network console sessions, their sockets and queues, and the login guard.</summary>
    public sealed class NetworkConsoles : IHeldSessions
    {
        private readonly ActiveRules _rules;
        private readonly RuleLogRing _log;
        private readonly INetwork _network;
        private readonly IClock _clock;
        private readonly int _port;
        private readonly byte[] _buffer;
        private readonly int[] _handle = new int[Capacity.MaxNetworkConsoles];      // NoSocket = free slot
        private readonly ConsoleSession?[] _session = new ConsoleSession?[Capacity.MaxNetworkConsoles];
        private readonly PendingOutput?[] _output = new PendingOutput?[Capacity.MaxNetworkConsoles];   // made on first use of the slot
        private readonly byte[]?[] _input = new byte[]?[Capacity.MaxNetworkConsoles];   // read but not yet fed; made with the output
        private readonly int[] _inputStart = new int[Capacity.MaxNetworkConsoles];
        private readonly int[] _inputCount = new int[Capacity.MaxNetworkConsoles];
        private readonly long[] _lastInputMs = new long[Capacity.MaxNetworkConsoles];
        private readonly long[] _acceptedMs = new long[Capacity.MaxNetworkConsoles];
        private readonly Endpoint[] _peer = Endpoint.NewArray(Capacity.MaxNetworkConsoles);
        private readonly Endpoint[] _local = Endpoint.NewArray(Capacity.MaxNetworkConsoles);

        /// <param name="port">The console's TCP port.</param>
        /// <param name="scratch">The loop's buffer for one line at a time (Capacity.ProxyBufferBytes).</param>
        public NetworkConsoles(ActiveRules rules, RuleLogRing log, INetwork network, IClock clock, int port, byte[] scratch)
        {
            _rules = rules;
            _log = log;
            _network = network;
            _clock = clock;
            _port = port;
            _buffer = scratch;
            for (int i = 0; i < _handle.Length; i++) _handle[i] = Sockets.NoSocket;
        }

        /// <summary>The TCP port of the network console.</summary>
        public int Port { get { return _port; } }
        /// <summary>What the sessions' <c>status</c> reports on (the gateway loop), or null.</summary>
        public IGatewayStatus? Gateway { get; set; }
        /// <summary>The network console's password (set by the host). Without one the console offers nothing.</summary>
        public ConsolePassword? Password { get; set; }

        /// <summary>Calendar time for the sessions' clock command.</summary>
        public IWallClock? WallClock { get; set; }

        /// <summary>The managed heap for the sessions' status and /system resource print.</summary>
        public IHeapGauge? Heap { get; set; }

        /// <summary>Logins and refused logins are reported here.</summary>
        public Logging.GatewayEvents? Events { get; set; }

        /// <summary>The logging settings the sessions' /system logging commands change.</summary>
        public Logging.StoredLogging? Logging { get; set; }
        /// <summary>SPA doors, for /spa print (keys are set on the serial console only).</summary>
        public Spa.SpaDoorway? Spa { get; set; }
        /// <summary>Failed logins per address, per network and in total.</summary>
        public LoginGuard Logins { get; } = new LoginGuard();
        /// <summary>Set when a session asked for a reboot.</summary>
        public bool RebootRequested { get; private set; }

        /// <summary>Connections turned away: every slot taken, their address has a session already, or it must wait.</summary>
        public long Refused { get; private set; }
        /// <summary>Sessions closed after Capacity.ConsoleIdleMs (logged in) or Capacity.LoginIdleMs (at the prompt) without a byte.</summary>
        public long IdledOut { get; private set; }
        /// <summary>Logins closed because they were not complete Capacity.LoginDeadlineMs after the connection.</summary>
        public long LoginsTimedOut { get; private set; }
        /// <summary>Sessions closed because their client stopped reading or their output overflowed its queue.</summary>
        public long PeersDropped { get; private set; }

        /// <summary>Sessions open now.</summary>
        public int Open { get { return HeldSlots.CountOpen(_handle); } }

        /// <summary>Slots, for the session review: open ones have a source and the console's address.</summary>
        public EntryChain Chain { get { return EntryChain.Input; } }
        public int Slots { get { return _handle.Length; } }
        public bool IsOpen(int slot) { return _handle[slot] != Sockets.NoSocket; }
        public Endpoint PeerOf(int slot) { return _peer[slot]; }
        public Endpoint DestinationOf(int slot) { return _local[slot]; }

        /// <summary>Ends a session the rules no longer accept with a reset.</summary>
        public void Reset(int slot)
        {
            _network.Reset(_handle[slot]);
            _handle[slot] = Sockets.NoSocket;
            _session[slot] = null;
        }

        /// <summary>Takes an accepted connection from <paramref name="peer"/> to <paramref name="local"/> into a free slot
        /// and greets it, or refuses it with the reason.</summary>
        public void Start(int connection, Endpoint peer, Endpoint local, long now)
        {
            long wait = Logins.WaitMs(peer, now);
            if (wait > 0)
            {
                Refuse(connection, (Logins.LastWaitWasGlobal ? "console refused: too many failed logins from everywhere lately" : "console refused: too many failed logins from this address or its network")
                    + "; try again in " + DecimalText.ToText((wait + 999) / 1000) + " s\r\n");
                return;
            }
            // One session per source address: one host cannot hold every slot (the others would get "busy").
            for (int i = 0; i < _handle.Length; i++)
            {
                if (_handle[i] == Sockets.NoSocket || !_peer[i].HasAddress(peer.Family, peer.Address)) continue;
                Refuse(connection, "console busy: this address has a session open already\r\n");
                return;
            }
            for (int i = 0; i < _handle.Length; i++)
            {
                if (_handle[i] != Sockets.NoSocket) continue;
                _handle[i] = connection;
                _lastInputMs[i] = now;
                _acceptedMs[i] = now;
                _peer[i].CopyFrom(peer);
                _local[i].CopyFrom(local);
                _local[i].Port = _port;
                if (_output[i] == null)
                {
                    _output[i] = new PendingOutput(Capacity.NetworkConsoleOutputBytes);
                    _input[i] = new byte[Capacity.ProxyBufferBytes];
                }
                _output[i]!.Clear();
                _inputCount[i] = 0;
                ConsoleSession session = new ConsoleSession(_rules, _log, new QueueOutput(_output[i]!, _network, connection, _clock), now);
                session.Gateway = Gateway;
                session.Password = Password;
                session.WallClock = WallClock;
                session.Heap = Heap;
                session.Logging = Logging;
                session.Spa = Spa;
                session.LoginRequired = true;
                _session[i] = session;
                session.Start();
                if (!_output[i]!.Flush(_network, connection, now) || session.CloseRequested) Close(i);
                return;
            }
            Refuse(connection, "console busy\r\n");
        }

        private void Refuse(int connection, string why)
        {
            Refused++;
            byte[] text = Utf8.Encode(why);
            _network.Send(connection, text, 0, text.Length);   // a courtesy: whatever fits now
            _network.Close(connection);
        }

        // Output first (what waits goes out as the peer's window opens); then input one line at a time, and
        // only while no output waits, so a client that sends without reading is held back (by TCP's own
        // flow control) instead of filling the queue.
        public void Pump(long now)
        {
            for (int i = 0; i < _handle.Length; i++)
            {
                if (_handle[i] == Sockets.NoSocket) continue;
                PendingOutput output = _output[i]!;
                if (output.IsOverflowed || !output.Flush(_network, _handle[i], now) || output.IsStalled(now))
                {
                    if (output.IsOverflowed || !output.IsEmpty) PeersDropped++;
                    Close(i);
                    continue;
                }
                if (!output.IsEmpty) continue;
                ConsoleSession checking = _session[i]!;
                if (checking.IsChecking)
                {
                    // A password check takes a slice of every pass; the client's next lines wait in its socket.
                    checking.Tick();
                    AfterStep(i, false, now);
                    continue;
                }
                if (!checking.LoggedIn && now - _acceptedMs[i] >= Capacity.LoginDeadlineMs)
                {
                    // The whole login has a deadline, not each byte: a client trickling bytes loses its slot, and
                    // the stalled login counts as a failed one (a holder is soon locked out).
                    LoginsTimedOut++;
                    Logins.Failed(_peer[i], now);
                    if (Events != null) Events.Login(_peer[i], false, now);
                    Say(i, "\r\nlogin took too long: session closed\r\n");
                    Close(i);
                    continue;
                }
                byte[] input = _input[i]!;
                if (_inputCount[i] == 0)
                {
                    if (!_network.IsReadable(_handle[i]))
                    {
                        long idleLimit = checking.LoggedIn ? Capacity.ConsoleIdleMs : Capacity.LoginIdleMs;
                        if (now - _lastInputMs[i] < idleLimit) continue;
                        IdledOut++;
                        Say(i, "\r\nidle too long: session closed\r\n");
                        Close(i);
                        continue;
                    }
                    int n = _network.Receive(_handle[i], input, 0, input.Length);
                    if (n <= 0)
                    {
                        Close(i);
                        continue;
                    }
                    _lastInputMs[i] = now;
                    _inputStart[i] = 0;
                    _inputCount[i] = n;
                }
                while (_inputCount[i] > 0 && output.IsEmpty && _handle[i] != Sockets.NoSocket)
                {
                    int start = _inputStart[i], line = 0;
                    while (line < _inputCount[i] && input[start + line] != '\r' && input[start + line] != '\n') line++;
                    if (line < _inputCount[i]) line++;   // the line end goes with its line
                    _inputStart[i] += line;
                    _inputCount[i] -= line;
                    for (int b = 0; b < line; b++) _buffer[b] = input[start + b];   // the session reads from offset 0
                    ConsoleSession session = _session[i]!;
                    bool wasLoggedIn = session.LoggedIn;
                    session.Receive(_buffer, line, now);
                    if (session.RebootRequested) RebootRequested = true;
                    AfterStep(i, wasLoggedIn, now);
                    if (session.IsChecking) break;   // the rest of the input waits for the check
                }
            }
        }

        // After a session took input or advanced a password check: the login's outcome for the address,
        // then its output, then its end when it said its last word.
        private void AfterStep(int i, bool wasLoggedIn, long now)
        {
            ConsoleSession session = _session[i]!;
            if (session.LoggedIn && !wasLoggedIn) Logins.Succeeded(_peer[i], now);
            if (session.LoginFailed) Logins.Failed(_peer[i], now);
            if (Events != null && (session.LoggedIn && !wasLoggedIn || session.LoginFailed)) Events.Login(_peer[i], session.LoggedIn, now);
            if (!_output[i]!.Flush(_network, _handle[i], now) || session.CloseRequested) Close(i);
        }

        private void Say(int i, string text)
        {
            byte[] bytes = Utf8.Encode(text);
            _network.Send(_handle[i], bytes, 0, bytes.Length);   // whatever fits now
        }

        private void Close(int i)
        {
            _network.Close(_handle[i]);
            _handle[i] = Sockets.NoSocket;
            _session[i] = null;
        }

        /// <summary>Sessions whose source shares <paramref name="prefix"/> bits with <paramref name="address"/>.</summary>
        public int CountFrom(Family family, uint[] address, int prefix) { return HeldSlots.CountFrom(_handle, _peer, family, address, prefix); }

        public void CloseAll()
        {
            for (int i = 0; i < _handle.Length; i++) if (_handle[i] != Sockets.NoSocket) Close(i);
        }

        /// <summary>The console's line of <c>status</c>.</summary>
        public void AppendStatus(TextBuffer b)
        {
            b.Append("network console: password "); b.Append(Password != null && Password.IsSet ? "set" : "not set (the network console offers nothing)");
            b.Append("; failed logins "); b.AppendInt(Logins.Failures); b.Append(", refused "); b.AppendInt(Logins.Refused);
            b.Append(" (global budget "); b.AppendInt(Logins.RefusedGlobally); b.Append("), timed out "); b.AppendInt(LoginsTimedOut); b.Append('\n');
        }

        // Console text into the session's queue; Pump sends it. A long reply that would not fit first sends
        // what the peer takes now (still without waiting).
        private sealed class QueueOutput : IConsoleOutput
        {
            private readonly PendingOutput _queue;
            private readonly INetwork _network;
            private readonly int _handle;
            private readonly IClock _clock;

            public QueueOutput(PendingOutput queue, INetwork network, int handle, IClock clock)
            {
                _queue = queue;
                _network = network;
                _handle = handle;
                _clock = clock;
            }

            public void Write(string text)
            {
                byte[] bytes = Utf8.Encode(text);
                if (bytes.Length > _queue.Free) _queue.Flush(_network, _handle, _clock.NowMs);
                _queue.Append(bytes, 0, bytes.Length);
            }
        }
    }
}
