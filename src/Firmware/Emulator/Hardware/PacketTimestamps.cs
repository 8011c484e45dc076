// The kernel's receive time of the last packet a socket read (Linux SIOCGSTAMPNS), so packets read from two
// raw sockets can be put back in the order they arrived. The first ask turns timestamping on for the socket
// (and answers ENOENT); from then on every packet is stamped on arrival, before it is queued.
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Gateway.Emulator.Hardware;

internal static partial class PacketTimestamps
{
    private const nuint SiocGStampNs = 0x8907;   // SIOCGSTAMPNS: struct timespec of the last packet read

    /// <summary>No time known: sorts after every stamped packet.</summary>
    public const long Unknown = long.MaxValue;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(nint fd, nuint request, [Out] long[] timespec);

    /// <summary>Turns stamping on for <paramref name="socket"/>.</summary>
    public static void Enable(Socket socket) => ioctl(socket.Handle, SiocGStampNs, new long[2]);

    /// <summary>Nanoseconds since the epoch at which the last packet read from <paramref name="socket"/> arrived,
    /// or <see cref="Unknown"/>. <paramref name="scratch"/> is two longs, reused so nothing is allocated.</summary>
    public static long LastReadNs(Socket socket, long[] scratch)
        => ioctl(socket.Handle, SiocGStampNs, scratch) == 0 ? scratch[0] * 1_000_000_000L + scratch[1] : Unknown;
}
