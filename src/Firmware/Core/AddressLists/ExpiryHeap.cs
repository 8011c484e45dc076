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

        private readonly ushort[] _storage;  // entry indexes; this heap's element i lives at _origin + _step * i
        private readonly int _origin;        // where element 0 lives: the first slot, or the last from the end
        private readonly int _step;          // +1 from the front, -1 from the end (arithmetic, not a call per access:
                                             // on the board every call is interpreted)
        private readonly uint[] _keys;       // the store's expiry codes (ExpiryCode), by entry index
        private readonly ushort[] _positions; // the store's heap positions, by entry index

        public ExpiryHeap(ushort[] storage, bool fromEnd, uint[] keys, ushort[] positions)
        {
            _storage = storage;
            _origin = fromEnd ? storage.Length - 1 : 0;
            _step = fromEnd ? -1 : 1;
            _keys = keys;
            _positions = positions;
        }

        private int _count;

        public int Count { get { return _count; } }

        /// <summary>The entry that expires first; only when <see cref="Count"/> &gt; 0.</summary>
        public int Top { get { return _storage[_origin]; } }

        /// <summary>The entry at heap position <paramref name="position"/> (0 .. Count-1). The first positions
        /// hold entries close to expiry: position 0 the first, its children the first of each half, and so on.</summary>
        public int At(int position) { return _storage[_origin + _step * position]; }

        /// <summary>Forgets every element (the store resets positions itself).</summary>
        public void Reset() { _count = 0; }

        public void Push(int entry)
        {
            int i = _count++;
            Place(i, entry);
            SiftUp(i);
        }

        /// <summary>Removes an entry that is in this heap.</summary>
        public void Remove(int entry)
        {
            int i = _positions[entry];
            int last = --_count;
            _positions[entry] = NoPosition;
            if (i == last) return;
            Place(i, _storage[_origin + _step * last]);
            if (!SiftUp(i)) SiftDown(i);
        }

        /// <summary>Restores order after the entry's key changed.</summary>
        /// <param name="later">True when the key grew or stayed (a timeout refreshed from a later time): the entry can
        /// only move down, so the sift up that would find nothing to do is skipped (on the board, ~70 IL on every
        /// refreshed knock); false when it shrank (a shorter timeout): it can only move up.</param>
        public void Update(int entry, bool later)
        {
            int i = _positions[entry];
            if (later) SiftDown(i);
            else SiftUp(i);
        }

        private void Place(int i, int entry)
        {
            _storage[_origin + _step * i] = (ushort)entry;
            _positions[entry] = (ushort)i;
        }

        // The sifts keep the arrays and the layout in locals and place entries inline: on the board each field
        // load and call is an interpreted step, and a flood's evictions sift on every packet.
        private bool SiftUp(int i)
        {
            ushort[] storage = _storage, positions = _positions;
            uint[] keys = _keys;
            int origin = _origin, step = _step;
            bool moved = false;
            int entry = storage[origin + step * i];
            uint key = keys[entry];
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                int up = storage[origin + step * parent];
                if (keys[up] <= key) break;
                storage[origin + step * i] = (ushort)up;
                positions[up] = (ushort)i;
                i = parent;
                moved = true;
            }
            storage[origin + step * i] = (ushort)entry;
            positions[entry] = (ushort)i;
            return moved;
        }

        private void SiftDown(int i)
        {
            ushort[] storage = _storage, positions = _positions;
            uint[] keys = _keys;
            int origin = _origin, step = _step, count = _count;
            int entry = storage[origin + step * i];
            uint key = keys[entry];
            for (;;)
            {
                int child = 2 * i + 1;
                if (child >= count) break;
                if (child + 1 < count)
                {
                    // The earlier of the two children, picked by arithmetic: which one is random, a branch
                    // on it would be mispredicted half the time (a refreshed knock entry walks to a leaf).
                    long later = (long)keys[storage[origin + step * child]] - keys[storage[origin + step * (child + 1)]];
                    child += (int)((ulong)(-later) >> 63);
                }
                int down = storage[origin + step * child];
                if (key <= keys[down]) break;
                storage[origin + step * i] = (ushort)down;
                positions[down] = (ushort)i;
                i = child;
            }
            storage[origin + step * i] = (ushort)entry;
            positions[entry] = (ushort)i;
        }
    }
}
