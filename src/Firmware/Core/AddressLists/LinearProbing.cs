// Backward-shift deletion for linear-probing tables (the store's index and its network counts): after a slot
// is emptied, a later slot of the same probe run moves up into the hole unless its home slot lies cyclically
// in (hole, j], so lookups never meet a gap and no tombstones are needed.
namespace Gateway.Core.AddressLists
{
    internal static class LinearProbing
    {
        /// <summary>True when the occupant of slot <paramref name="j"/>, whose home is <paramref name="home"/>,
        /// must stay where it is rather than move into <paramref name="hole"/>.</summary>
        public static bool StaysPut(int hole, int j, int home)
        {
            return hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        }
    }
}
