// One printed item's properties as name=value text (what print shows and `where` compares), filled
// through IPropertyWriter by the model's Write methods plus the console's own (disabled, dynamic, counters).
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Host.RouterOs
{
    /// <summary>A small fixed bag of properties; a name written twice keeps its last value.</summary>
    public sealed class ItemProperties : IPropertyWriter
    {
        private const int MaxProperties = 48;
        private readonly string[] _names = StringArrays.New(MaxProperties);
        private readonly string[] _values = StringArrays.New(MaxProperties);
        private int _count;

        public int Count { get { return _count; } }
        public string NameAt(int index) { return _names[index]; }
        public string ValueAt(int index) { return _values[index]; }

        public void Clear() { _count = 0; }

        public void Put(string name, string value)
        {
            int at = IndexOf(name);
            if (at < 0)
            {
                if (_count == MaxProperties) return;   // more than any menu has
                at = _count++;
                _names[at] = name;
            }
            _values[at] = value;
        }

        /// <summary>The value of <paramref name="name"/>, or null when the item does not have it.</summary>
        public string? Find(string name)
        {
            int at = IndexOf(name);
            return at < 0 ? null : _values[at];
        }

        private int IndexOf(string name)
        {
            for (int i = 0; i < _count; i++) if (_names[i] == name) return i;
            return -1;
        }
    }
}
