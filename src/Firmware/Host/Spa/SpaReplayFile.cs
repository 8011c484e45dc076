// The replay cache kept across restarts, as fwknopd keeps its digest cache on disk: after a reboot a datagram
// the gateway accepted before must still be a replay. Rewritten whole (magic, count, entries, CRC-32) after
// each accepted datagram, which people send by hand, so flash wear is a grant's, not a packet's. A file that is
// there but damaged (a power cut while writing) cannot say what was accepted: the doorway then refuses every
// datagram stamped before the restart plus the longest maximum age (fail closed). No file: nothing was ever accepted.
using Gateway.Core.Hardware;
using Gateway.Core.Storage;
using Gateway.Crypto.Spa;

namespace Gateway.Host.Spa
{
    public sealed class SpaReplayFile
    {
        public const string FileName = "spa-replay";
        private const uint Magic = 0x52535747;   // "GWSR"
        private const int HeaderBytes = 8, CrcBytes = 4;

        private readonly IFlash _flash;
        private readonly byte[] _file;

        public SpaReplayFile(IFlash flash, int capacity)
        {
            _flash = flash;
            _file = new byte[HeaderBytes + capacity * ReplayCache.EntryBytes + CrcBytes];
        }

        /// <summary>Restores <paramref name="cache"/>: true when the file is intact or absent (nothing accepted), false
        /// when it is there but cannot be read back whole.</summary>
        public bool Load(ReplayCache cache)
        {
            int length = _flash.Length(FileName);
            if (length < 0) return true;
            if (length < HeaderBytes + CrcBytes || length > _file.Length) return false;
            if (_flash.Read(FileName, 0, _file, 0, length) != length) return false;
            int count = (int)Get(4);
            if (Get(0) != Magic || count < 0 || length != HeaderBytes + count * ReplayCache.EntryBytes + CrcBytes
                || Get(length - CrcBytes) != Crc32.Of(_file, 0, length - CrcBytes)) return false;
            return cache.ReadEntries(_file, HeaderBytes, count);
        }

        /// <summary>Writes the entries of <paramref name="cache"/> live at <paramref name="nowSeconds"/>.</summary>
        public void Save(ReplayCache cache, long nowSeconds)
        {
            int count = cache.WriteLive(nowSeconds, _file, HeaderBytes);
            int length = HeaderBytes + count * ReplayCache.EntryBytes + CrcBytes;
            Put(0, Magic);
            Put(4, (uint)count);
            Put(length - CrcBytes, Crc32.Of(_file, 0, length - CrcBytes));
            _flash.Write(FileName, _file, length);
        }

        private void Put(int at, uint value)
        {
            _file[at] = (byte)value; _file[at + 1] = (byte)(value >> 8); _file[at + 2] = (byte)(value >> 16); _file[at + 3] = (byte)(value >> 24);
        }

        private uint Get(int at)
        {
            return (uint)(_file[at] | (_file[at + 1] << 8) | (_file[at + 2] << 16) | (_file[at + 3] << 24));
        }
    }
}
