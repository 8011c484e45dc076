// The logging settings as the gateway keeps them: changed by console commands, stored after each change in
// their own flash file (the commands that rebuild them, a length and a CRC-32), and rebuilt from it at boot.
// A missing or damaged file leaves RouterOS's built-in actions and no rules: nothing is sent anywhere.
using Gateway.Core.Hardware;
using Gateway.Core.Storage;
using Gateway.Core.Text;
using Gateway.Host.RouterOs;

namespace Gateway.Host.Logging
{
    /// <summary>Logging settings with their flash file.</summary>
    public sealed class StoredLogging
    {
        public const string FileName = "logging";
        public const int MaxFileBytes = 4096;
        private readonly IFlash _flash;

        public StoredLogging(IFlash flash)
        {
            _flash = flash;
            Commands = new LoggingCommands(Settings);
            LoadProblem = Load();
        }

        public LoggingSettings Settings { get; } = new LoggingSettings();
        public LoggingCommands Commands { get; }
        /// <summary>Why the stored settings were not taken at boot ("" when they were, or none were stored).</summary>
        public string LoadProblem { get; }

        /// <summary>Runs a command of a logging menu; a change is stored at once, and a command refused
        /// part-way (set of several properties, remove of several items) changes nothing. Null when done.</summary>
        public RouterOsError? Run(string menu, string verb, RouterOsCommand command, int at, TextBuffer output)
        {
            int before = Settings.Generation;
            TextBuffer snapshot = new TextBuffer(256);
            Commands.Export(snapshot);
            RouterOsError? error = Commands.Run(menu, verb, command, at, output);
            if (Settings.Generation == before) return error;
            if (error == null && !Save()) error = new RouterOsError(command.Line, command.Column, "logging settings too large to store (at most " + DecimalText.ToText(MaxFileBytes) + " bytes); nothing changed");
            if (error != null) Commands.Load(snapshot.ToString());   // back to what was in force (and stored)
            return error;
        }

        private bool Save()
        {
            TextBuffer text = new TextBuffer(256);
            Commands.Export(text);
            byte[] body = Utf8.Encode(text.ToString());
            if (body.Length + 8 > MaxFileBytes) return false;
            byte[] file = new byte[body.Length + 8];
            Put(file, 0, (uint)body.Length);
            for (int i = 0; i < body.Length; i++) file[4 + i] = body[i];
            Put(file, 4 + body.Length, Crc32.Of(file, 0, 4 + body.Length));
            _flash.Write(FileName, file, file.Length);
            return true;
        }

        private string Load()
        {
            int length = _flash.Length(FileName);
            if (length <= 0) return "";
            if (length < 8 || length > MaxFileBytes) return "logging settings damaged (size): remote logging is off";
            byte[] file = new byte[length];
            if (_flash.Read(FileName, 0, file, 0, length) != length) return "logging settings unreadable: remote logging is off";
            int bodyLength = (int)Get(file, 0);
            if (bodyLength != length - 8 || Get(file, 4 + bodyLength) != Crc32.Of(file, 0, 4 + bodyLength))
                return "logging settings damaged (CRC): remote logging is off";
            char[] text = new char[bodyLength];   // the console takes ASCII only, so the stored commands are ASCII
            for (int i = 0; i < bodyLength; i++) text[i] = (char)file[4 + i];
            RouterOsError? error = Commands.Load(new string(text));
            return error == null ? "" : "logging settings not taken (" + error.ToString() + "): remote logging is off";
        }

        private static void Put(byte[] b, int at, uint v)
        {
            b[at] = (byte)v; b[at + 1] = (byte)(v >> 8); b[at + 2] = (byte)(v >> 16); b[at + 3] = (byte)(v >> 24);
        }

        private static uint Get(byte[] b, int at)
        {
            return (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
        }
    }
}
