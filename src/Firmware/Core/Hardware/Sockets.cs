// Shared values of the socket layer.
namespace Gateway.Core.Hardware
{
    public static class Sockets
    {
        /// <summary>The handle of a socket that could not be opened.</summary>
        public const int NoSocket = -1;
    }
}
