// Enum names do not exist at run time on nanoFramework: stable kebab-case tokens come from here.
namespace Gateway.Core.Package
{
    /// <summary>Stable text tokens for <see cref="PackageError"/>.</summary>
    public static class PackageErrors
    {
        public static string Token(PackageError error)
        {
            switch (error)
            {
                case PackageError.None: return "none";
                case PackageError.Truncated: return "truncated";
                case PackageError.Syntax: return "syntax";
                case PackageError.UnsupportedVersion: return "unsupported-version";
                case PackageError.TooLarge: return "too-large";
                case PackageError.UnknownField: return "unknown-field";
                case PackageError.BadValue: return "bad-value";
                case PackageError.UnknownChain: return "unknown-chain";
                case PackageError.JumpCycle: return "jump-cycle";
                case PackageError.UnknownList: return "unknown-list";
                case PackageError.NotSupported: return "not-supported";
                case PackageError.TableIdMismatch: return "table-id-mismatch";
                case PackageError.OverCapacity: return "over-capacity";
                case PackageError.DuplicateEntry: return "duplicate-entry";
                case PackageError.SourceIdMismatch: return "source-id-mismatch";
                default: return "unknown";
            }
        }
    }
}
