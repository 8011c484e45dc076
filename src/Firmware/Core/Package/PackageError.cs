// Why a rule package (or the RuleSet in it) was refused. Stable: the console and tests use the tokens.
namespace Gateway.Core.Package
{
    /// <summary>Reason a package was refused; <see cref="None"/> when it was taken.</summary>
    public enum PackageError : byte
    {
        None = 0,
        /// <summary>The input ended inside the document.</summary>
        Truncated,
        /// <summary>Not well-formed JSON, or JSON nested deeper than the format allows.</summary>
        Syntax,
        /// <summary>A format or version this reader does not know.</summary>
        UnsupportedVersion,
        /// <summary>The package, a string or a list is larger than its stated bound.</summary>
        TooLarge,
        /// <summary>A member or property the format does not define.</summary>
        UnknownField,
        /// <summary>A value that is not one of its property's forms, or properties that do not fit together.</summary>
        BadValue,
        /// <summary>A jump to a chain that has no rules, or to a built-in chain.</summary>
        UnknownChain,
        /// <summary>Chains that jump into each other in a loop.</summary>
        JumpCycle,
        /// <summary>A rule matches an address list that nothing fills.</summary>
        UnknownList,
        /// <summary>A RouterOS property the gateway does not implement yet.</summary>
        NotSupported,
        /// <summary>The stored table id does not match the RuleSet: the package was altered.</summary>
        TableIdMismatch,
        /// <summary>The RuleSet does not fit the tables' capacities.</summary>
        OverCapacity,
        /// <summary>An address-list entry given twice.</summary>
        DuplicateEntry,
        /// <summary>The stored source id does not match the source text: the source is not the one the
        /// rules were compiled from.</summary>
        SourceIdMismatch,
    }
}
