// The interface names the gateway knows: its one Ethernet port carries RouterOS's name for a first port, so
// rules written for a router (in-interface=ether1) mean the gateway's port; "bridge" is the LAN side of
// MikroTik's default configuration, which a gateway does not have.
namespace Gateway.Core.Model
{
    /// <summary>Names of interfaces, as rules and traces spell them.</summary>
    public static class InterfaceNames
    {
        /// <summary>The gateway's one port: what every packet arrives on.</summary>
        public const string Gateway = "ether1";

        /// <summary>The LAN bridge of MikroTik's default configuration.</summary>
        public const string DefaultBridge = "bridge";
    }
}
