// What one board can hold (boards/*.json): its socket budget and the table capacities that fit its heap.
// The compiler on the PC (--board), the emulator and the device all check rules against it.
using Gateway.Core.Model;
using Gateway.Core.Tables;

namespace Gateway.Core.Boards
{
    /// <summary>A supported board's hardware facts and limits.</summary>
    public sealed class BoardProfile
    {
        /// <summary>Profile name, as in <c>--board wt32-eth01</c>.</summary>
        public string Name { get; set; } = "";
        /// <summary>nanoff <c>--target</c> of the firmware image.</summary>
        public string Target { get; set; } = "";
        /// <summary>Sockets in all (listeners, accepted clients, UDP, both ends of forwards).</summary>
        public int Sockets { get; set; }
        /// <summary>TCP listeners the network stack allows.</summary>
        public int TcpListeners { get; set; }
        /// <summary>Active TCP connections the firmware's lwIP allows at once (accepted clients and both ends of
        /// forwards; listeners not counted): CONFIG_LWIP_MAX_ACTIVE_TCP, 16 by default, 10 on the firmwares
        /// built from sdkconfig.default_ble_rev3 (ESP32-Ethernet-Kit, Olimex WROVER). A further one is refused.</summary>
        public int MaxActiveTcp { get; set; }
        /// <summary>Flash address of the deployment partition, where <c>nanoff --deploy --address</c> puts the app
        /// (0x1E0000 in nanoFramework's 4/8/16 MB partition tables since 2025-09; nanoff's own default is stale).</summary>
        public int DeployAddress { get; set; }
        /// <summary>GPIO the console UART (COM2) receives on, and transmits on.</summary>
        public int ConsoleRxPin { get; set; }
        public int ConsoleTxPin { get; set; }
        /// <summary>Managed heap the firmware plans with, in bytes.</summary>
        public int HeapBytes { get; set; }
        /// <summary>Largest rule package the board accepts (an upload is held in memory whole).</summary>
        public int MaxPackageBytes { get; set; } = Capacity.MaxPackageBytes;
        /// <summary>Table and list capacities for this board.</summary>
        public TableLimits Limits { get; set; } = new TableLimits();
        /// <summary>The board's network ports by their RouterOS names (one Ethernet port, ether1, on every board today).</summary>
        public string[] Ports { get; set; } = new string[] { InterfaceNames.Gateway };
    }
}
