// Each component that holds sessions keeps its slots as a socket-handle array beside its peers' endpoints;
// these count over those arrays the same way for every component.
using Gateway.Core.Hardware;
using Gateway.Core.Model;

namespace Gateway.Host.App
{
    /// <summary>Counting over a component's slot arrays (a handle per slot, <see cref="Sockets.NoSocket"/> when free).</summary>
    public static class HeldSlots
    {
        public static int CountOpen(int[] handles)
        {
            int n = 0;
            for (int i = 0; i < handles.Length; i++) if (handles[i] != Sockets.NoSocket) n++;
            return n;
        }

        public static int CountFrom(int[] handles, Endpoint[] peers, Family family, uint[] address, int prefix)
        {
            int words = AddressWords.Of(family), n = 0;
            for (int i = 0; i < handles.Length; i++)
                if (handles[i] != Sockets.NoSocket && peers[i].Family == family && AddressWords.SamePrefix(peers[i].Address, address, words, prefix)) n++;
            return n;
        }
    }
}
