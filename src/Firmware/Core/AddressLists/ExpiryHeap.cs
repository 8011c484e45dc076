// A binary min-heap of address-list entry indexes keyed by their expiry time, so expiry and eviction
// find the next entry to go in O(log n) without sweeping the store. Allocation-free after construction.
namespace Gateway.Core.AddressLists
{
    /// <summary>Min-heap of entry indexes ordered by <c>keys[entry]</c>. Two heaps can share one storage
    /// array, one laid out from the front and one from the back, because together they never hold more
    /// entries than the store has.</summary>
    internal sealed class ExpiryHeap
    {
        /// <summary>The position of an entry in no heap.</summary>
        public const ushort NoPosition = ushort.MaxValue;

        private readonly ushort[] _storage;  // entry indexes; this heap's element i lives at Map(i)
        private readonly bool _fromEnd;
        private readonly uint[] _keys;       // the store's expiry codes (ExpiryCode), by entry index
        private readonly ushort[] _positions; // the store's heap positions, by entry index

        public ExpiryHeap(ushort[] storage, bool fromEnd, uint[] keys, ushort[] positions)
        {
            _storage = storage;
            _fromEnd = fromEnd;
            _keys = keys;
            _positions = positions;
        }

        public int Count { get; private set; }

        /// <summary>The entry that expires first; only when <see cref="Count"/> &gt; 0.</summary>
        public int Top { get { return _storage[Map(0)]; } }

        /// <summary>The entry at heap position <paramref name="position"/> (0 .. Count-1). The first positions
        /// hold entries close to expiry: position 0 the first, its children the first of each half, and so on.</summary>
        public int At(int position) { return _storage[Map(position)]; }

        /// <summary>Forgets every element (the store resets positions itself).</summary>
        public void Reset() { Count = 0; }

        public void Push(int entry)
        {
            int i = Count++;
            Place(i, entry);
            SiftUp(i);
        }

        /// <summary>Removes an entry that is in this heap.</summary>
        public void Remove(int entry)
        {
            int i = _positions[entry];
            int last = --Count;
            _positions[entry] = NoPosition;
            if (i == last) return;
            Place(i, _storage[Map(last)]);
            if (!SiftUp(i)) SiftDown(i);
        }

        /// <summary>Restores order after the entry's key changed.</summary>
        public void Update(int entry)
        {
            int i = _positions[entry];
            if (!SiftUp(i)) SiftDown(i);
        }

        private int Map(int i) { return _fromEnd ? _storage.Length - 1 - i : i; }

        private void Place(int i, int entry)
        {
            _storage[Map(i)] = (ushort)entry;
            _positions[entry] = (ushort)i;
        }

        private bool SiftUp(int i)
        {
            bool moved = false;
            int entry = _storage[Map(i)];
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                int up = _storage[Map(parent)];
                if (_keys[up] <= _keys[entry]) break;
                Place(i, up);
                i = parent;
                moved = true;
            }
            Place(i, entry);
            return moved;
        }

        private void SiftDown(int i)
        {
            int entry = _storage[Map(i)];
            for (;;)
            {
                int child = 2 * i + 1;
                if (child >= Count) break;
                if (child + 1 < Count)
                {
                    // The earlier of the two children, picked by arithmetic: which one is random, a branch
                    // on it would be mispredicted half the time (a refreshed knock entry walks to a leaf).
                    long later = (long)_keys[_storage[Map(child)]] - _keys[_storage[Map(child + 1)]];
                    child += (int)((ulong)(-later) >> 63);
                }
                int down = _storage[Map(child)];
                if (_keys[entry] <= _keys[down]) break;
                Place(i, down);
                i = child;
            }
            Place(i, entry);
        }
    }
}
