// Everything the engine needs to decide packets: both families' filter tables, their address-list
// stores, the interface names the rules use, and the forwards. Built only by the Compiler.
using Gateway.Core.AddressLists;
using Gateway.Core.Model;

namespace Gateway.Core.Tables
{
    /// <summary>A compiled RuleSet with its address lists, identified by its table id.</summary>
    public sealed class Table
    {
        internal Table(string tableId, string[] interfaces, FilterTable ipv4, FilterTable ipv6,
            AddressListStore ipv4Lists, AddressListStore ipv6Lists, Forward[] forwards)
        {
            TableId = tableId;
            Interfaces = interfaces;
            Ipv4 = ipv4;
            Ipv6 = ipv6;
            Ipv4Lists = ipv4Lists;
            Ipv6Lists = ipv6Lists;
            Forwards = forwards;
        }

        /// <summary>Content hash of the canonical RuleSet (16 hex digits), or empty when not given.</summary>
        public string TableId { get; }
        public FilterTable Ipv4 { get; }
        public FilterTable Ipv6 { get; }
        public AddressListStore Ipv4Lists { get; }
        public AddressListStore Ipv6Lists { get; }
        /// <summary>Enabled dst-nat forwards of both families.</summary>
        public Forward[] Forwards { get; }

        internal readonly string[] Interfaces;

        public FilterTable Filter(Family family) { return family == Family.Ipv4 ? Ipv4 : Ipv6; }

        public AddressListStore Lists(Family family) { return family == Family.Ipv4 ? Ipv4Lists : Ipv6Lists; }

        /// <summary>The id of an interface name for <see cref="Packets.Packet.InInterface"/>, or -1 when no rule
        /// names it (such a packet matches no <c>in-interface=X</c> and every <c>in-interface=!X</c>).
        /// Compares strings without allocating.</summary>
        public int InterfaceIndex(string name)
        {
            for (int i = 0; i < Interfaces.Length; i++) if (Interfaces[i] == name) return i;
            return FilterTable.NoIndex;
        }

        /// <summary>Bytes of the compiled rule arrays of both families (address-list stores excluded).</summary>
        public int TableBytes { get { return Ipv4.ArrayBytes + Ipv6.ArrayBytes; } }
    }
}
