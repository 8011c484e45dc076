// Reads the board profile and network settings from the device's flash at start, and turns them into
// the core's BoardProfile. A missing or unreadable board file falls back to the most cautious budget
// (16 sockets, 5 listeners, 10 active TCP connections, the core's default tables) rather than not starting.
using System.IO;
using Gateway.Core.Boards;
using Gateway.Core.Tables;
using nanoFramework.Json;

namespace Gateway.Device.Settings
{
    public sealed class DeviceSettings
    {
        public const string BoardPath = "I:\\board.json";
        public const string NetworkPath = "I:\\network.json";
        public const int DefaultConsolePort = 23;
        public const int FallbackSockets = 16;
        public const int FallbackListeners = 5;
        /// <summary>Active TCP connections of the most limited firmware (sdkconfig.default_ble_rev3: ESP32-Ethernet-Kit, Olimex WROVER).</summary>
        public const int FallbackActiveTcp = 10;
        public const int FallbackRx = 5;
        public const int FallbackTx = 17;
        public const int ConsoleBaud = 115200;

        public BoardProfile Board { get; private set; } = new BoardProfile();
        public int ConsoleRxPin { get; private set; } = FallbackRx;
        public int ConsoleTxPin { get; private set; } = FallbackTx;
        public int ConsoleBaudRate { get; private set; } = ConsoleBaud;
        public NetworkFile? Network { get; private set; }
        public int ConsolePort { get; private set; } = DefaultConsolePort;
        /// <summary>What went wrong reading the files, for the console's status; empty when nothing.</summary>
        public string Problem { get; private set; } = "";

        public static DeviceSettings Load()
        {
            DeviceSettings s = new DeviceSettings();
            s.Board.Name = "fallback";
            s.Board.Sockets = FallbackSockets;
            s.Board.TcpListeners = FallbackListeners;
            s.Board.MaxActiveTcp = FallbackActiveTcp;
            JsonSerializerOptions options = new JsonSerializerOptions();
            options.PropertyNameCaseInsensitive = true;
            try
            {
                if (File.Exists(BoardPath)) s.Apply((BoardFile)JsonConvert.DeserializeObject(File.ReadAllText(BoardPath), typeof(BoardFile), options));
                else s.Problem = "no " + BoardPath + ": cautious defaults";
                if (File.Exists(NetworkPath))
                {
                    s.Network = (NetworkFile)JsonConvert.DeserializeObject(File.ReadAllText(NetworkPath), typeof(NetworkFile), options);
                    if (s.Network.ConsolePort > 0) s.ConsolePort = s.Network.ConsolePort;
                }
            }
            catch (System.Exception e)
            {
                s.Problem = "settings unreadable (" + e.Message + "): cautious defaults";
            }
            return s;
        }

        private void Apply(BoardFile f)
        {
            Board.Name = f.Name;
            Board.Target = f.Target;
            Board.Sockets = f.Sockets > 0 ? f.Sockets : FallbackSockets;
            Board.TcpListeners = f.TcpListeners > 0 ? f.TcpListeners : FallbackListeners;
            Board.MaxActiveTcp = f.TcpActive > 0 ? f.TcpActive : FallbackActiveTcp;
            Board.HeapBytes = f.HeapBytes;
            if (f.PackageBytes > 0) Board.MaxPackageBytes = f.PackageBytes;
            if (f.ConsoleUart != null)
            {
                ConsoleRxPin = f.ConsoleUart.Rx;
                ConsoleTxPin = f.ConsoleUart.Tx;
                if (f.ConsoleUart.Baud > 0) ConsoleBaudRate = f.ConsoleUart.Baud;
            }
            if (f.Limits == null) return;
            TableLimits l = new TableLimits();
            l.MaxRules = f.Limits.Rules;
            l.MaxChains = f.Limits.Chains;
            l.MaxPortRanges = f.Limits.PortRanges;
            l.MaxAddressMatchers = f.Limits.AddressMatchers;
            l.MaxLists = f.Limits.Lists;
            l.MaxInterfaces = f.Limits.Interfaces;
            l.MaxForwards = f.Limits.Forwards;
            l.Ipv4ListEntries = f.Limits.Ipv4ListEntries;
            l.Ipv6ListEntries = f.Limits.Ipv6ListEntries;
            l.ListRangeEntries = f.Limits.ListRangeEntries;
            l.MaxPsdRules = f.Limits.PsdRules;
            l.MaxLimitRules = f.Limits.LimitRules;
            Board.Limits = l;
        }
    }
}
