// Where the package reader pulls bytes from: a file on the device's flash, a buffer in tests.
namespace Gateway.Core.Package
{
    /// <summary>A forward-only source of bytes.</summary>
    public interface IByteSource
    {
        /// <summary>Reads up to <paramref name="count"/> bytes into buffer[offset..]; 0 at the end.</summary>
        int Read(byte[] buffer, int offset, int count);
    }
}
