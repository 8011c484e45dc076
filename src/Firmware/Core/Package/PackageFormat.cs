// The rule package's names and version (DESIGN.md, "rule package"). Changing the document's shape
// means a new version; the reader refuses versions it does not know.
namespace Gateway.Core.Package
{
    /// <summary>Member names and the version of the rule package document.</summary>
    public static class PackageFormat
    {
        /// <summary>Value of the <c>format</c> member.</summary>
        public const string FormatName = "gateway-rule-package";
        /// <summary>The version this code writes and reads. 2 added <c>source-id</c>; version 1 packages are
        /// refused with their version named (push them again: the PC writes version 2).</summary>
        public const int Version = 2;

        public const string Format = "format";
        public const string VersionMember = "version";
        public const string TableId = "table-id";
        /// <summary>FNV-1a 64 of the source's file name, a line feed and its text (UTF-8), 16 hex digits:
        /// binds the source a package carries (what <c>pull</c> returns) to the package.</summary>
        public const string SourceId = "source-id";
        public const string Source = "source";
        public const string SourceFile = "file";
        public const string SourceText = "text";
        public const string RuleSet = "ruleset";
        public const string Ipv4 = "ip";
        public const string Ipv6 = "ipv6";
        public const string Filter = "filter";
        public const string AddressList = "address-list";
        public const string Nat = "nat";
        /// <summary>A family's <c>/ip firewall raw</c> rules; written only when there are some.</summary>
        public const string Raw = "raw";
        /// <summary>Ruleset members for <c>/interface list</c> and its members; written only when not empty,
        /// so a RuleSet without interface lists keeps the bytes (and table id) it always had.</summary>
        public const string InterfaceList = "interface-list";
        public const string InterfaceListMember = "interface-list-member";
        /// <summary>Ruleset member for <c>/spa</c> doors; written only when there are some.</summary>
        public const string Spa = "spa";

        /// <summary>Characters of a table id: 16 lower-case hex digits.</summary>
        public const int TableIdChars = 16;
    }
}
