// Flash in memory for the tests of both runtimes (the core's xUnit tests and the device tests on nanoCLR, so
// written for nanoFramework 1.x): up to eight named files, written whole. After CutPowerAfter the write in
// progress keeps only its first bytes (the old content is gone, as when littlefs truncates and rewrites) and
// every later write is dropped.
using System;
using Gateway.Core.Hardware;

namespace Gateway.Testing
{
    /// <summary>An in-memory IFlash that can lose power after a number of written bytes.</summary>
    internal sealed class MemoryFlash : IFlash
    {
        private const int MaxFiles = 8;
        private readonly string[] _names = Gateway.Core.Text.StringArrays.New(MaxFiles);
        private readonly byte[][] _data = new byte[MaxFiles][];
        private int _count;
        private long _bytesUntilPowerCut = long.MaxValue;

        /// <summary>Bytes written since creation (to find every offset of a commit).</summary>
        public long BytesWritten { get; private set; }

        /// <summary>True once the simulated power cut happened.</summary>
        public bool PowerLost { get; private set; }

        /// <summary>Lose power after this many more written bytes.</summary>
        public void CutPowerAfter(long bytes) { _bytesUntilPowerCut = bytes; }

        public int Length(string name)
        {
            int i = Find(name);
            return i < 0 ? -1 : _data[i].Length;
        }

        public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count)
        {
            int i = Find(name);
            if (i < 0 || offset >= _data[i].Length) return 0;
            int n = _data[i].Length - offset < count ? _data[i].Length - offset : count;
            Array.Copy(_data[i], offset, buffer, bufferOffset, n);
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
            int i = Find(name);
            if (i < 0)
            {
                if (_count == MaxFiles) throw new InvalidOperationException("MemoryFlash holds eight files");
                i = _count++;
                _names[i] = name;
            }
            byte[] copy = new byte[kept];
            Array.Copy(bytes, 0, copy, 0, kept);
            _data[i] = copy;
        }

        /// <summary>A copy of a file's bytes (none when there is no such file).</summary>
        public byte[] Contents(string name)
        {
            int i = Find(name);
            byte[] copy = new byte[i < 0 ? 0 : _data[i].Length];
            if (i >= 0) Array.Copy(_data[i], copy, copy.Length);
            return copy;
        }

        /// <summary>XORs one stored byte with <paramref name="mask"/> (a flash bit error).</summary>
        public void Flip(string name, int offset, byte mask)
        {
            int i = Find(name);
            if (i < 0) throw new InvalidOperationException("no file " + name);
            _data[i][offset] ^= mask;
        }

        private int Find(string name)
        {
            for (int i = 0; i < _count; i++) if (_names[i] == name) return i;
            return -1;
        }
    }
}
