// An address and port, reused by the network layer to report peers without allocating per event.
using Gateway.Core.Model;

namespace Gateway.Core.Hardware
{
    /// <summary>A network endpoint: family, address words (most significant first) and port.</summary>
    public sealed class Endpoint
    {
        public Family Family { get; set; }
        public uint[] Address { get; } = new uint[4];
        public int Port { get; set; }

        /// <summary>An array of <paramref name="count"/> endpoints, each its own instance (filled in place later).</summary>
        public static Endpoint[] NewArray(int count)
        {
            Endpoint[] e = new Endpoint[count];
            for (int i = 0; i < count; i++) e[i] = new Endpoint();
            return e;
        }

        public void CopyFrom(Endpoint other)
        {
            Family = other.Family;
            for (int i = 0; i < 4; i++) Address[i] = other.Address[i];
            Port = other.Port;
        }

        public bool SameAs(Endpoint other)
        {
            return Port == other.Port && HasAddress(other.Family, other.Address);
        }

        /// <summary>True for this family and these address words (a packet's Src, another endpoint's Address).</summary>
        public bool HasAddress(Family family, uint[] words)
        {
            if (Family != family) return false;
            for (int i = 0; i < 4; i++) if (Address[i] != words[i]) return false;
            return true;
        }
    }
}
