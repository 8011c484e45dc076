// boards/NAME.json as the device reads it from I:\board.json (deployed by `gateway flash`), through
// nanoFramework.Json: public properties with setters, names matched case-insensitively.
namespace Gateway.Device.Settings
{
    public sealed class BoardFile
    {
        public string Name { get; set; } = "";
        public string Target { get; set; } = "";
        public int Sockets { get; set; }
        public int TcpListeners { get; set; }
        public int TcpActive { get; set; }
        public int HeapBytes { get; set; }
        public int PackageBytes { get; set; }
        public UartFile? ConsoleUart { get; set; }
        public LimitsFile? Limits { get; set; }
    }

    public sealed class UartFile
    {
        public string Port { get; set; } = "COM2";
        public int Rx { get; set; }
        public int Tx { get; set; }
        public int Baud { get; set; }
    }

    public sealed class LimitsFile
    {
        public int Rules { get; set; }
        public int Chains { get; set; }
        public int PortRanges { get; set; }
        public int AddressMatchers { get; set; }
        public int Lists { get; set; }
        public int Interfaces { get; set; }
        public int Forwards { get; set; }
        public int Ipv4ListEntries { get; set; }
        public int Ipv6ListEntries { get; set; }
        public int ListRangeEntries { get; set; }
        /// <summary>Rules with a psd matcher; a board file without it allows none (fails closed).</summary>
        public int PsdRules { get; set; }
        /// <summary>limit and dst-limit matchers; a board file without it allows none (fails closed).</summary>
        public int LimitRules { get; set; }
    }
}
