// The sockets the gateway loop uses, shaped like nanoFramework's blocking Socket with Poll (there is no
// Select on the device): every socket is an int handle, every wait is a Poll with a timeout, and one
// loop polls them all. No call waits on a peer: sends take what fits now, connects are started and then
// polled. Handles keep Core free of generic collections; the budget (16 sockets, 8 TCP listeners and 16
// active TCP connections on most boards) is the implementation's to enforce, as lwIP does on a board.
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

        /// <summary>Accepts a pending connection; fills <paramref name="peer"/> and <paramref name="local"/>. Call it
        /// only when <see cref="IsReadable"/> said the listener has one (on the device Accept waits until one comes).</summary>
        int Accept(int listener, Endpoint peer, Endpoint local);

        /// <summary>Bytes read; 0 when the peer closed; -1 on error.</summary>
        int Receive(int handle, byte[] buffer, int offset, int count);

        /// <summary>Sends what the socket takes now, without waiting for the peer: bytes taken (0 when its
        /// send buffer is full; the caller keeps the rest), or -1 on error (the connection is then to be closed).</summary>
        int Send(int handle, byte[] buffer, int offset, int count);

        /// <summary>Receives a datagram, filling <paramref name="from"/>; -1 when none or on error.</summary>
        int ReceiveFrom(int handle, byte[] buffer, int offset, int count, Endpoint from);

        int SendTo(int handle, byte[] buffer, int offset, int count, Endpoint remote);

        /// <summary>Starts a TCP connection to a LAN host and returns at once: the handle, to be watched with
        /// <see cref="ConnectState"/>, or Sockets.NoSocket when it cannot even start (budget, family).</summary>
        int ConnectTcp(Endpoint remote);

        /// <summary>Where a connection started by <see cref="ConnectTcp"/> stands, without waiting:
        /// Sockets.Connecting, Sockets.Connected or Sockets.ConnectFailed.</summary>
        int ConnectState(int handle);

        /// <summary>Opens a UDP socket for talking to one LAN host: Sockets.NoSocket on failure.</summary>
        int OpenUdp(Endpoint remote);

        /// <summary>Closes gracefully.</summary>
        void Close(int handle);

        /// <summary>Closes at once with an RST (linger 0): what a dropped connection attempt gets.</summary>
        void Reset(int handle);
    }
}
