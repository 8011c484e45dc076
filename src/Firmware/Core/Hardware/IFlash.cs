// Persistent storage as the device has it: small named files on littlefs (I:\ on an ESP32), written
// whole. A write may be cut short by a power failure at any byte; Storage/RuleStore copes with that.
namespace Gateway.Core.Hardware
{
    /// <summary>Named files in flash. Implemented by the device (littlefs) and the emulator (a directory).</summary>
    public interface IFlash
    {
        /// <summary>Length of a file in bytes, or -1 when it does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="offset"/>; returns bytes read.</summary>
        int Read(string name, int offset, byte[] buffer, int bufferOffset, int count);

        /// <summary>Replaces a file with bytes[0..count). Not atomic: a power cut may leave any prefix.</summary>
        void Write(string name, byte[] bytes, int count);
    }
}
