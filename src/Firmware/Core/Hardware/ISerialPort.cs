// The console's serial line: COM2 on a board (pins from its profile), a pseudo-terminal in the emulator.
namespace Gateway.Core.Hardware
{
    /// <summary>A byte-oriented serial line, read without blocking.</summary>
    public interface ISerialPort
    {
        /// <summary>Bytes available now, copied into the buffer; 0 when none.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Writes all bytes; bytes a disconnected line cannot take are dropped.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
