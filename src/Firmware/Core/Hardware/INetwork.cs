// The sockets the gateway loop uses, shaped like nanoFramework's blocking Socket with Poll (there is no
// Select on the device): every socket is an int handle, every wait is a Poll with a timeout, and one
// loop polls them all. Handles keep Core free of generic collections; the budget (16 sockets, 8 TCP
// listeners on most boards) is the implementation's to enforce, as lwIP does on a board.
namespace Gateway.Core.Hardware
{
    /// <summary>TCP and UDP sockets by handle. A failed open returns <see cref="Sockets.NoSocket"/>.</summary>
    public interface INetwork
    {
        /// <summary>Opens a TCP listener on the gateway's address; Sockets.NoSocket when the port or the budget says no.</summary>
        int ListenTcp(int port);

        /// <summary>Opens a bound UDP socket: Sockets.NoSocket on failure.</summary>
        int BindUdp(int port);

        /// <summary>True when the socket has a connection to accept, data to read, or was closed by the peer.</summary>
        bool IsReadable(int handle);

        /// <summary>Accepts a pending connection; fills <paramref name="peer"/> and <paramref name="local"/>.</summary>
        int Accept(int listener, Endpoint peer, Endpoint local);

        /// <summary>Bytes read; 0 when the peer closed; -1 on error.</summary>
        int Receive(int handle, byte[] buffer, int offset, int count);

        /// <summary>Bytes sent, or -1 on error (the connection is then to be closed).</summary>
        int Send(int handle, byte[] buffer, int offset, int count);

        /// <summary>Receives a datagram, filling <paramref name="from"/>; -1 when none or on error.</summary>
        int ReceiveFrom(int handle, byte[] buffer, int offset, int count, Endpoint from);

        int SendTo(int handle, byte[] buffer, int offset, int count, Endpoint remote);

        /// <summary>Opens a TCP connection to a LAN host (bounded wait): Sockets.NoSocket on failure.</summary>
        int ConnectTcp(Endpoint remote);

        /// <summary>Opens a UDP socket for talking to one LAN host: Sockets.NoSocket on failure.</summary>
        int OpenUdp(Endpoint remote);

        /// <summary>Closes gracefully.</summary>
        void Close(int handle);

        /// <summary>Closes at once with an RST (linger 0): what a dropped connection attempt gets.</summary>
        void Reset(int handle);
    }
}
