// A configured address-list entry (/ip firewall address-list add list=... address=...).
namespace Gateway.Core.Model
{
    /// <summary>An address-list entry written in the rules: an address, prefix or (IPv4) range in a list.</summary>
    public sealed class ListEntry
    {
        public string List { get; set; } = "";
        /// <summary>Never negated.</summary>
        public AddressMatch? Address { get; set; }
        /// <summary>Static unless <c>timeout=</c> says otherwise.</summary>
        public ListTimeoutKind TimeoutKind { get; set; } = ListTimeoutKind.Static;
        public long TimeoutMs { get; set; }
        public bool IsDisabled { get; set; }
        public string? Comment { get; set; }
        public int SourceOffset { get; set; } = -1;
        /// <summary>1-based line in the rules file it came from, or 0 when unknown.</summary>
        public int SourceLine { get; set; }
        /// <summary>1-based column in the rules file it came from, or 0 when unknown.</summary>
        public int SourceColumn { get; set; }
    }
}
