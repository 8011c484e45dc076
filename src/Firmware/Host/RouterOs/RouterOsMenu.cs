// The RouterOS menus a rules file or the console may use, and how a path names them
// (/ip firewall filter, /ip/firewall/filter, /ipv6 firewall address-list, ...).
using Gateway.Core.Model;

namespace Gateway.Host.RouterOs
{
    /// <summary>A supported menu: filter, address-list or nat of one family, or an interface list menu.</summary>
    public enum RouterOsMenu : byte
    {
        None = 0,
        Filter,
        AddressList,
        Nat,
        /// <summary><c>/ip firewall raw</c>: rules before connection tracking.</summary>
        Raw,
        /// <summary><c>/interface list</c> (no family).</summary>
        InterfaceList,
        /// <summary><c>/interface list member</c> (no family).</summary>
        InterfaceListMember,
        /// <summary><c>/spa</c>: single packet authorization doors (no family; their keys are not here).</summary>
        Spa,
        /// <summary>A menu a rules file may hold but the gateway has no use for (a full export's
        /// <c>/ip address</c>, <c>/system identity</c>, <c>/ip firewall mangle</c>): its commands are skipped.</summary>
        Skipped,
    }

    /// <summary>Menu paths and verbs.</summary>
    public static class RouterOsMenus
    {
        /// <summary>Verbs RouterOS menus have; a path segment with one of these names is the command.</summary>
        public static readonly string[] Verbs =
        {
            "add", "set", "remove", "print", "enable", "disable", "export", "edit", "find", "move",
            "comment", "reset-counters", "reset-counters-all", "get", "unset",
        };

        public static bool IsVerb(string word)
        {
            for (int i = 0; i < Verbs.Length; i++) if (Verbs[i] == word) return true;
            return false;
        }

        /// <summary>Resolves path segments (ip firewall filter) to a menu and family.</summary>
        /// <returns>The menu, or <see cref="RouterOsMenu.None"/> when the path is not supported.</returns>
        public static RouterOsMenu Resolve(string[] segments, int count, out Family family)
        {
            family = Family.Ipv4;
            if (segments[0] == "spa" && count == 1) return RouterOsMenu.Spa;
            if (segments[0] == "interface" && count >= 2 && count <= 3 && segments[1] == "list")
                return count == 2 ? RouterOsMenu.InterfaceList : segments[2] == "member" ? RouterOsMenu.InterfaceListMember : RouterOsMenu.None;
            if (count != 3 || segments[1] != "firewall") return RouterOsMenu.None;
            if (segments[0] == "ipv6") family = Family.Ipv6;
            else if (segments[0] != "ip") return RouterOsMenu.None;
            switch (segments[2])
            {
                case "filter": return RouterOsMenu.Filter;
                case "address-list": return RouterOsMenu.AddressList;
                case "nat": return RouterOsMenu.Nat;
                case "raw": return RouterOsMenu.Raw;
                default: return RouterOsMenu.None;
            }
        }

        /// <summary>Why a rules file's menu is skipped rather than applied, or null when it is not one the gateway
        /// skips: the firewall menus that change packets, and every menu that is not the firewall.</summary>
        public static string? SkipReason(string[] segments, int count)
        {
            if (count >= 2 && (segments[0] == "ip" || segments[0] == "ipv6") && segments[1] == "firewall")
            {
                // Only the firewall menus RouterOS has and the filter does not read; a misspelt one (or a verb
                // taken for a menu, "filter ad") is refused, never skipped.
                if (count == 3 && segments[2] == "mangle") return "the gateway does not mark or change packets";
                if (count == 4 && segments[2] == "connection" && segments[3] == "tracking") return "the gateway's connection tracking has no settings";
                if (count == 3 && (segments[2] == "service-port" || segments[2] == "layer7-protocol" || segments[2] == "calea"))
                    return "not a menu the gateway's filter uses";
                return null;
            }
            if (count >= 1 && (segments[0] == "ip" || segments[0] == "ipv6") && (count == 1 || segments[1] == "firewall")) return null;
            if (count == 1 && segments[0] == "interface") return null;
            if (count >= 1 && segments[0] == "spa") return null;   // the gateway's own menu: /spa key in a file is refused, never skipped
            return "not a firewall menu";
        }

        /// <summary>The path of a menu as RouterOS prints it: <c>/ipv6 firewall filter</c>.</summary>
        public static string PathOf(RouterOsMenu menu, Family family)
        {
            string root = family == Family.Ipv4 ? "/ip firewall " : "/ipv6 firewall ";
            switch (menu)
            {
                case RouterOsMenu.Filter: return root + "filter";
                case RouterOsMenu.AddressList: return root + "address-list";
                case RouterOsMenu.Nat: return root + "nat";
                case RouterOsMenu.Raw: return root + "raw";
                case RouterOsMenu.InterfaceList: return "/interface list";
                case RouterOsMenu.InterfaceListMember: return "/interface list member";
                case RouterOsMenu.Spa: return "/spa";
                default: return "/";
            }
        }
    }
}
