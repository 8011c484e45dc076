// How long an address-list entry lives (routeros-semantics.md, "Address lists").
namespace Gateway.Core.Model
{
    /// <summary>Lifetime of an address-list entry.</summary>
    public enum ListTimeoutKind : byte
    {
        /// <summary>Expires after a time; not persisted.</summary>
        Timed = 0,
        /// <summary><c>none-dynamic</c>: never expires; gone after a reboot. The default of a rule.</summary>
        NoneDynamic,
        /// <summary><c>none-static</c> or a manual entry without timeout: never expires; persisted and exported.</summary>
        Static,
    }
}
