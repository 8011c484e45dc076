// The gateway's own network console (TCP, by default port 2323 in the emulator): the same console as
// the serial one, over an accepted connection that the rules let through. Its output goes through a
// bounded queue drained without waiting, so a client that stops reading stalls only itself, and is closed.
using Gateway.Core.Auth;
using Gateway.Core.Console;
using Gateway.Core.Hardware;
using Gateway.Core.Text;

namespace Gateway.Core.App
{
    public sealed partial class GatewayApp
    {
        private readonly int[] _consoleHandle = new int[Capacity.MaxNetworkConsoles];      // NoSocket = free slot
        private readonly ConsoleSession?[] _consoleSession = new ConsoleSession?[Capacity.MaxNetworkConsoles];
        private readonly PendingOutput?[] _consoleOutput = new PendingOutput?[Capacity.MaxNetworkConsoles];   // made on first use of the slot
        private readonly byte[]?[] _consoleInput = new byte[]?[Capacity.MaxNetworkConsoles];   // read but not yet fed; made with the output
        private readonly int[] _consoleInputStart = new int[Capacity.MaxNetworkConsoles];
        private readonly int[] _consoleInputCount = new int[Capacity.MaxNetworkConsoles];
        private readonly long[] _consoleLastInputMs = new long[Capacity.MaxNetworkConsoles];
        private readonly long[] _consoleAcceptedMs = new long[Capacity.MaxNetworkConsoles];

        /// <summary>Network console sessions open now.</summary>
        public int NetworkConsoles
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _consoleHandle.Length; i++) if (_consoleHandle[i] != Sockets.NoSocket) n++;
                return n;
            }
        }

        /// <summary>Console connections turned away: every slot taken, or their address has a session already.</summary>
        public long ConsolesRefused { get; private set; }

        /// <summary>Console sessions closed after Capacity.ConsoleIdleMs without a byte from their client.</summary>
        public long ConsolesIdledOut { get; private set; }

        /// <summary>Logins closed because they were not complete Capacity.LoginDeadlineMs after the connection.</summary>
        public long LoginsTimedOut { get; private set; }

        /// <summary>Peers (console clients, forwarded connections) closed because they stopped reading or their
        /// output overflowed its queue.</summary>
        public long PeersDropped { get; private set; }

        /// <summary>The network console's password (set by the host). Without one the console offers nothing.</summary>
        public ConsolePassword? Password { get; set; }

        /// <summary>Failed network console logins per address.</summary>
        public LoginGuard Logins { get; } = new LoginGuard();

        private void StartNetworkConsole(int connection, long now)
        {
            long wait = Logins.WaitMs(_peer, now);
            if (wait > 0)
            {
                ConsolesRefused++;
                Refuse(connection, (Logins.LastWaitWasGlobal ? "console refused: too many failed logins from everywhere lately" : "console refused: too many failed logins from this address or its network")
                    + "; try again in " + DecimalText.ToText((wait + 999) / 1000) + " s\r\n");
                return;
            }
            // One session per source address: one host cannot hold every slot (the others would get "busy").
            for (int i = 0; i < _consoleHandle.Length; i++)
            {
                if (_consoleHandle[i] == Sockets.NoSocket || !_consolePeer[i].HasAddress(_peer.Family, _peer.Address)) continue;
                ConsolesRefused++;
                Refuse(connection, "console busy: this address has a session open already\r\n");
                return;
            }
            for (int i = 0; i < _consoleHandle.Length; i++)
            {
                if (_consoleHandle[i] != Sockets.NoSocket) continue;
                _consoleHandle[i] = connection;
                _consoleLastInputMs[i] = now;
                _consoleAcceptedMs[i] = now;
                _consolePeer[i].CopyFrom(_peer);
                _consoleLocal[i].CopyFrom(_local);
                _consoleLocal[i].Port = _consolePort;
                if (_consoleOutput[i] == null)
                {
                    _consoleOutput[i] = new PendingOutput(Capacity.NetworkConsoleOutputBytes);
                    _consoleInput[i] = new byte[Capacity.ProxyBufferBytes];
                }
                _consoleOutput[i]!.Clear();
                _consoleInputCount[i] = 0;
                ConsoleSession session = new ConsoleSession(_rules, _log, new QueueOutput(_consoleOutput[i]!, _network, connection, _clock), now);
                session.Gateway = this;
                session.Password = Password;
                session.LoginRequired = true;
                _consoleSession[i] = session;
                session.Start();
                if (!_consoleOutput[i]!.Flush(_network, connection, now) || session.CloseRequested) CloseConsole(i);
                return;
            }
            ConsolesRefused++;
            Refuse(connection, "console busy\r\n");
        }

        private void Refuse(int connection, string why)
        {
            byte[] text = Utf8.Encode(why);
            _network.Send(connection, text, 0, text.Length);   // a courtesy: whatever fits now
            _network.Close(connection);
        }


        // Output first (what waits goes out as the peer's window opens); then input one line at a time, and
        // only while no output waits, so a client that sends without reading is held back (by TCP's own
        // flow control) instead of filling the queue.
        private void PumpConsoles(long now)
        {
            for (int i = 0; i < _consoleHandle.Length; i++)
            {
                if (_consoleHandle[i] == Sockets.NoSocket) continue;
                PendingOutput output = _consoleOutput[i]!;
                if (output.IsOverflowed || !output.Flush(_network, _consoleHandle[i], now) || output.IsStalled(now))
                {
                    if (output.IsOverflowed || !output.IsEmpty) PeersDropped++;
                    CloseConsole(i);
                    continue;
                }
                if (!output.IsEmpty) continue;
                ConsoleSession checking = _consoleSession[i]!;
                if (checking.IsChecking)
                {
                    // A password check takes a slice of every pass; the client's next lines wait in its socket.
                    checking.Tick();
                    AfterSessionStep(i, false, now);
                    continue;
                }
                if (!checking.LoggedIn && now - _consoleAcceptedMs[i] >= Capacity.LoginDeadlineMs)
                {
                    // The whole login has a deadline, not each byte: a client trickling bytes loses its slot, and
                    // the stalled login counts as a failed one (a holder is soon locked out).
                    LoginsTimedOut++;
                    Logins.Failed(_consolePeer[i], now);
                    byte[] late = Utf8.Encode("\r\nlogin took too long: session closed\r\n");
                    _network.Send(_consoleHandle[i], late, 0, late.Length);   // whatever fits now
                    CloseConsole(i);
                    continue;
                }
                byte[] input = _consoleInput[i]!;
                if (_consoleInputCount[i] == 0)
                {
                    if (!_network.IsReadable(_consoleHandle[i]))
                    {
                        long idleLimit = checking.LoggedIn ? Capacity.ConsoleIdleMs : Capacity.LoginIdleMs;
                        if (now - _consoleLastInputMs[i] < idleLimit) continue;
                        ConsolesIdledOut++;
                        byte[] bye = Utf8.Encode("\r\nidle too long: session closed\r\n");
                        _network.Send(_consoleHandle[i], bye, 0, bye.Length);   // whatever fits now
                        CloseConsole(i);
                        continue;
                    }
                    int n = _network.Receive(_consoleHandle[i], input, 0, input.Length);
                    if (n <= 0)
                    {
                        CloseConsole(i);
                        continue;
                    }
                    _consoleLastInputMs[i] = now;
                    _consoleInputStart[i] = 0;
                    _consoleInputCount[i] = n;
                }
                while (_consoleInputCount[i] > 0 && output.IsEmpty && _consoleHandle[i] != Sockets.NoSocket)
                {
                    int start = _consoleInputStart[i], line = 0;
                    while (line < _consoleInputCount[i] && input[start + line] != '\r' && input[start + line] != '\n') line++;
                    if (line < _consoleInputCount[i]) line++;   // the line end goes with its line
                    _consoleInputStart[i] += line;
                    _consoleInputCount[i] -= line;
                    for (int b = 0; b < line; b++) _buffer[b] = input[start + b];   // the session reads from offset 0
                    ConsoleSession session = _consoleSession[i]!;
                    bool wasLoggedIn = session.LoggedIn;
                    session.Receive(_buffer, line, now);
                    if (session.RebootRequested) RebootRequested = true;
                    AfterSessionStep(i, wasLoggedIn, now);
                    if (session.IsChecking) break;   // the rest of the input waits for the check
                }
            }
        }

        // After a session took input or advanced a password check: the login's outcome for the address,
        // then its output, then its end when it said its last word.
        private void AfterSessionStep(int i, bool wasLoggedIn, long now)
        {
            ConsoleSession session = _consoleSession[i]!;
            if (session.LoggedIn && !wasLoggedIn) Logins.Succeeded(_consolePeer[i], now);
            if (session.LoginFailed) Logins.Failed(_consolePeer[i], now);
            if (!_consoleOutput[i]!.Flush(_network, _consoleHandle[i], now) || session.CloseRequested) CloseConsole(i);
        }

        private void CloseConsole(int i)
        {
            _network.Close(_consoleHandle[i]);
            _consoleHandle[i] = Sockets.NoSocket;
            _consoleSession[i] = null;
        }

        /// <summary>Closes every connection (before a reboot or when the emulator stops).</summary>
        public void Shutdown()
        {
            for (int i = 0; i < _consoleHandle.Length; i++) if (_consoleHandle[i] != Sockets.NoSocket) CloseConsole(i);
            for (int i = 0; i < _tcpClient.Length; i++) if (_tcpClient[i] != Sockets.NoSocket) CloseForward(i);
            for (int i = 0; i < _udpUpstream.Length; i++) if (_udpUpstream[i] != Sockets.NoSocket) { _network.Close(_udpUpstream[i]); _udpUpstream[i] = Sockets.NoSocket; }
            for (int i = 0; i < _listenerCount; i++) _network.Close(_listenHandle[i]);
            _listenerCount = 0;
            _plannedGeneration = -1;
            CloseSight();
        }

        // Console text into the session's queue; PumpConsoles sends it. A long reply that would not fit
        // first sends what the peer takes now (still without waiting).
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
