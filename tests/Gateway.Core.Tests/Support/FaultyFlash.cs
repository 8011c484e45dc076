// Flash that misbehaves the ways real flash does besides a power cut: a write that lands with a flipped
// bit, a write that silently never happens (a worn or locked sector), and a read that returns nothing.
// Wraps another flash (in memory), so everything else behaves as it does.

namespace Gateway.Core.Tests.Support;

internal sealed class FaultyFlash : IFlash
{
    private readonly IFlash _inner;

    public FaultyFlash(IFlash inner) { _inner = inner; }

    /// <summary>Writes to this file land with one bit flipped in their middle byte.</summary>
    public string? FlipBitOnWrite { get; set; }

    /// <summary>Writes to this file are silently dropped: the old content stays.</summary>
    public string? DropWrites { get; set; }

    /// <summary>Reads of this file return no bytes, as on a read error.</summary>
    public string? FailReads { get; set; }

    /// <summary>Reads so far; a guard against a reader that retries a failing read for ever.</summary>
    public int Reads { get; private set; }

    public int Length(string name) => _inner.Length(name);

    public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count)
    {
        if (++Reads > 100_000) throw new InvalidOperationException("reader keeps retrying a read that returns nothing");
        return name == FailReads ? 0 : _inner.Read(name, offset, buffer, bufferOffset, count);
    }

    public void Write(string name, byte[] bytes, int count)
    {
        if (name == DropWrites) return;
        if (name == FlipBitOnWrite)
        {
            bytes = (byte[])bytes.Clone();
            bytes[count / 2] ^= 0x10;
        }
        _inner.Write(name, bytes, count);
    }
}
