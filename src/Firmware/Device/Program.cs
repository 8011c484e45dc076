// The device app: give COM2 its pins, bring up Ethernet (a failure is reported on the serial console,
// which works without a network), open the flash, load the newest valid rule package (or the built-in
// rules), compile it on the device, and run the same gateway loop as the emulator. Everything else lives
// in the portable core.
using System.Net.NetworkInformation;
using System.Threading;
using Gateway.Core;
using Gateway.Core.App;
using Gateway.Core.Auth;
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
            DeviceClock clock = new DeviceClock();
            DeviceSerialPort serial = new DeviceSerialPort(settings.ConsoleRxPin, settings.ConsoleTxPin, settings.ConsoleBaudRate);
            string networkProblem = ConnectNetwork(settings);
            RuleLogRing log = new RuleLogRing();
            ActiveRules rules = new ActiveRules(new RuleStore(new DeviceFlash(), Capacity.MaxPackageBytes), settings.Board.Limits);
            rules.HeapBudgetBytes = settings.Board.HeapBytes;
            rules.MaxPackageBytes = settings.Board.MaxPackageBytes;
            rules.Start(clock.NowMs);
            rules.Engine!.Log = log;
            // The packet tap's raw sockets come out of the board's socket budget (whether or not they open).
            DeviceNetwork network = new DeviceNetwork(settings.Board.Sockets - DevicePacketTap.Sockets, settings.Board.TcpListeners, settings.Board.MaxActiveTcp);
            GatewayApp app = new GatewayApp(rules, network, clock, log, settings.ConsolePort, new DevicePacketTap());
            ConsolePassword password = new ConsolePassword(new DeviceFlash());   // none until set on this serial console
            app.Password = password;
            ConsoleSession console = new ConsoleSession(rules, log, new SerialOutput(serial), clock.NowMs);
            console.Gateway = app;
            console.Password = password;
            Write(serial, "sight: " + app.Sight + "\r\n");
            TextBuffer services = new TextBuffer(160);
            ConsoleSession.AppendServicePolicy(services, rules.RuleSet);   // the same line as the emulator's banner
            Write(serial, services.ToString() + "\r\n");
            console.Start();
            if (settings.Problem.Length > 0) Write(serial, settings.Problem + "\r\n");
            if (networkProblem.Length > 0) Write(serial, networkProblem + "\r\n");
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

        // Ethernet by type (on Ethernet builds interface 0 may be Wi-Fi); a static address when network.json
        // gives one. NetworkHelper throws (NotSupportedException when the firmware has no network interface)
        // or reports a failed status; either way the gateway runs on, serial console only, and says why.
        // Returns the problem for the serial console, or "" when the network came up.
        private static string ConnectNetwork(DeviceSettings settings)
        {
            try
            {
                NetworkFile? n = settings.Network;
                if (n != null && n.Address.Length > 0) NetworkHelper.SetupNetworkHelper(new IPConfiguration(n.Address, n.Mask, n.Gateway, n.Dns!), false);
                else NetworkHelper.SetupNetworkHelper(false);
                for (int waited = 0; waited < NetworkWaitMs && NetworkHelper.Status != NetworkHelperStatus.NetworkIsReady && !HasFailed(NetworkHelper.Status); waited += NetworkPollMs)
                    Thread.Sleep(NetworkPollMs);
                NetworkHelperStatus status = NetworkHelper.Status;
                if (status == NetworkHelperStatus.NetworkIsReady)
                {
                    NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
                    for (int i = 0; i < all.Length; i++)
                        if (all[i].NetworkInterfaceType == NetworkInterfaceType.Ethernet) System.Diagnostics.Debug.WriteLine("ethernet " + all[i].IPv4Address);
                    return "";
                }
                System.Exception? e = NetworkHelper.HelperException;
                return "network: not ready (" + StatusText(status) + (e != null ? ": " + e.Message : "") + "); serial console only";
            }
            catch (System.Exception e)
            {
                return "network: failed to start (" + e.Message + "); serial console only";
            }
        }

        private static bool HasFailed(NetworkHelperStatus status)
        {
            return status == NetworkHelperStatus.FailedNoNetworkInterface || status == NetworkHelperStatus.ExceptionOccurred;
        }

        // Enum names do not exist at run time on the device.
        private static string StatusText(NetworkHelperStatus status)
        {
            switch (status)
            {
                case NetworkHelperStatus.FailedNoNetworkInterface: return "no network interface";
                case NetworkHelperStatus.ExceptionOccurred: return "exception";
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress: return "no address yet";
                case NetworkHelperStatus.Reconnecting: return "reconnecting";
                case NetworkHelperStatus.Started: return "started, no address yet";
                default: return "status " + ((int)status).ToString();
            }
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
