// Shared values of the socket layer.
namespace Gateway.Core.Hardware
{
    public static class Sockets
    {
        /// <summary>The handle of a socket that could not be opened.</summary>
        public const int NoSocket = -1;

        /// <summary>ConnectState: the attempt is still going.</summary>
        public const int Connecting = 0;
        /// <summary>ConnectState: connected; data may flow.</summary>
        public const int Connected = 1;
        /// <summary>ConnectState: refused, unreachable or aborted; close the handle.</summary>
        public const int ConnectFailed = -1;
    }
}
