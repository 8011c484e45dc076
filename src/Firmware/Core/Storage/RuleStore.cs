// Stores rule packages so that a power cut at any byte leaves the previous rules in place: a package is
// written to the inactive slot, read back and checked, and only then made current by one small commit
// record. Two record files alternate; each record carries a sequence number, the slot, the package's
// length and CRC, and its own CRC. On start the valid record with the highest sequence whose slot still
// matches its CRC wins; with none, the caller runs its built-in rules.
using Gateway.Core.Hardware;

namespace Gateway.Core.Storage
{
    /// <summary>Two package slots and two commit records in flash.</summary>
    public sealed class RuleStore
    {
        /// <summary>Slot files (packages) and record files (commit records), by index 0 and 1.</summary>
        public static readonly string[] SlotNames = { "rules-a.pkg", "rules-b.pkg" };
        public static readonly string[] RecordNames = { "commit-a.rec", "commit-b.rec" };

        private const uint Magic = 0x47575243;        // "GWRC"
        private const int RecordBytes = 4 + 4 + 4 + 4 + 4 + 4;   // magic, sequence, slot, length, package crc, record crc
        private const int ChunkBytes = 256;

        private readonly IFlash _flash;
        private readonly int _maxPackageBytes;
        private readonly byte[] _record = new byte[RecordBytes];
        private readonly byte[] _chunk = new byte[ChunkBytes];

        /// <param name="maxPackageBytes">Largest package accepted for storing.</param>
        public RuleStore(IFlash flash, int maxPackageBytes)
        {
            _flash = flash;
            _maxPackageBytes = maxPackageBytes;
        }

        /// <summary>Sequence number of the current package, 0 when there is none.</summary>
        public uint CurrentSequence { get; private set; }
        /// <summary>Slot of the current package, -1 when there is none.</summary>
        public int CurrentSlot { get; private set; } = -1;
        /// <summary>Length of the current package in bytes.</summary>
        public int CurrentLength { get; private set; }

        /// <summary>Finds the newest committed package whose bytes are intact.</summary>
        /// <returns>True when there is one (see <see cref="CurrentSlot"/> and <see cref="CurrentLength"/>).</returns>
        public bool Open()
        {
            CurrentSequence = 0;
            CurrentSlot = -1;
            CurrentLength = 0;
            uint bestSequence = 0;
            for (int r = 0; r < RecordNames.Length; r++)
            {
                if (!ReadRecord(r, out uint sequence, out int slot, out int length, out uint crc)) continue;
                if (sequence <= bestSequence) continue;
                if (SlotCrc(slot, length) != crc) continue;
                bestSequence = sequence;
                CurrentSequence = sequence;
                CurrentSlot = slot;
                CurrentLength = length;
            }
            return CurrentSlot >= 0;
        }

        /// <summary>Reads part of the current package (for the package reader's byte source).</summary>
        public int ReadCurrent(int offset, byte[] buffer, int bufferOffset, int count)
        {
            if (CurrentSlot < 0 || offset >= CurrentLength) return 0;
            if (count > CurrentLength - offset) count = CurrentLength - offset;
            return _flash.Read(SlotNames[CurrentSlot], offset, buffer, bufferOffset, count);
        }

        /// <summary>Writes a package to the inactive slot, verifies it, and commits it.</summary>
        /// <returns>Null on success, else why nothing changed.</returns>
        public string? Commit(byte[] package, int length)
        {
            if (length <= 0 || length > _maxPackageBytes) return "package size out of range";
            // The last sequence number has no successor (0 means "none"): only a forged or damaged record gets
            // here (4 billion commits would), and it is refused with a reason rather than wrapped around.
            if (CurrentSequence == uint.MaxValue) return "commit sequence exhausted: the stored commit record claims the last sequence number";
            int slot = CurrentSlot == 0 ? 1 : 0;
            uint crc = Crc32.Of(package, 0, length);
            _flash.Write(SlotNames[slot], package, length);
            if (_flash.Length(SlotNames[slot]) != length || SlotCrc(slot, length) != crc) return "flash verify failed: the package did not read back intact";
            uint sequence = CurrentSequence + 1;
            // Records alternate by the parity of their sequence, so this overwrites the older one (or a torn one).
            int record = RecordFor(sequence);
            WriteRecord(record, sequence, slot, length, crc);
            if (!ReadRecord(record, out uint check, out int checkSlot, out int checkLength, out uint checkCrc)
                || check != sequence || checkSlot != slot || checkLength != length || checkCrc != crc)
                return "flash verify failed: the commit record did not read back intact";
            CurrentSequence = sequence;
            CurrentSlot = slot;
            CurrentLength = length;
            return null;
        }

        // Which record file holds the given sequence (records alternate by parity), -1 for none.
        private static int RecordFor(uint sequence) { return sequence == 0 ? -1 : (int)(sequence % 2); }

        private uint SlotCrc(int slot, int length)
        {
            if (_flash.Length(SlotNames[slot]) < length) return 0;
            uint crc = Crc32.Initial;
            int done = 0;
            while (done < length)
            {
                int want = length - done < ChunkBytes ? length - done : ChunkBytes;
                int got = _flash.Read(SlotNames[slot], done, _chunk, 0, want);
                if (got <= 0) return 0;
                crc = Crc32.Update(crc, _chunk, 0, got);
                done += got;
            }
            return Crc32.Final(crc);
        }

        private void WriteRecord(int record, uint sequence, int slot, int length, uint crc)
        {
            Put(0, Magic);
            Put(4, sequence);
            Put(8, (uint)slot);
            Put(12, (uint)length);
            Put(16, crc);
            Put(20, Crc32.Of(_record, 0, 20));
            _flash.Write(RecordNames[record], _record, RecordBytes);
        }

        private bool ReadRecord(int record, out uint sequence, out int slot, out int length, out uint crc)
        {
            sequence = 0;
            slot = -1;
            length = 0;
            crc = 0;
            if (_flash.Length(RecordNames[record]) != RecordBytes) return false;
            if (_flash.Read(RecordNames[record], 0, _record, 0, RecordBytes) != RecordBytes) return false;
            if (Get(0) != Magic || Get(20) != Crc32.Of(_record, 0, 20)) return false;
            sequence = Get(4);
            uint s = Get(8);
            uint l = Get(12);
            if (s > 1 || l == 0 || l > (uint)_maxPackageBytes || sequence == 0 || RecordFor(sequence) != record) return false;
            slot = (int)s;
            length = (int)l;
            crc = Get(16);
            return true;
        }

        private void Put(int at, uint value)
        {
            _record[at] = (byte)value;
            _record[at + 1] = (byte)(value >> 8);
            _record[at + 2] = (byte)(value >> 16);
            _record[at + 3] = (byte)(value >> 24);
        }

        private uint Get(int at)
        {
            return _record[at] | ((uint)_record[at + 1] << 8) | ((uint)_record[at + 2] << 16) | ((uint)_record[at + 3] << 24);
        }
    }
}
