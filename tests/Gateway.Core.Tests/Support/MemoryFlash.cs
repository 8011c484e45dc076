// Flash in memory: the IFlash contract (named files, written whole) without a disk. For fault injection it can
// be told to lose power after a number of written bytes: the write in progress keeps only its first bytes (the
// old content is gone, as when littlefs truncates and rewrites), and every later write is dropped, as the
// device tests' flash does on nanoCLR.
using Gateway.Core.Hardware;

namespace Gateway.Core.Tests.Support;

public sealed class MemoryFlash : IFlash
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private long _bytesUntilPowerCut = long.MaxValue;

    /// <summary>Bytes written since creation (to find every offset of a commit).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>True once the simulated power cut happened.</summary>
    public bool PowerLost { get; private set; }

    /// <summary>Lose power after this many more written bytes.</summary>
    public void CutPowerAfter(long bytes) => _bytesUntilPowerCut = bytes;

    /// <summary>A copy of a file's bytes (empty when there is none).</summary>
    public byte[] Contents(string name) => _files.TryGetValue(name, out var f) ? (byte[])f.Clone() : Array.Empty<byte>();

    public int Length(string name) => _files.TryGetValue(name, out var f) ? f.Length : -1;

    public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count)
    {
        if (!_files.TryGetValue(name, out var f) || offset >= f.Length) return 0;
        int n = Math.Min(count, f.Length - offset);
        Array.Copy(f, offset, buffer, bufferOffset, n);
        return n;
    }

    public void Write(string name, byte[] bytes, int count)
    {
        if (PowerLost) return;
        int kept = count;
        if (_bytesUntilPowerCut < count)
        {
            kept = (int)_bytesUntilPowerCut;
            PowerLost = true;
        }
        _bytesUntilPowerCut -= kept;
        BytesWritten += kept;
        _files[name] = bytes[..kept];
    }
}
