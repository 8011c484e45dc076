// The device app: give COM2 its pins, bring up Ethernet (a failure is reported on the serial console,
// which works without a network), then boot the gateway as the emulator does (Boot: the newest valid rule
// package or the built-in rules, compiled on the device, the loop, the consoles) and serve it until a
// console asks for a reboot. Everything else lives in the portable core.
using System.Net.NetworkInformation;
using System.Threading;
using Gateway.Core;
using Gateway.Core.Hardware;
using Gateway.Core.Text;
using Gateway.Device.Hardware;
using Gateway.Device.Settings;
using Gateway.Host.App;
using Gateway.Host.Console;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace Gateway.Device
{
    public static class Program
    {
        /// <summary>How long start-up waits for an address before running anyway (the serial console works without one).</summary>
        private const int NetworkWaitMs = 30000;
        private const int NetworkPollMs = 200;
        /// <summary>Time for the crash report to leave the serial port before the reboot: ~120 bytes take 10 ms at 115,200 baud
        /// and 125 ms at 9,600.</summary>
        private const int ReportWireMs = 200;
        /// <summary>The longest the loop works without a rest: FreeRTOS's idle task (the task watchdog's) runs only then.</summary>
        private const int MaxBusyMs = 100;
        /// <summary>How long the loop polls on after the last pass with work: at least a whole FreeRTOS tick (what a
        /// rest costs) on a clock that itself counts in 10 ms ticks.</summary>
        private const int QuietMs = 20;

        public static void Main()
        {
            DeviceSettings settings = DeviceSettings.Load();
            DeviceClock clock = new DeviceClock();
            DeviceSerialPort serial = new DeviceSerialPort(settings.ConsoleRxPin, settings.ConsoleTxPin, settings.ConsoleBaudRate);
            string networkProblem = ConnectNetwork(settings);
            // The packet tap's raw sockets come out of the board's socket budget (whether or not they open).
            DeviceNetwork network = new DeviceNetwork(settings.Board.Sockets - DevicePacketTap.Sockets, settings.Board.TcpListeners, settings.Board.MaxActiveTcp);
            Boot gateway = Boot.Start(new DeviceFlash(), network, clock, new DeviceWallClock(), new DeviceHeap(), new DevicePacketTap(), serial, true,
                settings.Board.Limits, settings.Board.HeapBytes, settings.Board.MaxPackageBytes, settings.ConsolePort);
            Write(serial, "sight: " + gateway.App.PacketSight.Description + "\r\n");
            TextBuffer services = new TextBuffer(160);
            ConsoleSession.AppendServicePolicy(services, gateway.Rules.RuleSet);   // the same line as the emulator's banner
            Write(serial, services.ToString() + "\r\n");
            gateway.StartSerialConsole();
            if (settings.Problem.Length > 0) Write(serial, settings.Problem + "\r\n");
            if (networkProblem.Length > 0) Write(serial, networkProblem + "\r\n");
            LoopPacer pacer = new LoopPacer(MaxBusyMs, QuietMs);
            while (true)
            {
                bool busy = false;
                try { busy = gateway.Pass(); }
                catch (System.Exception e) { Restart(serial, e); }
                if (gateway.RebootRequested)
                {
                    gateway.App.Shutdown();
                    Power.RebootDevice(RebootOption.NormalReboot);
                }
                // A rest is a FreeRTOS tick (10 ms): only after QuietMs without work, or MaxBusyMs without a rest.
                if (pacer.ShouldRest(busy, clock.NowMs)) Thread.Sleep(1);
            }
        }

        // The last line of defence: an exception nothing below caught would end Main, and nanoCLR then sits idle, the
        // console dead, until someone cycles the power (the virtual board found one: a connect-and-reset ended Main).
        // Say what happened on the serial console and boot again: the rules come back from flash, the lists start
        // empty, which closes every door a knock had opened (fail closed).
        // RebootDevice only asks for the reboot: nothing of the broken state runs again while it happens.
        private static void Restart(ISerialPort serial, System.Exception e)
        {
            try { Write(serial, "firmware: " + e.GetType().FullName + ": " + e.Message + "; rebooting\r\n"); }
            catch (System.Exception) { }   // the console may be what broke; the reboot matters more
            Thread.Sleep(ReportWireMs);   // the UART shifts the report out; a reboot now would cut it off
            Power.RebootDevice(RebootOption.NormalReboot);
            while (true) Thread.Sleep(1000);
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
    }
}
