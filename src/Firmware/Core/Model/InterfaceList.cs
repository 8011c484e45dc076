// /interface list: a named set of interfaces that in-interface-list= and out-interface-list= match.
// Members come from /interface list member lines and from the lists named in include=, minus those in
// exclude= (RouterOS manual, "Interface Lists").
namespace Gateway.Core.Model
{
    /// <summary>A list defined with <c>/interface list add name=...</c>.</summary>
    public sealed class InterfaceList
    {
        public string Name { get; set; } = "";
        /// <summary><c>include=</c>: comma-separated list names whose members are members too, or null.</summary>
        public string? Include { get; set; }
        /// <summary><c>exclude=</c>: comma-separated list names whose members are not members, or null.</summary>
        public string? Exclude { get; set; }
        public string? Comment { get; set; }
        public int SourceLine { get; set; }
        public int SourceColumn { get; set; }
        public int SourceOffset { get; set; } = -1;
    }

    /// <summary>One <c>/interface list member add list=... interface=...</c>.</summary>
    public sealed class InterfaceListMember
    {
        public string List { get; set; } = "";
        public string Interface { get; set; } = "";
        public bool IsDisabled { get; set; }
        public string? Comment { get; set; }
        public int SourceLine { get; set; }
        public int SourceColumn { get; set; }
        public int SourceOffset { get; set; } = -1;
    }
}
