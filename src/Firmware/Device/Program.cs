// The device app: bring up Ethernet, give COM2 its pins, open the flash, load the newest valid rule
// package (or the built-in rules), compile it on the device, and run the same gateway loop as the
// emulator. Everything else lives in the portable core.
using System.Net.NetworkInformation;
using System.Threading;
using Gateway.Core;
using Gateway.Core.App;
using Gateway.Core.Console;
using Gateway.Core.Hardware;
using Gateway.Core.Storage;
using Gateway.Core.Text;
using Gateway.Device.Hardware;
using Gateway.Device.Settings;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace Gateway.Device
{
    public static class Program
    {
        /// <summary>How long start-up waits for an address before running anyway (the serial console works without one).</summary>
        private const int NetworkWaitMs = 30000;
        private const int NetworkPollMs = 200;
        private const int SerialChunkBytes = 256;

        public static void Main()
        {
            DeviceSettings settings = DeviceSettings.Load();
            ConnectNetwork(settings);
            DeviceClock clock = new DeviceClock();
            DeviceSerialPort serial = new DeviceSerialPort(settings.ConsoleRxPin, settings.ConsoleTxPin, settings.ConsoleBaudRate);
            RuleLogRing log = new RuleLogRing();
            ActiveRules rules = new ActiveRules(new RuleStore(new DeviceFlash(), Capacity.MaxPackageBytes), settings.Board.Limits);
            rules.HeapBudgetBytes = settings.Board.HeapBytes;
            rules.MaxPackageBytes = settings.Board.MaxPackageBytes;
            rules.Start(clock.NowMs);
            rules.Engine!.Log = log;
            GatewayApp app = new GatewayApp(rules, new DeviceNetwork(settings.Board.Sockets, settings.Board.TcpListeners), clock, log, settings.ConsolePort);
            ConsoleSession console = new ConsoleSession(rules, log, new SerialOutput(serial), clock.NowMs);
            console.Start();
            if (settings.Problem.Length > 0) Write(serial, settings.Problem + "\r\n");
            byte[] input = new byte[SerialChunkBytes];
            while (true)
            {
                app.Poll();
                int n = serial.Read(input, 0, input.Length);
                if (n > 0) console.Receive(input, n, clock.NowMs);
                if (app.RebootRequested || console.RebootRequested)
                {
                    app.Shutdown();
                    Power.RebootDevice(RebootOption.NormalReboot);
                }
                Thread.Sleep(1);   // yield to lwIP and the other FreeRTOS tasks
            }
        }

        // Ethernet by type (on Ethernet builds interface 0 may be Wi-Fi); a static address when network.json gives one.
        private static void ConnectNetwork(DeviceSettings settings)
        {
            NetworkFile? n = settings.Network;
            if (n != null && n.Address.Length > 0) NetworkHelper.SetupNetworkHelper(new IPConfiguration(n.Address, n.Mask, n.Gateway, n.Dns!), false);
            else NetworkHelper.SetupNetworkHelper(false);
            for (int waited = 0; waited < NetworkWaitMs && NetworkHelper.Status != NetworkHelperStatus.NetworkIsReady; waited += NetworkPollMs)
                Thread.Sleep(NetworkPollMs);
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Ethernet) System.Diagnostics.Debug.WriteLine("ethernet " + all[i].IPv4Address);
        }

        private static void Write(ISerialPort port, string text)
        {
            byte[] bytes = Utf8.Encode(text);
            port.Write(bytes, 0, bytes.Length);
        }

        private sealed class SerialOutput : IConsoleOutput
        {
            private readonly ISerialPort _port;
            public SerialOutput(ISerialPort port) { _port = port; }
            public void Write(string text) { Program.Write(_port, text); }
        }
    }
}
