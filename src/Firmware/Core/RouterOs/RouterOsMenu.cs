// The RouterOS menus a rules file or the console may use, and how a path names them
// (/ip firewall filter, /ip/firewall/filter, /ipv6 firewall address-list, ...).
using Gateway.Core.Model;

namespace Gateway.Core.RouterOs
{
    /// <summary>A supported menu: filter, address-list or nat, of one family.</summary>
    public enum RouterOsMenu : byte
    {
        None = 0,
        Filter,
        AddressList,
        Nat,
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
            if (count != 3 || segments[1] != "firewall") return RouterOsMenu.None;
            if (segments[0] == "ipv6") family = Family.Ipv6;
            else if (segments[0] != "ip") return RouterOsMenu.None;
            switch (segments[2])
            {
                case "filter": return RouterOsMenu.Filter;
                case "address-list": return RouterOsMenu.AddressList;
                case "nat": return RouterOsMenu.Nat;
                default: return RouterOsMenu.None;
            }
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
                default: return "/";
            }
        }
    }
}
