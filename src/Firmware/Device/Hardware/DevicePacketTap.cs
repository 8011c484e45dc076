// Packet sight on the board: one lwIP raw socket per protocol (TCP, UDP), bound to any address. lwIP
// hands a raw socket a copy of each inbound IPv4 packet, header included, before TCP or UDP sees it, and
// still answers the packet itself (RST or ICMP port unreachable on a closed port). Read from nanoFramework's
// sources (System.Net @713b02c, nf-interpreter @a3e8139a), not yet run on a board:
// - Receive (not ReceiveFrom, which makes four objects per call) after Poll(0, SelectRead); a datagram
//   longer than the buffer is cut to it, which is all the header parser needs;
// - each raw socket holds 6 packets (DEFAULT_RAW_RECVMBOX_SIZE) and drops beyond that without telling,
//   so the loop drains the tap first in every pass; a lost SYN to a guarded port is judged at accept;
// - each raw socket counts against the board's socket budget (Sockets below).
using System.Net;
using System.Net.Sockets;
using Gateway.Core.Hardware;

namespace Gateway.Device.Hardware
{
    public sealed class DevicePacketTap : IPacketTap
    {
        /// <summary>Sockets the tap takes from the board's budget.</summary>
        public const int Sockets = 2;

        private readonly Socket?[] _sockets = new Socket?[Sockets];
        private int _next;   // read first on the next call, so neither protocol starves the other

        public long Lost { get { return 0; } }   // lwIP drops a full raw queue silently

        /// <summary>lwIP's raw sockets get the frame as received, before tcp_input/udp_input check the checksum.</summary>
        public bool ChecksumsComplete { get { return true; } }

        public string Open()
        {
            try
            {
                _sockets[0] = OpenRaw(ProtocolType.Tcp);
                _sockets[1] = OpenRaw(ProtocolType.Udp);
                return "";
            }
            catch (SocketException e)
            {
                Close();
                return "no raw sockets: error " + e.ErrorCode.ToString();
            }
        }

        private static Socket OpenRaw(ProtocolType protocol)
        {
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Raw, protocol);
            try
            {
                s.Bind(new IPEndPoint(IPAddress.Any, 0));
                return s;
            }
            catch (SocketException)
            {
                s.Close();
                throw;
            }
        }

        public int Take(byte[] buffer, int offset, int count)
        {
            for (int k = 0; k < Sockets; k++)
            {
                int i = (_next + k) % Sockets;
                Socket? s = _sockets[i];
                if (s == null) continue;
                try
                {
                    if (!s.Poll(0, SelectMode.SelectRead)) continue;
                    int n = s.Receive(buffer, offset, count, SocketFlags.None);
                    if (n <= 0) continue;
                    _next = (i + 1) % Sockets;
                    return n;
                }
                catch (SocketException) { }
            }
            return 0;
        }

        public void Close()
        {
            for (int i = 0; i < Sockets; i++)
            {
                if (_sockets[i] != null) _sockets[i]!.Close();
                _sockets[i] = null;
            }
        }
    }
}
