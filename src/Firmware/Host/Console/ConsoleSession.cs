// A line console over a byte stream (the board's UART, the emulator's pty): assembles bounded lines,
// echoes what a person types (but not machine-mode lines, which start with '!'), refuses binary noise
// and overlong lines as whole lines, and dispatches RouterOS commands, built-ins and machine commands.
using Gateway.Core;
using Gateway.Core.Text;
using Gateway.Host.Running;

namespace Gateway.Host.Console
{
    /// <summary>One console on one serial line.</summary>
    public sealed partial class ConsoleSession
    {
        private readonly ActiveRules _rules;
        private readonly RuleLogRing _log;
        private readonly IConsoleOutput _out;
        private readonly char[] _line = new char[Capacity.MaxConsoleLine];
        private int _length;
        private bool _tooLong;
        private bool _binary;
        private bool _machineLine;
        private bool _lastWasCr;
        private bool _confirmingReboot;   // /system reboot asked "Reboot, yes? [y/N]:" and waits for the key
        private bool _inNoise;            // since a line was refused as binary, with no pause since: a burst
        private long _noiseAtMs;          // when the burst last sent a byte
        private long _lastByteMs;
        private long _nowMs;
        private readonly long _startMs;

        public ConsoleSession(ActiveRules rules, RuleLogRing log, IConsoleOutput output, long startMs)
        {
            _rules = rules;
            _log = log;
            _out = output;
            _startMs = startMs;
            _importer = new RouterOs.RouterOsImporter(new Gateway.Core.Model.RuleSet());
        }

        /// <summary>Echo typed characters (a serial terminal needs it; a local terminal on stdio echoes itself).</summary>
        public bool Echo { get; set; } = true;

        /// <summary>The gateway loop's status lines, when the session runs in one.</summary>
        public IGatewayStatus? Gateway { get; set; }

        /// <summary>Set by the <c>reboot</c> command; the app restarts when it sees it.</summary>
        public bool RebootRequested { get; private set; }

        /// <summary>Calendar time for /system clock print, or null when the console has none.</summary>
        public Gateway.Core.Hardware.IWallClock? WallClock { get; set; }

        /// <summary>The managed heap for status, !status and /system resource print, or null when the console has none.</summary>
        public Gateway.Core.Hardware.IHeapGauge? Heap { get; set; }

        /// <summary>The logging settings /system logging changes, or null when the console has none.</summary>
        public Logging.StoredLogging? Logging { get; set; }
        /// <summary>SPA doors and their keys (/spa print, /spa key ...), or null.</summary>
        public Spa.SpaDoorway? Spa { get; set; }

        /// <summary>The stored console password: set with /user on the serial console, asked for on the network one.</summary>
        public Auth.ConsolePassword? Password { get; set; }

        /// <summary>True for a network session: nothing but the password is taken until it was given.</summary>
        public bool LoginRequired { get; set; }

        /// <summary>True once the password was given (always, for a session that needs no login).</summary>
        public bool LoggedIn { get; private set; }

        /// <summary>Set when a password attempt failed; the app counts it against the address.</summary>
        public bool LoginFailed { get; private set; }

        /// <summary>The session has said its last word (no password set, a failed login): close it.</summary>
        public bool CloseRequested { get; private set; }

        private bool AwaitingPassword { get { return LoginRequired && !LoggedIn && !CloseRequested; } }
        private Auth.PasswordCheck? _check;

        /// <summary>Writes the greeting and the first prompt (or the password question).</summary>
        public void Start()
        {
            _out.Write("Gateway console. Type help for commands.\r\n");
            if (!LoginRequired)
            {
                LoggedIn = true;
                Prompt();
                return;
            }
            if (Password == null || !Password.IsSet)
            {
                _out.Write("no password is set for the network console: set one on the serial console with /user set admin password=...\r\n");
                CloseRequested = true;
                return;
            }
            _out.Write("Password: ");
        }

        /// <summary>Feeds received bytes; complete lines are executed at <paramref name="nowMs"/>.</summary>
        public void Receive(byte[] data, int count, long nowMs)
        {
            if (CloseRequested || _check != null) return;   // said its last word, or checking the password: not even an echo
            _nowMs = nowMs;
            ExpireUpload(nowMs);
            if (count > 0 && nowMs - _lastByteMs >= Capacity.PartialLineIdleMs) ForgetLine();
            if (count > 0) _lastByteMs = nowMs;
            if (_inNoise && nowMs - _noiseAtMs >= Capacity.NoiseQuietMs) _inNoise = false;
            if (_inNoise && count > 0) _noiseAtMs = nowMs;
            for (int i = 0; i < count && !CloseRequested && _check == null; i++)
            {
                byte b = data[i];
                if (_confirmingReboot)
                {
                    if (b == '\n' && _lastWasCr) { _lastWasCr = false; continue; }   // the rest of the question's own line end
                    AnswerReboot(b);   // any key, Enter too, answers: only y reboots
                    _lastWasCr = b == '\r';
                    if (!RebootRequested) Prompt();
                    continue;
                }
                if (b == 4 && _length == 0 && !_binary && !_inNoise && !AwaitingPassword)   // Ctrl-D on an empty line (not in noise): as quit
                {
                    _out.Write("\r\n");
                    Quit();
                    if (!CloseRequested) Prompt();
                    continue;
                }
                if (b == '\r' || b == '\n')
                {
                    bool skip = b == '\n' && _lastWasCr;   // CR LF is one end of line
                    _lastWasCr = b == '\r';
                    if (!skip) EndLine();
                    continue;
                }
                _lastWasCr = false;
                if (b == 8 || b == 127)
                {
                    if (_length > 0 && !_tooLong)
                    {
                        _length--;
                        if (!_machineLine && Echo) _out.Write("\b \b");
                    }
                    continue;
                }
                if (b == 3) { ForgetLine(); _inNoise = false; _out.Write("^C\r\n"); if (AwaitingPassword) _out.Write("Password: "); else Prompt(); continue; }
                if (b < 32 && b != 9 || b >= 128) { _binary = true; continue; }
                if (_length == 0 && b == MachineProtocol.Marker) _machineLine = true;
                if (_length == _line.Length) { _tooLong = true; continue; }
                _line[_length++] = (char)b;
                // Noise is not echoed: a terminal shows what a person types, not a binary stream played back.
                if (!_machineLine && !_binary && !_inNoise && Echo && !AwaitingPassword) _out.Write(((char)b).ToString());
            }
        }

        private void EndLine()
        {
            bool machine = _machineLine;
            if (_inNoise)
            {
                ForgetLine();   // a fragment of the burst, even if it looks clean: no answer, no echo
                return;
            }
            if (!machine && Echo) _out.Write("\r\n");
            string line = new string(_line, 0, _length);
            bool tooLong = _tooLong, binary = _binary;
            _length = 0;
            _tooLong = false;
            _binary = false;
            _machineLine = false;
            if (binary)
            {
                _inNoise = true;   // one answer for the burst; it lasts until a pause (or Ctrl-C)
                _noiseAtMs = _nowMs;
            }
            if (CloseRequested) return;   // said its last word: nothing more is taken
            if (AwaitingPassword)
            {
                CheckPassword(line, tooLong || binary);
                return;
            }
            if (tooLong) Reply(machine, MachineProtocol.Error, "line longer than " + DecimalText.ToText(Capacity.MaxConsoleLine) + " characters; ignored");
            else if (binary) Reply(machine, MachineProtocol.Error, "line has control or non-ASCII bytes; ignored");
            else if (machine) Machine(line);
            else Execute(line);
            if (!machine && !CloseRequested && !_confirmingReboot) Prompt();
        }

        // One attempt per connection: a wrong password closes the session (the app slows the address down).
        // The check runs in steps (Tick); until it is done the session takes no input.
        private void CheckPassword(string line, bool unusable)
        {
            if (unusable || Password == null) { FailLogin(); return; }
            _check = Password.Check(line);
        }

        /// <summary>True while a password is being checked: feed no input until it is done (call <see cref="Tick"/>).</summary>
        public bool IsChecking { get { return _check != null; } }

        /// <summary>Advances a password check by Capacity.PasswordIterationsPerPass iterations; call once per loop pass.</summary>
        public void Tick()
        {
            if (_check == null || !_check.Step(Capacity.PasswordIterationsPerPass)) return;
            bool matches = _check.Matches;
            _check = null;
            if (!matches) { FailLogin(); return; }
            LoggedIn = true;
            Prompt();
        }

        private void FailLogin()
        {
            LoginFailed = true;
            CloseRequested = true;
            _out.Write("login failed\r\n");
        }

        // Drops a half-typed line without a word: its author has gone (see Capacity.PartialLineIdleMs).
        private void ForgetLine()
        {
            _length = 0;
            _tooLong = false;
            _binary = false;
            _machineLine = false;
        }

        private void Reply(bool machine, string kind, string message)
        {
            _out.Write(machine ? kind + " " + message + "\n" : (kind == MachineProtocol.Error ? "failure: " : "") + message + "\r\n");
        }

        private void Prompt()
        {
            string menu = _loggingMenu.Length > 0 ? " " + _loggingMenu
                : _importer.Menu == RouterOs.RouterOsMenu.None ? "" : " " + RouterOs.RouterOsMenus.PathOf(_importer.Menu, _importer.Family);
            _out.Write("[gateway]" + menu + "> ");
        }

        // Interactive output uses CR LF line ends, as a terminal wants.
        private void Print(TextBuffer b)
        {
            TextBuffer crlf = new TextBuffer(b.Length + 16);
            for (int i = 0; i < b.Length; i++)
            {
                if (b[i] == '\n') crlf.Append('\r');
                crlf.Append(b[i]);
            }
            _out.Write(crlf.ToString());
        }
    }
}
