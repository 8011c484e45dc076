// The network console's password, kept only as a salted, iterated hash (PBKDF2-HMAC-SHA-256) in one small
// flash file with a CRC. A file that is missing, short or damaged means "no password": the network
// console then offers nothing but how to set one (fail closed). It is set on the serial console only
// (physical access): /user set admin password=...
using Gateway.Core.Hardware;
using Gateway.Core.Storage;
using Gateway.Core.Text;

namespace Gateway.Host.Auth
{
    /// <summary>The stored console password.</summary>
    public sealed class ConsolePassword
    {
        public const string FileName = "console-password";
        /// <summary>PBKDF2 iterations: about a second of interpreted IL on an ESP32 per check (a desktop needs
        /// milliseconds), which is also the brute-force cost per guess on the board itself.</summary>
        public const int Iterations = 2000;
        public const int SaltBytes = 16;
        public const int HashBytes = 32;
        public const int MinLength = 8;
        public const int MaxLength = 64;

        private const uint Magic = 0x47575057;   // "GWPW"
        private const int FileBytes = 4 + 4 + SaltBytes + HashBytes + 4;

        private readonly IFlash _flash;
        private readonly Pbkdf2 _kdf = new Pbkdf2();
        private readonly byte[] _salt = new byte[SaltBytes];
        private readonly byte[] _hash = new byte[HashBytes];
        private readonly byte[] _file = new byte[FileBytes];

        public ConsolePassword(IFlash flash)
        {
            _flash = flash;
            IsSet = Load();
        }

        /// <summary>True when a password is stored (and its file is intact).</summary>
        public bool IsSet { get; private set; }

        /// <summary>Stores a new password: "" when done, otherwise why not.</summary>
        public string Set(string password, byte[] salt)
        {
            if (password.Length < MinLength || password.Length > MaxLength)
                return "password must be " + DecimalText.ToText(MinLength) + "-" + DecimalText.ToText(MaxLength) + " characters";
            for (int i = 0; i < password.Length; i++)
                if (password[i] < 33 || password[i] > 126) return "password must be printable ASCII without spaces";
            for (int i = 0; i < SaltBytes; i++) _salt[i] = salt[i];
            _kdf.Derive(Utf8.Encode(password), _salt, Iterations, _hash);
            Put(0, Magic);
            Put(4, Iterations);
            for (int i = 0; i < SaltBytes; i++) _file[8 + i] = _salt[i];
            for (int i = 0; i < HashBytes; i++) _file[8 + SaltBytes + i] = _hash[i];
            Put(FileBytes - 4, Crc32.Of(_file, 0, FileBytes - 4));
            _flash.Write(FileName, _file, FileBytes);
            IsSet = Load();
            return IsSet ? "" : "flash verify failed: the password did not read back intact";
        }

        /// <summary>True when <paramref name="password"/> is the stored one, checked at once (the serial console
        /// and tests; a network login uses <see cref="Check"/>, which runs in steps).</summary>
        public bool Verify(string password)
        {
            PasswordCheck check = Check(password);
            check.Step(Iterations);
            return check.Matches;
        }

        /// <summary>Starts checking a password in steps of its own (each login has its own state).</summary>
        public PasswordCheck Check(string password)
        {
            return new PasswordCheck(this, password);
        }

        internal byte[] Salt { get { return _salt; } }

        // Constant time: every byte is compared whatever the first difference.
        internal bool Matches(byte[] candidate)
        {
            if (!IsSet) return false;
            int difference = 0;
            for (int i = 0; i < HashBytes; i++) difference |= candidate[i] ^ _hash[i];
            return difference == 0;
        }

        private bool Load()
        {
            if (_flash.Length(FileName) != FileBytes || _flash.Read(FileName, 0, _file, 0, FileBytes) != FileBytes) return false;
            if (Get(0) != Magic || Get(4) != Iterations || Get(FileBytes - 4) != Crc32.Of(_file, 0, FileBytes - 4)) return false;
            for (int i = 0; i < SaltBytes; i++) _salt[i] = _file[8 + i];
            for (int i = 0; i < HashBytes; i++) _hash[i] = _file[8 + SaltBytes + i];
            return true;
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
