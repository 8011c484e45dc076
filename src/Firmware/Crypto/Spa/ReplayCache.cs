// The tags of accepted SPA datagrams, remembered until the datagram could no longer pass the age check (its
// authenticated timestamp plus the stanza's maximum age): a replay within that window is refused, and after it
// the age check refuses the datagram anyway, so the entry can go. Fixed memory, unlike fwknopd's cache, which
// grows without bound: when every slot holds a live entry the datagram is refused, never a live entry
// forgotten (forgetting one would let its replay in). The first 16 bytes of an HMAC-SHA-256 tag name a
// datagram: tags of accepted datagrams cannot be chosen by anyone without the key, and 128 bits do not collide
// by chance. Time is Unix seconds from the caller's wall clock.
namespace Gateway.Crypto.Spa
{
    public enum ReplayOutcome
    {
        /// <summary>Not seen before: remembered until its expiry.</summary>
        Remembered = 0,
        /// <summary>Seen before, and still inside the age window: a replay.</summary>
        Replayed = 1,
        /// <summary>Every slot holds a live entry: refused, nothing forgotten.</summary>
        Full = 2,
    }

    public sealed class ReplayCache
    {
        /// <summary>Bytes of 4 words of tag and an expiry (8 bytes) per entry.</summary>
        public const int BytesPerEntry = 24;
        private const int TagWords = 4;

        private readonly uint[] _tags;
        private readonly long[] _expiresAt;

        /// <param name="capacity">Datagrams remembered at once (at least 1).</param>
        public ReplayCache(int capacity)
        {
            if (capacity < 1) capacity = 1;
            _tags = new uint[capacity * TagWords];
            _expiresAt = new long[capacity];
            for (int i = 0; i < capacity; i++) _expiresAt[i] = long.MinValue;
        }

        public int Capacity { get { return _expiresAt.Length; } }

        /// <summary>Entries still inside their window at <paramref name="nowSeconds"/>.</summary>
        public int Live(long nowSeconds)
        {
            int live = 0;
            for (int i = 0; i < _expiresAt.Length; i++) if (_expiresAt[i] > nowSeconds) live++;
            return live;
        }

        /// <summary>Looks the datagram's tag up and remembers it while the clock is before <paramref name="expiresAtSeconds"/>.</summary>
        public ReplayOutcome Remember(byte[] tag, int offset, long expiresAtSeconds, long nowSeconds)
        {
            uint a = Word(tag, offset), b = Word(tag, offset + 4), c = Word(tag, offset + 8), d = Word(tag, offset + 12);
            int free = -1;
            for (int i = 0; i < _expiresAt.Length; i++)
            {
                if (_expiresAt[i] <= nowSeconds)
                {
                    if (free < 0) free = i;
                    continue;
                }
                int at = i * TagWords;
                if (_tags[at] == a && _tags[at + 1] == b && _tags[at + 2] == c && _tags[at + 3] == d) return ReplayOutcome.Replayed;
            }
            if (free < 0) return ReplayOutcome.Full;
            int slot = free * TagWords;
            _tags[slot] = a; _tags[slot + 1] = b; _tags[slot + 2] = c; _tags[slot + 3] = d;
            _expiresAt[free] = expiresAtSeconds;
            return ReplayOutcome.Remembered;
        }

        /// <summary>Bytes one entry takes in <see cref="WriteLive"/>'s output: 16 of tag, 8 of expiry.</summary>
        public const int EntryBytes = 24;

        /// <summary>Writes the entries live at <paramref name="nowSeconds"/> (tag words and expiry, most significant
        /// byte first) from <paramref name="offset"/>; returns how many (the buffer holds Capacity entries).</summary>
        public int WriteLive(long nowSeconds, byte[] buffer, int offset)
        {
            int n = 0;
            for (int i = 0; i < _expiresAt.Length; i++)
            {
                if (_expiresAt[i] <= nowSeconds) continue;
                int at = offset + n * EntryBytes;
                for (int w = 0; w < TagWords; w++) PutWord(buffer, at + w * 4, _tags[i * TagWords + w]);
                PutWord(buffer, at + 16, (uint)(_expiresAt[i] >> 32));
                PutWord(buffer, at + 20, (uint)_expiresAt[i]);
                n++;
            }
            return n;
        }

        /// <summary>Remembers <paramref name="count"/> entries <see cref="WriteLive"/> wrote (a restart); false, and
        /// nothing taken, when they do not fit.</summary>
        public bool ReadEntries(byte[] buffer, int offset, int count)
        {
            if (count < 0 || count > _expiresAt.Length) return false;
            for (int i = 0; i < count; i++)
            {
                int at = offset + i * EntryBytes;
                for (int w = 0; w < TagWords; w++) _tags[i * TagWords + w] = Word(buffer, at + w * 4);
                _expiresAt[i] = ((long)Word(buffer, at + 16) << 32) | Word(buffer, at + 20);
            }
            return true;
        }

        private static void PutWord(byte[] b, int at, uint value)
        {
            b[at] = (byte)(value >> 24); b[at + 1] = (byte)(value >> 16); b[at + 2] = (byte)(value >> 8); b[at + 3] = (byte)value;
        }

        private static uint Word(byte[] b, int at)
        {
            return ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];
        }
    }
}
