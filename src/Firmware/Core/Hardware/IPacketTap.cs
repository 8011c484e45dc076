// Packet sight: a copy of every inbound packet addressed to the gateway, taken before the stack decides
// what to do with it (raw sockets: lwIP's raw PCBs on a board, Linux raw sockets in the emulator). The
// stack still answers on its own: a port nobody listens on gets RST or ICMP port unreachable, exactly
// like any other closed port, so knock ports need no listener and look closed to a scanner.
namespace Gateway.Core.Hardware
{
    /// <summary>Inbound IP packets, oldest first, without waiting.</summary>
    public interface IPacketTap
    {
        /// <summary>Opens the tap: "" when packets will be seen, otherwise why not (the gateway then falls
        /// back to listeners and shows the reason).</summary>
        string Open();

        /// <summary>Copies the next inbound packet, starting at its IP header, into <paramref name="buffer"/>:
        /// the bytes captured (a capture may stop after the headers), or 0 when none is waiting. Packets the
        /// gateway itself sent are never returned.</summary>
        int Take(byte[] buffer, int offset, int count);

        /// <summary>Packets the tap knows it lost (a full queue), since it was opened.</summary>
        long Lost { get; }

        /// <summary>True when captured packets carry the checksums their sender computed (a board's Ethernet, a
        /// real interface), so a bad one can be told; false on Linux loopback, where the kernel leaves a local
        /// sender's checksums unfinished (lo has no hardware to finish them) and accepts them unchecked.</summary>
        bool ChecksumsComplete { get; }

        /// <summary>Closes the tap's sockets.</summary>
        void Close();
    }
}
