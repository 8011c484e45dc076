// The gateway's own network console (TCP, by default port 2323 in the emulator): the same console as
// the serial one, over an accepted connection that the rules let through.
using Gateway.Core.Console;
using Gateway.Core.Hardware;
using Gateway.Core.Text;

namespace Gateway.Core.App
{
    public sealed partial class GatewayApp
    {
        private readonly int[] _consoleHandle = new int[Capacity.MaxNetworkConsoles];      // NoSocket = free slot
        private readonly ConsoleSession?[] _consoleSession = new ConsoleSession?[Capacity.MaxNetworkConsoles];

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

        private void StartNetworkConsole(int connection, long now)
        {
            for (int i = 0; i < _consoleHandle.Length; i++)
            {
                if (_consoleHandle[i] != Sockets.NoSocket) continue;
                _consoleHandle[i] = connection;
                ConsoleSession session = new ConsoleSession(_rules, _log, new SocketOutput(_network, connection), now);
                _consoleSession[i] = session;
                session.Start();
                return;
            }
            byte[] busy = Utf8.Encode("console busy\r\n");
            _network.Send(connection, busy, 0, busy.Length);
            _network.Close(connection);
        }

        private void PumpConsoles(long now)
        {
            for (int i = 0; i < _consoleHandle.Length; i++)
            {
                if (_consoleHandle[i] == Sockets.NoSocket || !_network.IsReadable(_consoleHandle[i])) continue;
                int n = _network.Receive(_consoleHandle[i], _buffer, 0, _buffer.Length);
                if (n <= 0)
                {
                    _network.Close(_consoleHandle[i]);
                    _consoleHandle[i] = Sockets.NoSocket;
                    _consoleSession[i] = null;
                    continue;
                }
                _consoleSession[i]!.Receive(_buffer, n, now);
                if (_consoleSession[i]!.RebootRequested) RebootRequested = true;
            }
        }

        /// <summary>Closes every connection (before a reboot or when the emulator stops).</summary>
        public void Shutdown()
        {
            for (int i = 0; i < _consoleHandle.Length; i++) if (_consoleHandle[i] != Sockets.NoSocket) { _network.Close(_consoleHandle[i]); _consoleHandle[i] = Sockets.NoSocket; }
            for (int i = 0; i < _tcpClient.Length; i++)
            {
                if (_tcpClient[i] == Sockets.NoSocket) continue;
                _network.Close(_tcpClient[i]);
                _network.Close(_tcpUpstream[i]);
                _tcpClient[i] = Sockets.NoSocket;
            }
            for (int i = 0; i < _udpUpstream.Length; i++) if (_udpUpstream[i] != Sockets.NoSocket) { _network.Close(_udpUpstream[i]); _udpUpstream[i] = Sockets.NoSocket; }
            for (int i = 0; i < _listenerCount; i++) _network.Close(_listenHandle[i]);
            _listenerCount = 0;
            _plannedGeneration = -1;
        }

        private sealed class SocketOutput : IConsoleOutput
        {
            private readonly INetwork _network;
            private readonly int _handle;

            public SocketOutput(INetwork network, int handle)
            {
                _network = network;
                _handle = handle;
            }

            public void Write(string text)
            {
                byte[] bytes = Utf8.Encode(text);
                _network.Send(_handle, bytes, 0, bytes.Length);
            }
        }
    }
}
