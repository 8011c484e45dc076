// A peer that stops reading stalls only itself: a knocked client floods the network console with commands
// and never reads its replies; the serial console keeps answering, a second client still gets its
// greeting, and the stalled client is closed once its output made no progress for Capacity.PeerStallMs
// of emulator time. Waits on conditions; the only time bound is the serial link's generous reply timeout.
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Cli.Commands;
using Gateway.Cli.Serial;
using Gateway.Core;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class StalledPeerTests
{
    /// <summary>Socket buffers of the flooding client: small, so the stall comes after kilobytes, not megabytes.</summary>
    private const int ClientBufferBytes = 4096;

    [Fact]
    public void A_console_client_that_never_reads_does_not_freeze_the_loop()
    {
        using var emulator = new RunningEmulator();
        emulator.KnockOpen();

        using var flooder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveBufferSize = ClientBufferBytes, SendBufferSize = ClientBufferBytes,
        };
        flooder.Connect(emulator.Bind, emulator.ConsolePort);
        Assert.True(emulator.LogIn(flooder), "the generated password did not log in");
        Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.Consoles.Open) == 1));
        flooder.Blocking = false;
        byte[] command = Encoding.ASCII.GetBytes("/ip firewall filter print\r");
        long flooded = 0;
        // Send until the socket takes no more: the gateway has stopped reading us because its replies wait.
        Assert.True(RunningEmulator.WaitUntil(() =>
        {
            while (true)
            {
                flooder.Send(command, 0, command.Length, SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock) return true;
                Assert.Equal(SocketError.Success, error);
                flooded += command.Length;
            }
        }), "the flood never filled the connection");
        Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.Consoles.Open) == 1));

        // While the stall persists, the loop keeps serving everything else.
        using (var link = new SerialLink(emulator.Pty))
            for (int i = 0; i < 3; i++) Assert.NotNull(link.Request("!status"));   // each answered within the link's 10 s
        var second = IPAddress.Parse("127.0.0.2");   // one session per address: the second host has its own
        emulator.KnockFrom(second, 9000, 6000);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("secure", "127.0.0.2")), "the second host's knock did not open the door");
        Assert.True(emulator.ConsoleOpens(second), "a second host got no greeting while the first was stalled");
        Assert.True(emulator.Host.Read(h => h.App.Consoles.Open) >= 1);

        // Past the stall time the stalled client is closed and its slot is free again.
        emulator.Host.Advance(Capacity.PeerStallMs);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.Consoles.PeersDropped == 1 && h.App.Consoles.Open == 0)),
            $"the stalled client (flooded {flooded} bytes) was not closed");
        Assert.True(emulator.ConsoleOpens());
    }
}
