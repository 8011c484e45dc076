// Flash in memory: the IFlash contract (named files, written whole) without a disk.
using Gateway.Core.Hardware;

namespace Gateway.Core.Tests.Support;

public sealed class MemoryFlash : IFlash
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public int Length(string name) => _files.TryGetValue(name, out var f) ? f.Length : -1;

    public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count)
    {
        if (!_files.TryGetValue(name, out var f) || offset >= f.Length) return 0;
        int n = Math.Min(count, f.Length - offset);
        Array.Copy(f, offset, buffer, bufferOffset, n);
        return n;
    }

    public void Write(string name, byte[] bytes, int count) => _files[name] = bytes[..count];
}
