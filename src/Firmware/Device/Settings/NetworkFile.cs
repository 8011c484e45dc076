// I:\network.json, optional: a static address for the gateway. Without it the board uses DHCP.
namespace Gateway.Device.Settings
{
    public sealed class NetworkFile
    {
        public string Address { get; set; } = "";
        public string Mask { get; set; } = "";
        public string Gateway { get; set; } = "";
        public string[]? Dns { get; set; }
        /// <summary>TCP port of the network console (default 23 on a board, the telnet port).</summary>
        public int ConsolePort { get; set; }
    }
}
