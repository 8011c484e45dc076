// RouterOS texts that the import tests of both runtimes read (the desktop importer's tests and the device
// tests on nanoCLR), so that both check the same input; written for nanoFramework 1.x.
namespace Gateway.Testing
{
    internal static class RouterOsSamples
    {
        /// <summary>The seed recipe as `/export` wraps it: a backslash at the end of a line, the next line indented,
        /// one with CRLF.</summary>
        public const string WrappedExport =
            "/ip firewall filter\n" +
            "add action=add-src-to-address-list address-list=port:9000 address-list-timeout=\\\n" +
            "    1m chain=input dst-port=9000 protocol=tcp\n" +
            "add action=add-src-to-address-list address-list=secure address-list-timeout=1m \\\r\n" +
            "    chain=input dst-port=6000 protocol=tcp src-address-list=port:9000\n" +
            "add chain=input src-address-list=secure action=accept\n" +
            "add action=drop chain=input\n";

        /// <summary>The seed recipe in RouterOS 7's slash paths, with a one-line menu and two commands on a line.</summary>
        public const string V7Paths =
            "/ip/firewall/filter/add chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m\n" +
            "add chain=input protocol=tcp dst-port=6000 src-address-list=port:9000 action=add-src-to-address-list address-list=secure address-list-timeout=1m\n" +
            "/ip/firewall/filter\nadd chain=input src-address-list=secure action=accept; add chain=input action=drop\n";

        /// <summary>Every menu of both families, with comments, a quoted comment and a trailing comment.</summary>
        public const string EveryMenu =
            "# a comment line\n" +
            "/ip firewall address-list add list=secure address=198.51.100.0/24 comment=\"office \\\"west\\\"\"\n" +
            "/ip firewall nat add chain=dstnat action=dst-nat protocol=tcp dst-port=2222 to-addresses=192.168.88.10 to-ports=22\n" +
            "/ipv6 firewall filter add chain=input protocol=tcp dst-port=22 src-address=2001:db8::/32 action=accept\n" +
            "/ipv6 firewall address-list add list=v6 address=2001:db8::7 timeout=1h\n" +
            "/ip firewall filter add chain=input src-address-list=secure action=accept # trailing comment\n";
    }
}
