// The /interface list and /interface list member content of a RuleSet: family-independent, like the
// interfaces themselves. RouterOS's built-in lists exist without being defined.
using System.Collections;

namespace Gateway.Core.Model
{
    /// <summary>Interface lists and their members, in the order they were added.</summary>
    public sealed class InterfaceLists
    {
        /// <summary>Every interface, whatever its name.</summary>
        public const string All = "all";
        /// <summary>No interface.</summary>
        public const string None = "none";
        /// <summary>Dynamic interfaces (PPP, tunnels RouterOS creates): the gateway has none.</summary>
        public const string Dynamic = "dynamic";
        /// <summary>Configured interfaces: every interface of the gateway.</summary>
        public const string Static = "static";

        private readonly ArrayList _lists = new ArrayList();
        private readonly ArrayList _members = new ArrayList();

        public int ListCount { get { return _lists.Count; } }
        public int MemberCount { get { return _members.Count; } }
        public InterfaceList ListAt(int index) { return (InterfaceList)_lists[index]!; }
        public InterfaceListMember MemberAt(int index) { return (InterfaceListMember)_members[index]!; }
        public void AddList(InterfaceList list) { _lists.Add(list); }
        public void AddMember(InterfaceListMember member) { _members.Add(member); }

        /// <summary>True for all, none, dynamic and static.</summary>
        public static bool IsBuiltIn(string name)
        {
            return name == All || name == None || name == Dynamic || name == Static;
        }

        /// <summary>The defined list of that name, or null.</summary>
        public InterfaceList? Find(string name)
        {
            for (int i = 0; i < _lists.Count; i++) if (ListAt(i).Name == name) return ListAt(i);
            return null;
        }

        /// <summary>True when the name is built in or defined.</summary>
        public bool Exists(string name) { return IsBuiltIn(name) || Find(name) != null; }
    }
}
