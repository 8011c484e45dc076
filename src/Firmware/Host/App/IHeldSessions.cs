// What the gateway holds open for a peer (network console sessions, forwarded TCP connections), seen as slots:
// the session review judges each open one again and resets what the rules no longer accept, and connection-limit
// counts them.
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Host.App
{
    /// <summary>Sessions held in slots, for the session review.</summary>
    public interface IHeldSessions
    {
        /// <summary>The chain a packet of one of these sessions enters (input for the console, forward for dst-nat).</summary>
        EntryChain Chain { get; }
        int Slots { get; }
        bool IsOpen(int slot);
        Endpoint PeerOf(int slot);
        /// <summary>Where the session's packets go: the console's own address, or the forward's LAN target.</summary>
        Endpoint DestinationOf(int slot);
        /// <summary>Ends a session the rules no longer accept.</summary>
        void Reset(int slot);
        /// <summary>Open sessions whose source shares <paramref name="prefix"/> bits with <paramref name="address"/>.</summary>
        int CountFrom(Family family, uint[] address, int prefix);
    }
}
