// Forged TCP segments, as a spoofing or flooding tool sends them: a raw IPv4 socket with the header included
// (the kernel fills in the total length, id and header checksum), any source address, any flags.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Gateway.EndToEnd.Tests;

internal static class RawTcp
{
    public const byte Syn = 0x02, Rst = 0x04, Fin = 0x01;

    /// <summary>A raw socket that sends whole IPv4 packets (needs root or CAP_NET_RAW). It also gets a copy of
    /// every TCP packet and never reads them: a small queue.</summary>
    public static Socket Open()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);
        socket.ReceiveBufferSize = 4096;
        return socket;
    }

    /// <summary>Writes a 40-byte IPv4 + TCP segment with these flags into <paramref name="p"/>, its TCP checksum
    /// right unless <paramref name="badChecksum"/>.</summary>
    public static void Segment(byte[] p, byte[] src, byte[] dst, int sport, int dport, uint seq, byte flags, bool badChecksum = false)
    {
        Array.Clear(p, 0, 40);
        p[0] = 0x45;
        p[8] = 64;
        p[9] = 6;
        src.CopyTo(p, 12);
        dst.CopyTo(p, 16);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(20), (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(22), (ushort)dport);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(24), seq);
        p[32] = 5 << 4;
        p[33] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(34), 1024);
        uint sum = 0;
        for (int i = 12; i < 20; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(i));
        sum += 6 + 20;
        for (int i = 20; i < 40; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(i));
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(36), (ushort)(~sum ^ (badChecksum ? 0x5A5A : 0)));
    }

    /// <summary>Sends one forged segment from <paramref name="from"/> to the emulator's <paramref name="port"/>.</summary>
    public static void Send(Socket socket, IPAddress from, IPAddress to, int port, byte flags, bool badChecksum = false)
    {
        var packet = new byte[40];
        Segment(packet, from.GetAddressBytes(), to.GetAddressBytes(), Random.Shared.Next(20_000, 60_000), port, (uint)Random.Shared.Next(), flags, badChecksum);
        socket.SendTo(packet, new IPEndPoint(to, 0));
    }

    /// <summary>The flood tests' spoofed sources: 20,000 hosts in 80 networks of 127.1.0.0/16, 250 per /24.</summary>
    public const int FloodNetworks = 80, FloodHostsPerNetwork = 250, FloodSources = FloodNetworks * FloodHostsPerNetwork;

    /// <summary>Writes source number <paramref name="source"/>'s SYN to the seed recipe's first step (tcp 9000) into
    /// <paramref name="packet"/> (40 bytes), its address into <paramref name="from"/>.</summary>
    public static void FirstStepSyn(byte[] packet, byte[] from, byte[] dst, int source)
    {
        from[0] = 127;
        from[1] = 1;
        from[2] = (byte)(source % FloodNetworks);
        from[3] = (byte)(source / FloodNetworks + 1);
        Segment(packet, from, dst, 20_000 + source % 40_000, 9000, (uint)source * 7919u, Syn);
    }
}
