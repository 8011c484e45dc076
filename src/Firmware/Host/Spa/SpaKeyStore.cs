// SPA keys by door name, on the device's flash only: set on the serial console (/spa key set), never in a
// rule package, a pulled source, an export or a log. One small file, written whole, with a CRC: a missing or
// damaged file means no keys, and a door without keys opens nothing (fail closed). Kept as fwknop gives them
// (base64 text), checked by SpaKeys before they are stored. print shows a fingerprint, never a key.
using Gateway.Core.Hardware;
using Gateway.Core.Storage;
using Gateway.Core.Text;
using Gateway.Crypto;
using Gateway.Crypto.Spa;

namespace Gateway.Host.Spa
{
    public sealed class SpaKeyStore
    {
        public const string FileName = "spa-keys";
        public const int MaxKeys = Gateway.Core.Capacity.MaxSpaDoors;
        private const uint Magic = 0x4B535747;   // "GWSK"
        // name (63), the two keys' base64 (44 and 172 characters at most) and separators, per door.
        private const int MaxFileBytes = 12 + MaxKeys * 288;

        private readonly IFlash _flash;
        private readonly string[] _name = StringArrays.New(MaxKeys);
        private readonly string[] _key = StringArrays.New(MaxKeys);
        private readonly string[] _hmacKey = StringArrays.New(MaxKeys);
        private int _count;

        public SpaKeyStore(IFlash flash)
        {
            _flash = flash;
            Load();
        }

        public int Count { get { return _count; } }
        public string NameAt(int i) { return _name[i]; }
        /// <summary>Changes whenever a key is set or removed, so the doors take the new keys.</summary>
        public int Generation { get; private set; }
        /// <summary>True when the file was present but damaged at start (no keys were taken from it).</summary>
        public bool WasDamaged { get; private set; }

        /// <summary>Stores the keys of door <paramref name="name"/> (replacing any): "" when done, otherwise why not.</summary>
        public string Set(string name, string key, string hmacKey)
        {
            if (!Gateway.Core.Model.PropertyValues.IsValidName(name) || !IsPlainAscii(name)) return "name must be the spa door's name (printable ASCII, no spaces)";
            SpaKeys check = new SpaKeys();
            byte[] k = Utf8.Encode(key), h = Utf8.Encode(hmacKey);
            if (k.Length > 64 || h.Length > 200 || !check.Set(k, 0, k.Length, h, 0, h.Length))
                return "key must be base64 of 1-32 bytes and hmac-key base64 of 1-128 bytes, not the same (gateway spa keygen, or fwknop --key-gen, makes both)";
            int i = IndexOf(name);
            if (i < 0)
            {
                if (_count == MaxKeys) return "at most " + DecimalText.ToText(MaxKeys) + " doors' keys; remove one first";
                i = _count++;
            }
            _name[i] = name;
            _key[i] = key;
            _hmacKey[i] = hmacKey;
            return Save();
        }

        /// <summary>Forgets the keys of door <paramref name="name"/>: "" when done, otherwise why not.</summary>
        public string Remove(string name)
        {
            int i = IndexOf(name);
            if (i < 0) return "no keys for spa door " + name;
            _count--;
            _name[i] = _name[_count]; _key[i] = _key[_count]; _hmacKey[i] = _hmacKey[_count];
            _name[_count] = ""; _key[_count] = ""; _hmacKey[_count] = "";
            return Save();
        }

        /// <summary>Sets <paramref name="keys"/> to door <paramref name="name"/>'s keys; false when it has none.</summary>
        public bool Apply(string name, SpaKeys keys)
        {
            int i = IndexOf(name);
            if (i < 0) return false;
            byte[] k = Utf8.Encode(_key[i]), h = Utf8.Encode(_hmacKey[i]);
            return keys.Set(k, 0, k.Length, h, 0, h.Length);
        }

        /// <summary>What print shows instead of the keys: the first 8 bytes of SHA-256 over both, in hex.</summary>
        public string FingerprintAt(int i)
        {
            Sha256 sha = new Sha256();
            byte[] text = Utf8.Encode(_key[i] + " " + _hmacKey[i]);
            sha.Update(text, 0, text.Length);
            byte[] digest = new byte[Sha256.DigestBytes];
            sha.Final(digest, 0);
            TextBuffer b = new TextBuffer(16);
            for (int j = 0; j < 8; j++) { b.Append(Hex.Digit(digest[j] >> 4)); b.Append(Hex.Digit(digest[j] & 0xF)); }
            return b.ToString();
        }

        /// <summary>/spa key print: each door's keys as a fingerprint, and whether the rules have that door.</summary>
        public void AppendPrint(TextBuffer b, Gateway.Core.Model.SpaDoors doors)
        {
            if (WasDamaged) b.Append("the stored keys were damaged and are not used: set them again\r\n");
            for (int i = 0; i < _count; i++)
            {
                b.AppendInt(i); b.Append(" name="); b.Append(_name[i]); b.Append(" fingerprint="); b.Append(FingerprintAt(i));
                if (doors.Find(_name[i]) == null) b.Append(" (no such door in the rules in force)");
                b.Append("\r\n");
            }
            for (int i = 0; i < doors.Count; i++)
                if (IndexOf(doors.At(i).Name) < 0) { b.Append("door "); b.Append(doors.At(i).Name); b.Append(" has no keys: it opens nothing\r\n"); }
            if (b.Length == 0) b.Append("no spa keys\r\n");
        }

        public int IndexOf(string name)
        {
            for (int i = 0; i < _count; i++) if (_name[i] == name) return i;
            return -1;
        }

        // [magic][text length][text: "name key hmac-key\n" per door][CRC-32 of all before]
        private string Save()
        {
            TextBuffer t = new TextBuffer(64);
            for (int i = 0; i < _count; i++) { t.Append(_name[i]); t.Append('\t'); t.Append(_key[i]); t.Append('\t'); t.Append(_hmacKey[i]); t.Append('\n'); }
            byte[] text = Utf8.Encode(t.ToString());
            byte[] file = new byte[12 + text.Length];
            Put(file, 0, Magic);
            Put(file, 4, (uint)text.Length);
            for (int i = 0; i < text.Length; i++) file[8 + i] = text[i];
            Put(file, 8 + text.Length, Crc32.Of(file, 0, 8 + text.Length));
            _flash.Write(FileName, file, file.Length);
            for (int i = 0; i < file.Length; i++) file[i] = 0;
            for (int i = 0; i < text.Length; i++) text[i] = 0;
            Generation++;
            int expected = _count;
            Load();
            if (_count != expected) return "flash verify failed: the keys did not read back intact";
            WasDamaged = false;   // written whole and read back: the old damage is gone
            return "";
        }

        private void Load()
        {
            Forget();
            int length = _flash.Length(FileName);
            if (length < 0) return;
            byte[] file = new byte[length < MaxFileBytes ? length : MaxFileBytes];
            int n = _flash.Read(FileName, 0, file, 0, file.Length);
            int textLength = n >= 12 ? (int)Get(file, 4) : -1;
            if (n != length || textLength < 0 || textLength != n - 12 || Get(file, 0) != Magic || Get(file, n - 4) != Crc32.Of(file, 0, n - 4))
            {
                WasDamaged = true;
                return;
            }
            char[] chars = new char[textLength];
            for (int i = 0; i < textLength; i++) chars[i] = (char)file[8 + i];   // ASCII only: Set refuses anything else
            for (int i = 0; i < file.Length; i++) file[i] = 0;
            string text = new string(chars);
            for (int i = 0; i < chars.Length; i++) chars[i] = '\0';
            int at = 0;
            while (at < text.Length && _count < MaxKeys)
            {
                int end = text.IndexOf('\n', at);
                int tab1 = text.IndexOf('\t', at);
                int tab2 = tab1 < 0 ? -1 : text.IndexOf('\t', tab1 + 1);
                if (end < 0 || tab1 < 0 || tab2 < 0 || tab2 > end) { WasDamaged = true; Forget(); return; }
                _name[_count] = text.Substring(at, tab1 - at);
                _key[_count] = text.Substring(tab1 + 1, tab2 - tab1 - 1);
                _hmacKey[_count] = text.Substring(tab2 + 1, end - tab2 - 1);
                _count++;
                at = end + 1;
            }
        }

        // No keys: every slot emptied, not only the count (a failed load must not leave earlier keys behind).
        private void Forget()
        {
            _count = 0;
            for (int i = 0; i < MaxKeys; i++) { _name[i] = ""; _key[i] = ""; _hmacKey[i] = ""; }
        }

        private static bool IsPlainAscii(string s)
        {
            for (int i = 0; i < s.Length; i++) if (s[i] <= ' ' || s[i] > '~') return false;
            return true;
        }

        private static void Put(byte[] b, int at, uint value)
        {
            b[at] = (byte)value; b[at + 1] = (byte)(value >> 8); b[at + 2] = (byte)(value >> 16); b[at + 3] = (byte)(value >> 24);
        }

        private static uint Get(byte[] b, int at)
        {
            return (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));
        }
    }
}
