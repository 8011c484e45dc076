// One boot for the board and the emulator: from the hardware interfaces and the board's limits it builds the
// whole gateway (the rules from flash or the built-in ones, compiled and in force; the console password; the
// loop with its components; the serial console) and serves it one pass at a time. Device/Program.cs and the
// emulator's EmulatorHost both start here and keep only what is theirs (pins, network and reboot on the
// board; pty, --bind, time scale and generated password on the PC), so the board runs the wiring the tests run.
using Gateway.Core;
using Gateway.Core.Hardware;
using Gateway.Core.Storage;
using Gateway.Core.Tables;
using Gateway.Host.Auth;
using Gateway.Host.Console;
using Gateway.Host.Logging;
using Gateway.Host.Running;

namespace Gateway.Host.App
{
    /// <summary>A booted gateway: its rules, loop, password and serial console.</summary>
    public sealed class Boot
    {
        private readonly IClock _clock;
        private readonly ISerialPort? _serial;
        private readonly byte[] _serialInput = new byte[SerialChunkBytes];
        private const int SerialChunkBytes = 256;

        private Boot(IClock clock, ISerialPort? serial, ActiveRules rules, RuleLogRing log, ConsolePassword password, GatewayApp app)
        {
            _clock = clock;
            _serial = serial;
            Rules = rules;
            Log = log;
            Password = password;
            App = app;
        }

        /// <summary>Builds and starts the gateway.</summary>
        /// <param name="flash">Where the rule packages and the password live.</param>
        /// <param name="wallClock">Calendar time (the clock command, log stamps).</param>
        /// <param name="heap">The managed heap as the consoles report it.</param>
        /// <param name="tap">Inbound packets (packet sight), or null.</param>
        /// <param name="serial">The serial console's port, or null for none.</param>
        /// <param name="echo">The serial console echoes what it is sent (a terminal on a UART or pty; not stdio).</param>
        /// <param name="limits">The board's table limits.</param>
        /// <param name="heapBytes">The board's heap budget for the tables, or 0 for none.</param>
        /// <param name="maxPackageBytes">The board's largest rule package.</param>
        /// <param name="consolePort">The network console's TCP port.</param>
        public static Boot Start(IFlash flash, INetwork network, IClock clock, IWallClock wallClock, IHeapGauge heap, IPacketTap? tap, ISerialPort? serial, bool echo,
            TableLimits limits, int heapBytes, int maxPackageBytes, int consolePort)
        {
            heap = new RecentHeapGauge(heap, clock);   // one collection a second at most, however often a console asks
            RuleLogRing log = new RuleLogRing();
            ActiveRules rules = new ActiveRules(new RuleStore(flash, Capacity.MaxPackageBytes), limits);
            rules.HeapBudgetBytes = heapBytes;
            rules.MaxPackageBytes = maxPackageBytes;
            rules.Start(clock.NowMs);
            rules.Engine!.Log = log;
            ConsolePassword password = new ConsolePassword(flash);   // none until set on the serial console
            GatewayApp app = new GatewayApp(rules, network, clock, log, consolePort, tap);
            app.Consoles.Password = password;
            app.Consoles.WallClock = wallClock;
            app.Consoles.Heap = heap;
            GatewayEvents events = new GatewayEvents();
            StoredLogging logging = new StoredLogging(flash);
            app.Events = events;
            app.Consoles.Events = events;
            app.Consoles.Logging = logging;
            app.Syslog = new SyslogSender(logging, log, events, network, wallClock, rules);
            Gateway.Host.Spa.SpaDoorway spa = new Gateway.Host.Spa.SpaDoorway(rules, new Gateway.Host.Spa.SpaKeyStore(flash), wallClock, flash);
            spa.Events = events;
            app.Spa = spa;
            app.Consoles.Spa = spa;
            Boot boot = new Boot(clock, serial, rules, log, password, app);
            if (serial != null)
            {
                ConsoleSession console = new ConsoleSession(rules, log, new SerialOutput(serial), clock.NowMs);
                console.Echo = echo;
                console.Gateway = app;
                console.Password = password;
                console.WallClock = wallClock;
                console.Heap = heap;
                console.Logging = logging;
                console.Spa = spa;
                boot.SerialConsole = console;
            }
            return boot;
        }

        public ActiveRules Rules { get; }
        public RuleLogRing Log { get; }
        /// <summary>The network console's password store.</summary>
        public ConsolePassword Password { get; }
        public GatewayApp App { get; }
        /// <summary>The serial console, or null when the gateway has no serial port.</summary>
        public ConsoleSession? SerialConsole { get; private set; }

        /// <summary>True when a console asked for a reboot (the host restarts the gateway its own way).</summary>
        public bool RebootRequested { get { return App.RebootRequested || (SerialConsole != null && SerialConsole.RebootRequested); } }

        /// <summary>Greets the serial console (after the host has said its own start-up lines).</summary>
        public void StartSerialConsole()
        {
            if (SerialConsole != null) SerialConsole.Start();
        }

        /// <summary>One pass of the loop, then what the serial line brought. True when anything happened.</summary>
        public bool Pass()
        {
            bool busy = App.Poll();
            if (_serial != null && SerialConsole != null)
            {
                int n = _serial.Read(_serialInput, 0, _serialInput.Length);
                if (n > 0)
                {
                    SerialConsole.Receive(_serialInput, n, _clock.NowMs);
                    busy = true;
                }
            }
            return busy;
        }

        // Console text straight to the serial port (it is local: nothing to queue).
        private sealed class SerialOutput : IConsoleOutput
        {
            private readonly ISerialPort _port;

            public SerialOutput(ISerialPort port) { _port = port; }

            public void Write(string text)
            {
                byte[] bytes = Gateway.Core.Text.Utf8.Encode(text);
                _port.Write(bytes, 0, bytes.Length);
            }
        }
    }
}
