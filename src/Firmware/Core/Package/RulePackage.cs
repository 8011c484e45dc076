// A rule package as read: the RuleSet, its table id and the source it was made from.
using Gateway.Core.Model;

namespace Gateway.Core.Package
{
    /// <summary>The content of a rule package.</summary>
    public sealed class RulePackage
    {
        internal RulePackage(RuleSet rules, string tableId, string sourceFile, string? sourceText)
        {
            RuleSet = rules;
            TableId = tableId;
            SourceFile = sourceFile;
            SourceText = sourceText;
        }

        public RuleSet RuleSet { get; }
        /// <summary>16 hex digits, checked against the RuleSet when read.</summary>
        public string TableId { get; }
        public string SourceFile { get; }
        /// <summary>The rules file's text, or null when the reader was told not to keep it.</summary>
        public string? SourceText { get; }
    }
}
