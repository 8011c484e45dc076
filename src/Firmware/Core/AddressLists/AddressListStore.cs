// Timed address lists of one family in fixed memory: every array is allocated in the constructor and
// nothing after. Single addresses live in an open-addressing hash (O(1) expected find and insert);
// prefixes and ranges in a small section matched by a scan. Expiry and eviction use two min-heaps.
// An IPv4 entry costs 20 bytes, an IPv6 one 32: 16-bit entry indexes, a byte-sized list id, and a 32-bit
// expiry code relative to an epoch the store moves forward (ExpiryCode).
using Gateway.Core.Model;

namespace Gateway.Core.AddressLists
{
    /// <summary>
    /// All address lists of one family (RouterOS keeps IPv4 and IPv6 lists apart), keyed by list id.
    /// <para>Lifetime: an entry is live while <c>nowMs &lt; ExpiresAtMs</c>. Re-adding a listed address
    /// from a rule resets its timeout; a static entry stays static.</para>
    /// <para>Eviction when full: entries past their time go first. Then a dynamic entry of a list that does
    /// not grant access: among the <see cref="Capacity.EvictionSample"/> entries at the top of the expiry
    /// heap (those closest to expiry), the one whose network (IPv4 /24, IPv6 /48) holds the most such
    /// entries, the one expiring first on a tie. So a flood of knocks from a few networks evicts its own
    /// entries, not a lone host's progress from another network; a flood spread over more networks than
    /// the sample can tell apart degrades to closest-expiry-first. An entry of a list that grants access
    /// (one that an accept rule matches) is evicted only to make room for another entry of such a list,
    /// closest to expiry first. Static entries are never evicted. With no victim the add is refused and
    /// counted; the store never grows.</para>
    /// </summary>
    public sealed class AddressListStore
    {
        /// <summary>"None" for entry and slot indexes.</summary>
        public const int NoIndex = -1;
        /// <summary>Most list ids a store can hold: a list id is a byte, and one value marks a free entry.</summary>
        public const int MaxLists = 255;
        /// <summary>Marks a free entry in the list-id array.</summary>
        private const byte NoList = 0xFF;
        /// <summary>"No entry" in the 16-bit slot, heap and link arrays (capacity is at most 65,535, so entry
        /// indexes stop at 65,534).</summary>
        private const ushort NoEntry = ushort.MaxValue;

        private const byte KindStatic = (byte)ListTimeoutKind.Static;
        private const long NoExpiry = long.MaxValue;

        private readonly int _words;                // 32-bit words per address: 1 (IPv4) or 4 (IPv6)
        private readonly int _capacity;

        // Single-address entries, by entry index [0, capacity).
        private readonly uint[] _address;           // _words per entry, most significant first
        private readonly byte[] _list;              // list id; NoList = free entry
        private readonly uint[] _expires;           // ExpiryCode after _epochMs; Never for none-dynamic and static
        private readonly byte[] _kind;              // ListTimeoutKind
        private readonly ushort[] _link;            // live dynamic: heap position; free: next free entry; else NoEntry
        private int _firstFree;                     // head of the free list, NoIndex when full
        private long _epochMs;                      // the time expiry codes count from
        /// <summary>Nothing expires (and no rebase is due) before this time: ExpireDue's one compare, which the
        /// engine makes itself before calling it (a field, not a property: on the board a property is a call).</summary>
        internal long NextDueMs;

        // Hash index: slot -> entry index or NoEntry; size a power of two >= 2 * capacity (load <= 1/2).
        private readonly ushort[] _slots;
        private readonly int _slotMask;

        private readonly ExpiryHeap _dropFirst;     // dynamic entries of lists that do not grant access
        private readonly ExpiryHeap _dropLast;      // dynamic entries of lists that grant access
        private readonly bool[] _grants;            // by list id: an accept rule matches the list
        private readonly NetworkCounts _crowds;     // entries of _dropFirst by network

        // Prefix and range entries, packed in [0, _rangeCount).
        private readonly short[] _rangeList;
        private readonly ushort[] _rangesOf;        // by list id: how many range entries it has (none: no scan)
        private readonly uint[] _rangeLow;          // _words per entry
        private readonly uint[] _rangeHigh;
        private readonly long[] _rangeExpiresAtMs;
        private readonly byte[] _rangeKind;
        private long _nextRangeExpiryMs = NoExpiry; // earliest expiry in the range section

        /// <param name="family">Family of every address in the store.</param>
        /// <param name="capacity">Single-address entries over all lists.</param>
        /// <param name="rangeCapacity">Prefix and range entries over all lists.</param>
        /// <param name="listCount">Number of list ids (0 .. listCount-1).</param>
        /// <exception cref="System.ArgumentOutOfRangeException">A negative size, more than 65,535 entries or more than 255 lists.</exception>
        public AddressListStore(Family family, int capacity, int rangeCapacity, int listCount)
        {
            if (capacity < 0 || capacity > NetworkCounts.MaxCapacity || rangeCapacity < 0 || rangeCapacity > ushort.MaxValue || listCount < 0 || listCount > MaxLists)
                throw new System.ArgumentOutOfRangeException(nameof(capacity));
            Family = family;
            _words = AddressWords.Of(family);
            _capacity = capacity;
            _address = new uint[capacity * _words];
            _list = new byte[capacity];
            _expires = new uint[capacity];
            _kind = new byte[capacity];
            _link = new ushort[capacity];
            int slotCount = SlotCount(capacity);
            _slots = new ushort[slotCount];
            _slotMask = slotCount - 1;
            ushort[] heapStorage = new ushort[capacity];
            _dropFirst = new ExpiryHeap(heapStorage, false, _expires, _link);
            _dropLast = new ExpiryHeap(heapStorage, true, _expires, _link);
            _grants = new bool[listCount];
            _crowds = new NetworkCounts(family, capacity);
            _rangeList = new short[rangeCapacity];
            _rangesOf = new ushort[listCount];
            _rangeLow = new uint[rangeCapacity * _words];
            _rangeHigh = new uint[rangeCapacity * _words];
            _rangeExpiresAtMs = new long[rangeCapacity];
            _rangeKind = new byte[rangeCapacity];
            Clear();
        }

        /// <summary>Bytes one single-address entry costs, array elements only, at a power-of-two capacity of
        /// 128 or more (other capacities round the hash tables up): address words, list id (1), expiry code (4),
        /// kind (1), heap/free link (2), two 16-bit hash slots (4), one heap slot (2) and the network counts (2).
        /// IPv4: 20 bytes; IPv6: 32. Measured by MemoryFigureTests.</summary>
        public static int EntryBytes(Family family)
        {
            return AddressWords.Of(family) * 4 + 1 + 4 + 1 + 2 + 4 + 2 + 2;
        }

        /// <summary>Bytes a whole store takes (array elements only), with the hash tables rounded up as the
        /// constructor does: <see cref="EntryBytes"/> times the capacity at a power-of-two capacity of 128 or
        /// more, more otherwise.</summary>
        public static int BytesFor(Family family, int capacity, int rangeCapacity, int listCount)
        {
            int perEntry = AddressWords.Of(family) * 4 + 1 + 4 + 1 + 2 + 2;
            return capacity * perEntry + SlotCount(capacity) * 2 + NetworkCounts.Bytes(capacity)
                + rangeCapacity * RangeEntryBytes(family) + listCount * (1 + 2);
        }

        /// <summary>Bytes one prefix or range entry costs: list id (2), two bounds, expiry (8), kind (1).</summary>
        public static int RangeEntryBytes(Family family) { return 2 + 2 * AddressWords.Of(family) * 4 + 8 + 1; }

        // Hash slots for a capacity: a power of two at least twice it (load at most 1/2).
        private static int SlotCount(int capacity)
        {
            int slots = 1;
            while (slots < 2 * capacity) slots *= 2;
            return slots;
        }

        public Family Family { get; }
        /// <summary>Single-address entries the store can hold.</summary>
        public int Capacity { get { return _capacity; } }
        /// <summary>Prefix and range entries the store can hold.</summary>
        public int RangeCapacity { get { return _rangeList.Length; } }
        /// <summary>Number of list ids.</summary>
        public int ListCount { get { return _grants.Length; } }

        // Fields, not auto-properties: the hot path counts on every add, and on the board a property's
        // setter is an interpreted call.
        private int _count, _rangeCount;
        private long _inserts, _refreshes, _expirations, _evictions, _refusals;

        /// <summary>Live single-address entries (including expired ones not yet collected).</summary>
        public int Count { get { return _count; } }
        /// <summary>Live prefix and range entries.</summary>
        public int RangeCount { get { return _rangeCount; } }
        /// <summary>Entries made (any section).</summary>
        public long Inserts { get { return _inserts; } }
        /// <summary>Timeouts reset by re-adding a listed address.</summary>
        public long Refreshes { get { return _refreshes; } }
        /// <summary>Entries removed because their time ran out.</summary>
        public long Expirations { get { return _expirations; } }
        /// <summary>Entries removed to make room (see the eviction policy above).</summary>
        public long Evictions { get { return _evictions; } }
        /// <summary>Adds refused because the store was full and nothing could be evicted.</summary>
        public long Refusals { get { return _refusals; } }

        /// <summary>Marks a list as granting access, which protects its entries in eviction. Set before
        /// any entry is added: the flag decides which heap an entry lives in.</summary>
        /// <exception cref="System.InvalidOperationException">The store holds entries.</exception>
        public void SetGrantsAccess(int list, bool grants)
        {
            if (_count > 0) throw new System.InvalidOperationException("set list flags before adding entries");
            _grants[list] = grants;
        }

        public bool GrantsAccess(int list) { return _grants[list]; }

        /// <summary>Empties the store and zeroes the counters.</summary>
        public void Clear()
        {
            for (int i = 0; i < _slots.Length; i++) _slots[i] = NoEntry;
            for (int i = 0; i < _capacity; i++)
            {
                _list[i] = NoList;
                _link[i] = i + 1 < _capacity ? (ushort)(i + 1) : NoEntry;
            }
            for (int l = 0; l < _rangesOf.Length; l++) _rangesOf[l] = 0;
            _firstFree = _capacity > 0 ? 0 : NoIndex;
            _dropFirst.Reset();
            _dropLast.Reset();
            _crowds.Clear();
            _count = 0;
            _rangeCount = 0;
            _nextRangeExpiryMs = NoExpiry;
            _epochMs = 0;
            NextDueMs = ExpiryCode.RebaseAfterMs;
            _inserts = 0;
            _refreshes = 0;
            _expirations = 0;
            _evictions = 0;
            _refusals = 0;
        }

        /// <summary>True when <paramref name="address"/> (words at <paramref name="at"/>) is in the list
        /// as a live single entry, or inside a live prefix or range entry of it.</summary>
        public bool Contains(int list, uint[] address, int at, long nowMs)
        {
            int entry = NoIndex;
            if (_words == 1)
            {
                // IPv4, the packet path: Find and Home4 written out (on the board every call is interpreted).
                uint word = address[at];
                uint h = ((uint)list * 0x9E3779B1u ^ word) * 0x85EBCA6Bu;
                int s = (int)((h ^ (h >> 15)) & (uint)_slotMask);
                ushort[] slots = _slots;
                for (;;)
                {
                    entry = slots[s];
                    if (entry == NoEntry) { entry = NoIndex; break; }
                    if (_address[entry] == word && _list[entry] == list) break;
                    s = (s + 1) & _slotMask;
                }
            }
            else entry = Find(list, address, at);
            if (entry != NoIndex && IsUnexpired(entry, nowMs)) return true;
            return _rangesOf[list] != 0 && InRanges(list, address, at, nowMs);
        }

        // nowMs < ExpiresAtMs(entry), by comparing codes while now is within the exact range after the epoch (the
        // store keeps it there: ExpireDue rebases before it leaves), which spares decoding on the packet path.
        private bool IsUnexpired(int entry, long nowMs)
        {
            long after = nowMs - _epochMs;
            if (after >= 0 && after < ExpiryCode.FineLimit) return _expires[entry] > (uint)after;
            return nowMs < ExpiresAtMs(entry);
        }

        private bool InRanges(int list, uint[] address, int at, long nowMs)
        {
            for (int r = 0; r < _rangeCount; r++)
            {
                if (_rangeList[r] == list && nowMs < _rangeExpiresAtMs[r]
                    && AddressWords.InRange(address, at, _rangeLow, _rangeHigh, r * _words, _words))
                    return true;
            }
            return false;
        }

        /// <summary>Adds the address as a rule does (add-src/dst-to-address-list). A listed address has
        /// its timeout reset (RouterOS); a static one stays as it is.</summary>
        public AddOutcome AddFromRule(int list, uint[] address, int at, ListTimeoutKind kind, long timeoutMs, long nowMs)
        {
            if (nowMs - _epochMs >= ExpiryCode.RebaseAfterMs) ExpireDue(nowMs);   // codes stay exact
            int entry = Find(list, address, at);
            if (entry != NoIndex && !IsUnexpired(entry, nowMs))
            {
                RemoveEntry(entry);
                _expirations++;
                entry = NoIndex;
            }
            if (entry != NoIndex)
            {
                if (_kind[entry] == KindStatic) return AddOutcome.KeptStatic;
                SetLifetime(entry, kind, timeoutMs, nowMs);
                _refreshes++;
                return AddOutcome.Refreshed;
            }
            return Insert(list, address, at, kind, timeoutMs, nowMs);
        }

        /// <summary>Adds a configured entry (rules file, console <c>add</c>): a single address to the hash,
        /// a prefix or range to the range section. An entry that exists is not changed.</summary>
        public AddOutcome AddEntry(int list, AddressMatch match, ListTimeoutKind kind, long timeoutMs, long nowMs)
        {
            if (match.IsSingle)
            {
                if (nowMs - _epochMs >= ExpiryCode.RebaseAfterMs) ExpireDue(nowMs);
                int entry = Find(list, match.Low, 0);
                if (entry != NoIndex && IsUnexpired(entry, nowMs)) return AddOutcome.AlreadyExists;
                if (entry != NoIndex) { RemoveEntry(entry); _expirations++; }
                return Insert(list, match.Low, 0, kind, timeoutMs, nowMs);
            }
            if (FindRange(list, match) != NoIndex) return AddOutcome.AlreadyExists;
            if (_rangeCount == _rangeList.Length) { _refusals++; return AddOutcome.Refused; }
            int r = _rangeCount++;
            _rangeList[r] = (short)list;
            for (int w = 0; w < _words; w++)
            {
                _rangeLow[r * _words + w] = match.Low[w];
                _rangeHigh[r * _words + w] = match.High[w];
            }
            _rangeKind[r] = (byte)kind;
            _rangeExpiresAtMs[r] = kind == ListTimeoutKind.Timed ? nowMs + timeoutMs : NoExpiry;
            _rangesOf[list]++;
            if (_rangeExpiresAtMs[r] < _nextRangeExpiryMs) _nextRangeExpiryMs = _rangeExpiresAtMs[r];
            if (_rangeExpiresAtMs[r] < NextDueMs) NextDueMs = _rangeExpiresAtMs[r];
            _inserts++;
            return AddOutcome.Inserted;
        }

        /// <summary>Removes a configured entry; false when there is none.</summary>
        public bool Remove(int list, AddressMatch match)
        {
            if (match.IsSingle)
            {
                int entry = Find(list, match.Low, 0);
                if (entry == NoIndex) return false;
                RemoveEntry(entry);
                return true;
            }
            int r = FindRange(list, match);
            if (r == NoIndex) return false;
            RemoveRange(r);
            return true;
        }

        /// <summary>Removes every entry whose time has run out by <paramref name="nowMs"/>. One compare when
        /// nothing is due (the packet path); else O(k log n) for k expired entries, the range section scanned
        /// only when one of it is due, and, every 12 days, the epoch moved up (O(n), to keep codes exact).</summary>
        public void ExpireDue(long nowMs)
        {
            if (nowMs < NextDueMs) return;
            CollectDue(nowMs);
        }

        private void CollectDue(long nowMs)
        {
            ExpireHeap(_dropFirst, nowMs);
            ExpireHeap(_dropLast, nowMs);
            if (nowMs >= _nextRangeExpiryMs)
            {
                long next = NoExpiry;
                for (int r = 0; r < _rangeCount;)
                {
                    if (nowMs >= _rangeExpiresAtMs[r]) { RemoveRange(r); _expirations++; continue; }
                    if (_rangeExpiresAtMs[r] < next) next = _rangeExpiresAtMs[r];
                    r++;
                }
                _nextRangeExpiryMs = next;
            }
            if (nowMs - _epochMs >= ExpiryCode.RebaseAfterMs) Rebase(nowMs);
            long due = _epochMs + ExpiryCode.RebaseAfterMs;
            if (_nextRangeExpiryMs < due) due = _nextRangeExpiryMs;
            if (_dropFirst.Count > 0 && ExpiresAtMs(_dropFirst.Top) < due) due = ExpiresAtMs(_dropFirst.Top);
            if (_dropLast.Count > 0 && ExpiresAtMs(_dropLast.Top) < due) due = ExpiresAtMs(_dropLast.Top);
            NextDueMs = due;
        }

        // Moves the epoch to now and re-encodes every live entry's expiry; order is kept, so the heaps stay valid.
        private void Rebase(long nowMs)
        {
            for (int i = 0; i < _capacity; i++)
                if (_list[i] != NoList && _expires[i] != ExpiryCode.Never)
                    _expires[i] = ExpiryCode.Encode(ExpiryCode.Decode(_expires[i], _epochMs), nowMs);
            _epochMs = nowMs;
        }

        // --- reading entries (console print, tests); entry indexes are [0, Capacity) ---

        /// <summary>True when the entry index holds an entry whose time has not run out.</summary>
        public bool IsLive(int entry, long nowMs) { return _list[entry] != NoList && nowMs < ExpiresAtMs(entry); }

        /// <summary>True for a live entry that is not static: what RouterOS marks D and forgets at a reboot.</summary>
        public bool IsLiveDynamic(int entry, long nowMs) { return IsLive(entry, nowMs) && _kind[entry] != KindStatic; }
        public int ListOf(int entry) { return _list[entry]; }
        public ListTimeoutKind KindOf(int entry) { return (ListTimeoutKind)_kind[entry]; }
        /// <summary>Expiry time in ms, or <see cref="long.MaxValue"/> for entries without timeout.</summary>
        public long ExpiresAtMs(int entry) { return ExpiryCode.Decode(_expires[entry], _epochMs); }
        /// <summary>Copies the entry's address words into <paramref name="into"/>.</summary>
        public void CopyAddress(int entry, uint[] into)
        {
            for (int w = 0; w < _words; w++) into[w] = _address[entry * _words + w];
        }

        /// <summary>List id of prefix/range entry <paramref name="range"/> (0 .. RangeCount-1).</summary>
        public int RangeListOf(int range) { return _rangeList[range]; }
        public ListTimeoutKind RangeKindOf(int range) { return (ListTimeoutKind)_rangeKind[range]; }
        public long RangeExpiresAtMs(int range) { return _rangeExpiresAtMs[range]; }
        /// <summary>Copies the range's first and last address words.</summary>
        public void CopyRange(int range, uint[] low, uint[] high)
        {
            for (int w = 0; w < _words; w++)
            {
                low[w] = _rangeLow[range * _words + w];
                high[w] = _rangeHigh[range * _words + w];
            }
        }

        /// <summary>The entry index of a single address in a list, or <see cref="NoIndex"/>.</summary>
        public int Find(int list, uint[] address, int at)
        {
            if (_words == 1)
            {
                // IPv4: one word to hash and one to compare.
                uint word = address[at];
                int s = Home4(list, word);
                for (;;)
                {
                    int entry = _slots[s];
                    if (entry == NoEntry) return NoIndex;
                    if (_address[entry] == word && _list[entry] == list) return entry;
                    s = (s + 1) & _slotMask;
                }
            }
            int slot = Home(list, address, at);
            for (;;)
            {
                int entry = _slots[slot];
                if (entry == NoEntry) return NoIndex;
                if (_list[entry] == list && SameAddress(entry, address, at)) return entry;
                slot = (slot + 1) & _slotMask;
            }
        }

        private AddOutcome Insert(int list, uint[] address, int at, ListTimeoutKind kind, long timeoutMs, long nowMs)
        {
            if (_firstFree == NoIndex)
            {
                // Entries past their time go before anything live is evicted.
                ExpireHeap(_dropFirst, nowMs);
                ExpireHeap(_dropLast, nowMs);
            }
            if (_firstFree == NoIndex && !EvictFor(list))
            {
                _refusals++;
                return AddOutcome.Refused;
            }
            int entry = _firstFree;
            _firstFree = _link[entry] == NoEntry ? NoIndex : _link[entry];
            _list[entry] = (byte)list;
            for (int w = 0; w < _words; w++) _address[entry * _words + w] = address[at + w];
            _link[entry] = NoEntry;
            _kind[entry] = KindStatic; // not in a heap yet; SetLifetime places it
            SetLifetime(entry, kind, timeoutMs, nowMs);
            int slot = Home(list, address, at);
            while (_slots[slot] != NoEntry) slot = (slot + 1) & _slotMask;
            _slots[slot] = (ushort)entry;
            _count++;
            _inserts++;
            return AddOutcome.Inserted;
        }

        // Gives the entry its new kind and expiry and keeps it in the right heap (or none, if static).
        private void SetLifetime(int entry, ListTimeoutKind kind, long timeoutMs, long nowMs)
        {
            bool wasInHeap = _kind[entry] != KindStatic;
            _kind[entry] = (byte)kind;
            long expiresAtMs = kind == ListTimeoutKind.Timed ? nowMs + timeoutMs : NoExpiry;
            uint code = ExpiryCode.Encode(expiresAtMs, _epochMs);
            bool later = code >= _expires[entry];   // equal: either sift is a no-op; down is the cheaper one
            _expires[entry] = code;
            if (expiresAtMs < NextDueMs) NextDueMs = expiresAtMs;
            ExpiryHeap heap = _grants[_list[entry]] ? _dropLast : _dropFirst;
            bool isInHeap = kind != ListTimeoutKind.Static;
            if (wasInHeap && isInHeap) heap.Update(entry, later);
            else if (wasInHeap) Leave(heap, entry);
            else if (isInHeap) Enter(heap, entry);
        }

        // Heap membership and the network counts change together: _crowds counts what _dropFirst holds.
        private void Enter(ExpiryHeap heap, int entry)
        {
            heap.Push(entry);
            if (heap == _dropFirst) _crowds.Add(_address, entry * _words);
        }

        private void Leave(ExpiryHeap heap, int entry)
        {
            heap.Remove(entry);
            if (heap == _dropFirst) _crowds.Remove(_address, entry * _words);
        }

        // Frees one entry by the eviction policy; false when the policy allows none.
        private bool EvictFor(int list)
        {
            int victim;
            if (_dropFirst.Count > 0) victim = CrowdedVictim();
            else if (_grants[list] && _dropLast.Count > 0) victim = _dropLast.Top;
            else return false;
            RemoveEntry(victim);
            _evictions++;
            return true;
        }

        // Among the entries at the top of the expiry heap, the one whose network holds the most evictable
        // entries; on a tie the one expiring first (position 0 is the first of all).
        private int CrowdedVictim()
        {
            ExpiryHeap heap = _dropFirst;
            NetworkCounts crowds = _crowds;
            uint[] address = _address, expires = _expires;
            int words = _words;
            int sample = heap.Count < Core.Capacity.EvictionSample ? heap.Count : Core.Capacity.EvictionSample;
            int victim = heap.Top;
            int crowd = crowds.Of(address, victim * words);
            for (int i = 1; i < sample; i++)
            {
                int entry = heap.At(i);
                int n = crowds.Of(address, entry * words);
                if (n > crowd || (n == crowd && expires[entry] < expires[victim]))
                {
                    victim = entry;
                    crowd = n;
                }
            }
            return victim;
        }

        private void ExpireHeap(ExpiryHeap heap, long nowMs)
        {
            while (heap.Count > 0 && nowMs >= ExpiresAtMs(heap.Top))
            {
                RemoveEntry(heap.Top);
                _expirations++;
            }
        }

        private void RemoveEntry(int entry)
        {
            if (_kind[entry] != KindStatic) Leave(_grants[_list[entry]] ? _dropLast : _dropFirst, entry);
            int slot = Home(_list[entry], _address, entry * _words);
            while (_slots[slot] != entry) slot = (slot + 1) & _slotMask;
            RemoveSlot(slot);
            _list[entry] = NoList;
            _link[entry] = _firstFree == NoIndex ? NoEntry : (ushort)_firstFree;
            _firstFree = entry;
            _count--;
        }

        // Backward-shift deletion for linear probing: later entries of the probe run move up into the hole
        // unless their home slot lies cyclically in (hole, j], so no tombstones are needed.
        private void RemoveSlot(int hole)
        {
            int j = hole;
            for (;;)
            {
                j = (j + 1) & _slotMask;
                int entry = _slots[j];
                if (entry == NoEntry) break;
                int home = Home(_list[entry], _address, entry * _words);
                if (LinearProbing.StaysPut(hole, j, home)) continue;
                _slots[hole] = (ushort)entry;
                hole = j;
            }
            _slots[hole] = NoEntry;
        }

        private int FindRange(int list, AddressMatch match)
        {
            for (int r = 0; r < _rangeCount; r++)
            {
                if (_rangeList[r] == list
                    && AddressWords.Compare(_rangeLow, r * _words, match.Low, 0, _words) == 0
                    && AddressWords.Compare(_rangeHigh, r * _words, match.High, 0, _words) == 0)
                    return r;
            }
            return NoIndex;
        }

        // Keeps the range section packed: the last entry moves into the freed place.
        private void RemoveRange(int r)
        {
            _rangesOf[_rangeList[r]]--;
            int last = --_rangeCount;
            _rangeList[r] = _rangeList[last];
            _rangeExpiresAtMs[r] = _rangeExpiresAtMs[last];
            _rangeKind[r] = _rangeKind[last];
            for (int w = 0; w < _words; w++)
            {
                _rangeLow[r * _words + w] = _rangeLow[last * _words + w];
                _rangeHigh[r * _words + w] = _rangeHigh[last * _words + w];
            }
        }

        private bool SameAddress(int entry, uint[] address, int at)
        {
            int baseIndex = entry * _words;
            for (int w = 0; w < _words; w++) if (_address[baseIndex + w] != address[at + w]) return false;
            return true;
        }

        // Multiplicative hashing of (list, address words); the high bits are folded down before masking.
        private int Home(int list, uint[] address, int at)
        {
            if (_words == 1) return Home4(list, address[at]);
            uint h = (uint)list * 0x9E3779B1u;
            for (int w = 0; w < _words; w++)
            {
                h ^= address[at + w];
                h *= 0x85EBCA6Bu;
                h ^= h >> 15;
            }
            return (int)(h & (uint)_slotMask);
        }

        // Home for one IPv4 word: the same mix as Home's first round.
        private int Home4(int list, uint word)
        {
            uint h = ((uint)list * 0x9E3779B1u ^ word) * 0x85EBCA6Bu;
            h ^= h >> 15;
            return (int)(h & (uint)_slotMask);
        }
    }
}
