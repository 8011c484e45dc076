// The emulator's flash: one file per name in a state directory. For fault injection it can be told to
// lose power after a number of written bytes: the write in progress keeps only its first bytes (the
// old content is gone, as when littlefs truncates and rewrites), and every later write is dropped.
using Gateway.Core.Hardware;

namespace Gateway.Emulator.Hardware;

/// <summary>Flash as files under a directory, with an optional power cut.</summary>
public sealed class FileFlash : IFlash
{
    private readonly string _directory;
    private long _bytesUntilPowerCut = long.MaxValue;

    public FileFlash(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Bytes written since creation (to find every offset of a commit).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>True once the simulated power cut happened.</summary>
    public bool PowerLost { get; private set; }

    /// <summary>Lose power after this many more written bytes.</summary>
    public void CutPowerAfter(long bytes) => _bytesUntilPowerCut = bytes;

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
        if (PowerLost) return;
        int kept = count;
        if (_bytesUntilPowerCut < count)
        {
            kept = (int)_bytesUntilPowerCut;
            PowerLost = true;
        }
        _bytesUntilPowerCut -= kept;
        BytesWritten += kept;
        using var f = File.Create(Path.Combine(_directory, name));
        f.Write(bytes, 0, kept);
    }
}
