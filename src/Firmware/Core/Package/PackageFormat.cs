// The rule package's names and version (DESIGN.md, "rule package"). Changing the document's shape
// means a new version; the reader refuses versions it does not know.
namespace Gateway.Core.Package
{
    /// <summary>Member names and the version of the rule package document.</summary>
    public static class PackageFormat
    {
        /// <summary>Value of the <c>format</c> member.</summary>
        public const string FormatName = "gateway-rule-package";
        /// <summary>The version this code writes and reads.</summary>
        public const int Version = 1;

        public const string Format = "format";
        public const string VersionMember = "version";
        public const string TableId = "table-id";
        public const string Source = "source";
        public const string SourceFile = "file";
        public const string SourceText = "text";
        public const string RuleSet = "ruleset";
        public const string Ipv4 = "ip";
        public const string Ipv6 = "ipv6";
        public const string Filter = "filter";
        public const string AddressList = "address-list";
        public const string Nat = "nat";

        /// <summary>Characters of a table id: 16 lower-case hex digits.</summary>
        public const int TableIdChars = 16;
    }
}
