// The built-in rules a gateway runs when it has none stored: the classic RouterOS port-knocking recipe
// (tcp 9000, then tcp 6000 within a minute, grants `secure` for a minute; everything else is dropped),
// exactly as MikroTik's wiki publishes it, line breaks flattened to "\ " as copying from the page leaves them.
namespace Gateway.Core.Defaults
{
    /// <summary>The seed recipe as RouterOS commands.</summary>
    public static class DefaultRules
    {
        /// <summary>File name shown for the built-in rules.</summary>
        public const string FileName = "default.rsc";

        public const string Text =
            "/ip firewall filter add action=add-src-to-address-list address-list=\"port:9000\" \\ address-list-timeout=1m chain=input dst-port=9000 protocol=tcp\n" +
            "add action=add-src-to-address-list address-list=\"secure\" address-list-timeout=\\ 1m chain=input dst-port=6000 protocol=tcp src-address-list=\"port:9000\"\n" +
            "add chain=input src-address-list=secure action=accept\n" +
            "add action=drop chain=input\n";
    }
}
