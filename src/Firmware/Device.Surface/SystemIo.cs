// Surface of nanoFramework.System.IO.Streams, System.IO.FileSystem 1.1.x and System.IO.Ports 1.1.x (declarations only).
namespace System.IO
{
    public enum SeekOrigin { Begin = 0, Current = 1, End = 2 }
    public enum FileMode { CreateNew = 1, Create = 2, Open = 3, OpenOrCreate = 4, Truncate = 5, Append = 6 }
    public enum FileAccess { Read = 1, Write = 2, ReadWrite = 3 }

    public abstract class Stream : IDisposable
    {
        public abstract long Length { get; }
        public abstract int Read(byte[] buffer, int offset, int count);
        public abstract void Write(byte[] buffer, int offset, int count);
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract void Flush();
        public virtual void Close() { throw new NotImplementedException(); }
        public void Dispose() { throw new NotImplementedException(); }
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode, FileAccess access) { throw new NotImplementedException(); }
        public override long Length { get { throw new NotImplementedException(); } }
        public override int Read(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }
        public override void Write(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }
        public override long Seek(long offset, SeekOrigin origin) { throw new NotImplementedException(); }
        public override void Flush() { throw new NotImplementedException(); }
    }

    public static class File
    {
        public static bool Exists(string path) { throw new NotImplementedException(); }
        public static void Delete(string path) { throw new NotImplementedException(); }
        public static string ReadAllText(string path) { throw new NotImplementedException(); }
        public static byte[] ReadAllBytes(string path) { throw new NotImplementedException(); }
    }
}

namespace System.IO.Ports
{
    public enum Parity { None = 0, Odd = 1, Even = 2 }
    public enum StopBits { One = 1, Two = 2, OnePointFive = 3 }

    // System.IO.Ports@v1.1.139: sealed, one constructor with optional parameters.
    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { throw new NotImplementedException(); }
        public int ReadBufferSize { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }
        public int BytesToRead { get { throw new NotImplementedException(); } }
        public int ReadTimeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }
        public int WriteTimeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }
        public void Open() { throw new NotImplementedException(); }
        public void Close() { throw new NotImplementedException(); }
        public int Read(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }
        public void Write(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }
        public void Dispose() { throw new NotImplementedException(); }
    }
}
