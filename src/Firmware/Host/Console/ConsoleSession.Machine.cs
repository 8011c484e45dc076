// Machine mode, for the `gateway` CLI: lines starting with '!' get exactly one reply line starting with
// "ok" or "error" (downloads and list dumps add data lines and end with "end"). Uploads arrive in chunks,
// each checked by offset and CRC-32; only "!upload commit" with the whole package's CRC right replaces
// the rules, through the same validate-compile-store-swap path as every change. Anything else leaves the
// running rules alone.
using Gateway.Core;
using Gateway.Core.AddressLists;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Storage;
using Gateway.Core.Tables;
using Gateway.Core.Text;

namespace Gateway.Host.Console
{
    public sealed partial class ConsoleSession
    {
        private byte[]? _upload;
        private int _uploadSize;
        private int _uploadReceived;
        private uint _uploadCrc;
        private long _uploadLastMs;

        private void Machine(string line)
        {
            string[] words = line.Split(' ');
            string command = words[0];
            if (command == MachineProtocol.Status) { MachineStatus(); return; }
            if (command == MachineProtocol.Download) { Download(); return; }
            if (command == MachineProtocol.Lists) { Lists(); return; }
            if (command == MachineProtocol.Upload && words.Length >= 2)
            {
                switch (words[1])
                {
                    case MachineProtocol.UploadBegin: UploadBegin(words); return;
                    case MachineProtocol.UploadData: UploadData(words); return;
                    case MachineProtocol.UploadCommit: UploadCommit(); return;
                    case MachineProtocol.UploadAbort: _upload = null; Reply(true, MachineProtocol.Ok, "upload aborted"); return;
                }
            }
            Reply(true, MachineProtocol.Error, "unknown machine command " + line);
        }

        private void MachineStatus()
        {
            TextBuffer b = new TextBuffer(160);
            b.Append("{\"tableId\":\""); b.Append(_rules.TableId);
            b.Append("\",\"default\":"); b.Append(_rules.IsDefault ? "true" : "false");
            b.Append(",\"commit\":"); b.AppendInt(_rules.Store.CurrentSequence);
            b.Append(",\"ipRules\":"); b.AppendInt(_rules.RuleSet.Ipv4.RuleCount);
            b.Append(",\"ipv6Rules\":"); b.AppendInt(_rules.RuleSet.Ipv6.RuleCount);
            b.Append(",\"ipEntries\":"); b.AppendInt(_rules.Engine!.Table.Ipv4Lists.Count);
            b.Append(",\"ipv6Entries\":"); b.AppendInt(_rules.Engine.Table.Ipv6Lists.Count);
            b.Append(",\"evictions\":"); b.AppendInt(_rules.Engine.Table.Ipv4Lists.Evictions + _rules.Engine.Table.Ipv6Lists.Evictions);
            b.Append(",\"uptimeMs\":"); b.AppendInt(_nowMs - _rules.StartedAtMs);
            b.Append(",\"sessionMs\":"); b.AppendInt(_nowMs - _startMs);
            if (Gateway != null) Gateway.AppendMachineStatus(b);
            AppendMachineHeap(b);
            b.Append('}');
            Reply(true, MachineProtocol.Ok, b.ToString());
        }

        // heapFreeBytes (a board) or heapUsedBytes (the emulator), after a collection; absent without a gauge.
        private void AppendMachineHeap(TextBuffer b)
        {
            if (Heap == null) return;
            b.Append(Heap.CountsFree ? ",\"heapFreeBytes\":" : ",\"heapUsedBytes\":");
            b.AppendInt(Heap.Collect());
        }

        // "!upload begin SIZE CRC32": size in bytes, CRC-32 of the whole package in hex.
        private void UploadBegin(string[] words)
        {
            _upload = null;
            if (words.Length != 4 || !DecimalText.TryParseInt(words[2], 0, words[2].Length, _rules.MaxPackageBytes, out int size) || size == 0 || !Hex.TryParse32(words[3], out uint crc))
            {
                Reply(true, MachineProtocol.Error, "usage: !upload begin SIZE CRC32 (size 1-" + DecimalText.ToText(_rules.MaxPackageBytes) + ")");
                return;
            }
            _upload = new byte[size];
            _uploadSize = size;
            _uploadReceived = 0;
            _uploadCrc = crc;
            _uploadLastMs = _nowMs;
            Reply(true, MachineProtocol.Ok, "0");
        }

        // "!upload data OFFSET HEX CRC32": the next chunk, in order, with its own CRC.
        private void UploadData(string[] words)
        {
            if (_upload == null) { Reply(true, MachineProtocol.Error, "no upload in progress"); return; }
            if (words.Length != 5 || !DecimalText.TryParseInt(words[2], 0, words[2].Length, _uploadSize, out int offset) || !Hex.TryParse32(words[4], out uint crc))
            {
                Reply(true, MachineProtocol.Error, "usage: !upload data OFFSET HEX CRC32");
                return;
            }
            string hex = words[3];
            int count = hex.Length / 2;
            if (offset != _uploadReceived) { Reply(true, MachineProtocol.Error, "expected offset " + DecimalText.ToText(_uploadReceived)); return; }
            if (hex.Length % 2 != 0 || count == 0 || count > Capacity.ConsoleChunkBytes || offset + count > _uploadSize)
            {
                Reply(true, MachineProtocol.Error, "chunk must be 1-" + DecimalText.ToText(Capacity.ConsoleChunkBytes) + " bytes of hex within the announced size");
                return;
            }
            for (int i = 0; i < count; i++)
            {
                int high = Hex.Value(hex[2 * i]), low = Hex.Value(hex[2 * i + 1]);
                if (high < 0 || low < 0) { Reply(true, MachineProtocol.Error, "chunk is not hex"); return; }
                _upload[offset + i] = (byte)(high * 16 + low);
            }
            if (Crc32.Of(_upload, offset, count) != crc) { Reply(true, MachineProtocol.Error, "chunk CRC mismatch at offset " + DecimalText.ToText(offset) + "; send it again"); return; }
            _uploadReceived += count;
            _uploadLastMs = _nowMs;
            Reply(true, MachineProtocol.Ok, DecimalText.ToText(_uploadReceived));
        }

        private void UploadCommit()
        {
            byte[]? upload = _upload;
            _upload = null;
            if (upload == null) { Reply(true, MachineProtocol.Error, "no upload in progress"); return; }
            if (_uploadReceived != _uploadSize) { Reply(true, MachineProtocol.Error, "upload incomplete: " + DecimalText.ToText(_uploadReceived) + " of " + DecimalText.ToText(_uploadSize) + " bytes; rules unchanged"); return; }
            if (Crc32.Of(upload, 0, _uploadSize) != _uploadCrc) { Reply(true, MachineProtocol.Error, "package CRC mismatch; rules unchanged"); return; }
            PackageResult result = _rules.ApplyPackage(upload, _uploadSize, _nowMs);
            if (!result.IsOk) { Reply(true, MachineProtocol.Error, "rules rejected: " + result.ToString() + "; rules unchanged"); return; }
            Reply(true, MachineProtocol.Ok, _rules.TableId);
        }

        private void ExpireUpload(long nowMs)
        {
            if (_upload == null || nowMs - _uploadLastMs < Capacity.UploadIdleTimeoutMs) return;
            _upload = null;
            Reply(true, MachineProtocol.Error, "upload abandoned after " + DecimalText.ToText(Capacity.UploadIdleTimeoutMs / 1000) + "s without data; rules unchanged");
        }

        // "ok SIZE CRC32", then "data OFFSET HEX" lines of the stored package, then "end".
        private void Download()
        {
            RuleStore store = _rules.Store;
            if (_rules.IsDefault || store.CurrentSlot < 0) { Reply(true, MachineProtocol.Error, "no stored rules: the built-in default is running"); return; }
            byte[] chunk = new byte[Capacity.ConsoleChunkBytes];
            uint crc = Crc32.Initial;
            for (int at = 0; at < store.CurrentLength; at += chunk.Length)
            {
                int n = store.ReadCurrent(at, chunk, 0, chunk.Length);
                crc = Crc32.Update(crc, chunk, 0, n);
            }
            Reply(true, MachineProtocol.Ok, DecimalText.ToText(store.CurrentLength) + " " + Hex.ToText(Crc32.Final(crc), 8));
            TextBuffer b = new TextBuffer(Capacity.ConsoleChunkBytes * 2 + 16);
            for (int at = 0; at < store.CurrentLength; at += chunk.Length)
            {
                int n = store.ReadCurrent(at, chunk, 0, chunk.Length);
                b.Clear();
                b.Append(MachineProtocol.DataLine); b.Append(' ');
                b.AppendInt(at);
                b.Append(' ');
                for (int i = 0; i < n; i++) { b.Append(Hex.Digit(chunk[i] >> 4)); b.Append(Hex.Digit(chunk[i] & 0xF)); }
                b.Append('\n');
                _out.Write(b.ToString());
            }
            _out.Write(MachineProtocol.End + "\n");
        }

        // "ok N", then N lines "entry FAMILY LIST ADDRESS LIFE" (LIFE: ms left, none-dynamic or static), then "end".
        private void Lists()
        {
            Table table = _rules.Engine!.Table;
            TextBuffer b = new TextBuffer(256);
            int n = 0;
            for (int f = 0; f < 2; f++)
            {
                Family family = f == 0 ? Family.Ipv4 : Family.Ipv6;
                AddressListStore s = table.Lists(family);
                uint[] low = new uint[4], high = new uint[4];
                for (int e = 0; e < s.Capacity; e++)
                {
                    if (!s.IsLive(e, _nowMs)) continue;
                    s.CopyAddress(e, low);
                    Entry(b, family, table.Filter(family).ListName(s.ListOf(e)), AddressMatch.OfAddress(family, low).ToString(), s.KindOf(e), s.ExpiresAtMs(e));
                    n++;
                }
                for (int r = 0; r < s.RangeCount; r++)
                {
                    if (_nowMs >= s.RangeExpiresAtMs(r)) continue;
                    s.CopyRange(r, low, high);
                    Entry(b, family, table.Filter(family).ListName(s.RangeListOf(r)), AddressMatch.OfRange(family, low, high).ToString(), s.RangeKindOf(r), s.RangeExpiresAtMs(r));
                    n++;
                }
            }
            Reply(true, MachineProtocol.Ok, DecimalText.ToText(n));
            _out.Write(b.ToString());
            _out.Write(MachineProtocol.End + "\n");
        }

        private void Entry(TextBuffer b, Family family, string list, string address, ListTimeoutKind kind, long expiresAtMs)
        {
            b.Append(MachineProtocol.EntryLine); b.Append(' ');
            b.Append(family == Family.Ipv4 ? "ip " : "ipv6 ");
            b.Append(list);
            b.Append(' ');
            b.Append(address);
            b.Append(' ');
            if (kind == ListTimeoutKind.Timed) b.AppendInt(expiresAtMs - _nowMs);
            else b.Append(kind == ListTimeoutKind.Static ? MachineProtocol.StaticLife : PropertyValues.NoneDynamic);
            b.Append('\n');
        }
    }
}
