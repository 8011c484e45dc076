// The emulator's serial port: a pseudo-terminal it creates (posix_openpt), so that picocom, socat or
// `gateway push --port /dev/pts/N` talk to it as to a board's USB-UART. The emulator keeps the slave
// side open in raw mode, so clients need no stty and a closing client does not hang up the line.
using System.Runtime.InteropServices;
using Gateway.Core.Hardware;

namespace Gateway.Emulator.Hardware;

/// <summary>ISerialPort on the master side of a pty; <see cref="Path"/> is the device clients open.</summary>
public sealed partial class PseudoTerminal : ISerialPort, IDisposable
{
    private const int ORdwr = 2, ONoctty = 0x100, ONonblock = 0x800;
    private const int FSetfl = 4, TcsaNow = 0, Eagain = 11, TermiosBytes = 256;

    private readonly int _master;
    private readonly int _slave;

    [LibraryImport("libc", SetLastError = true)] private static partial int posix_openpt(int flags);
    [LibraryImport("libc", SetLastError = true)] private static partial int grantpt(int fd);
    [LibraryImport("libc", SetLastError = true)] private static partial int unlockpt(int fd);
    [LibraryImport("libc", SetLastError = true)] private static partial IntPtr ptsname(int fd);
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] private static partial int Open(string path, int flags);
    [LibraryImport("libc", SetLastError = true)] private static partial int fcntl(int fd, int cmd, int arg);
    [LibraryImport("libc", SetLastError = true)] private static partial int tcgetattr(int fd, byte[] termios);
    [LibraryImport("libc", SetLastError = true)] private static partial int tcsetattr(int fd, int actions, byte[] termios);
    [LibraryImport("libc")] private static partial void cfmakeraw(byte[] termios);
    [LibraryImport("libc", SetLastError = true)] private static partial nint read(int fd, byte[] buffer, nint count);
    [LibraryImport("libc", SetLastError = true)] private static partial nint write(int fd, byte[] buffer, nint count);
    [LibraryImport("libc")] private static partial int close(int fd);

    /// <exception cref="IOException">The system gives no pseudo-terminal.</exception>
    public PseudoTerminal()
    {
        _master = posix_openpt(ORdwr | ONoctty);
        if (_master < 0 || grantpt(_master) != 0 || unlockpt(_master) != 0)
            throw new IOException($"cannot create a pseudo-terminal (errno {Marshal.GetLastPInvokeError()})");
        Path = Marshal.PtrToStringUTF8(ptsname(_master)) ?? throw new IOException("pseudo-terminal has no name");
        _slave = Open(Path, ORdwr | ONoctty);
        var termios = new byte[TermiosBytes];
        if (_slave >= 0 && tcgetattr(_slave, termios) == 0)
        {
            cfmakeraw(termios);
            _ = tcsetattr(_slave, TcsaNow, termios);
        }
        fcntl(_master, FSetfl, ONonblock);
    }

    /// <summary>The slave device, e.g. /dev/pts/3.</summary>
    public string Path { get; }

    public int Read(byte[] buffer, int offset, int count)
    {
        var chunk = offset == 0 ? buffer : new byte[count];
        nint n = read(_master, chunk, count);
        if (n <= 0) return 0;   // EAGAIN: nothing typed
        if (offset != 0) Array.Copy(chunk, 0, buffer, offset, (int)n);
        return (int)n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        var chunk = offset == 0 ? buffer : buffer[offset..(offset + count)];
        int done = 0;
        for (int tries = 0; done < count && tries < 50; tries++)
        {
            var rest = done == 0 ? chunk : chunk[done..count];
            nint n = write(_master, rest, count - done);
            if (n > 0) { done += (int)n; continue; }
            if (Marshal.GetLastPInvokeError() != Eagain) return;
            Thread.Sleep(2);   // the reader is slow; a board's UART would pace us the same way
        }
    }

    public void Dispose()
    {
        // Nothing useful can be done if closing fails at shutdown.
        _ = _slave >= 0 ? close(_slave) : 0;
        _ = close(_master);
    }
}
