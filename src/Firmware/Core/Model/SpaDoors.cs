// The /spa content of a RuleSet: SPA doors in the order they were added, which is the order a datagram's source
// is matched against them (fwknopd tries its stanzas in order).
using System.Collections;

namespace Gateway.Core.Model
{
    public sealed class SpaDoors
    {
        private readonly ArrayList _doors = new ArrayList();

        public int Count { get { return _doors.Count; } }
        public SpaDoor At(int index) { return (SpaDoor)_doors[index]!; }
        public void Add(SpaDoor door) { _doors.Add(door); }
        public void RemoveAt(int index) { _doors.RemoveAt(index); }

        /// <summary>The door of that name, or null.</summary>
        public SpaDoor? Find(string name)
        {
            for (int i = 0; i < _doors.Count; i++) if (At(i).Name == name) return At(i);
            return null;
        }
    }
}
