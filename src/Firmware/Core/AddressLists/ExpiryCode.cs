// An address-list entry's expiry time in 32 bits: milliseconds after the store's epoch while that fits 31
// bits (24.8 days), whole 1,024 ms units beyond (up to 70 years; RouterOS's longest timeout is 248 days).
// The code is monotonic in the time, so heaps and comparisons work on codes; the store moves its epoch
// forward every RebaseAfterMs so that every timeout shorter than ~12 days keeps exact milliseconds.
namespace Gateway.Core.AddressLists
{
    /// <summary>Encoding of expiry times relative to an epoch (all methods pure).</summary>
    internal static class ExpiryCode
    {
        /// <summary>The code of "never expires" (none-dynamic and static entries).</summary>
        public const uint Never = uint.MaxValue;

        /// <summary>Codes below this are exact milliseconds after the epoch.</summary>
        public const uint FineLimit = 1u << 31;

        /// <summary>Beyond <see cref="FineLimit"/> a code counts units of 2^10 ms (rounded up: an entry that far
        /// out may live up to 1,023 ms longer than asked, never shorter).</summary>
        public const int CoarseShift = 10;

        /// <summary>How far the clock may run past the epoch before the store moves the epoch up: half the
        /// exact range, so a timeout up to 12.4 days from any add is always exact.</summary>
        public const long RebaseAfterMs = 1L << 30;

        public static uint Encode(long expiresAtMs, long epochMs)
        {
            if (expiresAtMs == long.MaxValue) return Never;
            long after = expiresAtMs - epochMs;
            if (after < 0) return 0;   // before the epoch: already over
            if (after < FineLimit) return (uint)after;
            long units = (after - FineLimit + (1L << CoarseShift) - 1) >> CoarseShift;
            long code = FineLimit + units;
            return code >= Never ? Never - 1 : (uint)code;
        }

        public static long Decode(uint code, long epochMs)
        {
            if (code == Never) return long.MaxValue;
            if (code < FineLimit) return epochMs + code;
            return epochMs + FineLimit + ((long)(code - FineLimit) << CoarseShift);
        }
    }
}
