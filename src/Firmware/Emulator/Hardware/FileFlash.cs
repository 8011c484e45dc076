// The emulator's flash: one file per name in a state directory, written whole. (Power cuts are injected on
// flash in memory by the core's tests, tests/Shared/Portable/MemoryFlash, on the desktop and on nanoCLR.)
using Gateway.Core.Hardware;

namespace Gateway.Emulator.Hardware;

/// <summary>Flash as files under a directory.</summary>
public sealed class FileFlash : IFlash
{
    private readonly string _directory;

    public FileFlash(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public int Length(string name)
    {
        var path = Path.Combine(_directory, name);
        return File.Exists(path) ? (int)new FileInfo(path).Length : -1;
    }

    public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count)
    {
        var path = Path.Combine(_directory, name);
        if (!File.Exists(path)) return 0;
        using var f = File.OpenRead(path);
        f.Position = offset;
        return f.Read(buffer, bufferOffset, count);
    }

    public void Write(string name, byte[] bytes, int count)
    {
        using var f = File.Create(Path.Combine(_directory, name));
        f.Write(bytes, 0, count);
    }
}
