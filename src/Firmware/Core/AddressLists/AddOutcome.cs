// What adding an address to a list did (routeros-semantics.md, "Address lists").
namespace Gateway.Core.AddressLists
{
    /// <summary>Result of an add to an <see cref="AddressListStore"/>.</summary>
    public enum AddOutcome : byte
    {
        /// <summary>A new entry was made.</summary>
        Inserted = 0,
        /// <summary>The address was listed already; its timeout was reset to the adding rule's.</summary>
        Refreshed,
        /// <summary>The address is a static entry of the list; it stays static and unchanged.</summary>
        KeptStatic,
        /// <summary>A configured (manual) add of an entry that exists: RouterOS's "already have such entry".</summary>
        AlreadyExists,
        /// <summary>The store is full and the eviction policy found no entry it may give up.</summary>
        Refused,
    }
}
