// The built-in chains where a packet starts, with fixed indexes in every compiled table.
namespace Gateway.Core.Model
{
    /// <summary>Built-in chain a packet enters. The values are the chains' indexes in a compiled table.</summary>
    public enum EntryChain : byte
    {
        /// <summary>To the gateway itself.</summary>
        Input = 0,
        /// <summary>Through the gateway.</summary>
        Forward = 1,
        /// <summary>From the gateway.</summary>
        Output = 2,
    }
}
