// Spoofing, measured with forged packets on the tap (root): what the stack drops moves no knock (SYN with RST
// or FIN, a bad checksum), and what a forged packet with a victim's source address costs that victim on
// examples/hardened.js: one stray SYN between the steps of a spaced knock burns it for the step's window (10 s),
// seven SYNs to low ports flag the victim for psd's 10 minutes (a day before this change).
using System.Net;
using Gateway.Rules;
using Xunit.Abstractions;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class SpoofingTests(ITestOutputHelper output)
{
    private static readonly int[] Door = { 7431, 2917, 8862 };

    private static RunningEmulator Start(string test, bool? checksumsComplete = null)
    {
        var emulator = new RunningEmulator("auto", checksumsComplete: checksumsComplete);
        if (!emulator.SeesPackets)
        {
            emulator.Dispose();
            Assert.False(Tools.InCi, "CI runs as root, yet the emulator fell back to listeners");
            SkipReport.If(true, test, "forged packets need raw sockets (run as root)");
        }
        return emulator;
    }

    // Sends one forged segment and waits until the tap has taken it (so it is judged before what follows).
    private static void Forge(RunningEmulator emulator, System.Net.Sockets.Socket raw, IPAddress from, int port, byte flags, bool badChecksum = false)
    {
        long before = emulator.Host.Read(h => h.App.PacketSight.Packets);
        RawTcp.Send(raw, from, emulator.Bind, port, flags, badChecksum);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.PacketSight.Packets) > before), "the tap did not take the forged packet");
    }

    // Waits until every packet that has arrived so far has been judged: two loop passes that emptied the tap.
    private static void Settle(RunningEmulator emulator)
    {
        long emptied = emulator.Host.Read(h => h.App.PacketSight.Emptied);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.Host.Read(h => h.App.PacketSight.Emptied) >= emptied + 2), "the tap was not emptied");
    }

    [SkippableFact]
    public void Packets_the_stack_drops_move_no_knock()
    {
        using var emulator = Start(nameof(Packets_the_stack_drops_move_no_knock), checksumsComplete: true);
        using var raw = RawTcp.Open();
        var victim = IPAddress.Parse("127.0.44.1");
        // The built-in recipe: 9000 lists the source on port:9000.
        Forge(emulator, raw, victim, 9000, RawTcp.Syn | RawTcp.Rst);
        Forge(emulator, raw, victim, 9000, RawTcp.Syn | RawTcp.Fin);
        // Counted around the one packet: with checksums checked on lo, a stray local packet to this address (another
        // test run beside this one, whose clients may share it) would count too. (A CI run beside a second suite
        // saw one.)
        long badBefore = emulator.Host.Read(h => h.App.PacketSight.BadChecksum);
        Forge(emulator, raw, victim, 9000, RawTcp.Syn, badChecksum: true);
        Assert.Equal(badBefore + 1, emulator.Host.Read(h => h.App.PacketSight.BadChecksum));
        Assert.False(emulator.IsListed("port:9000", victim.ToString()));
        Forge(emulator, raw, victim, 9000, RawTcp.Syn);   // the same SYN, whole: a knock
        Assert.True(emulator.IsListed("port:9000", victim.ToString()));
    }

    [SkippableFact]
    public void A_forged_stray_syn_burns_a_spaced_knock_for_its_window_and_a_forged_scan_flags_for_ten_minutes()
    {
        using var emulator = Start(nameof(A_forged_stray_syn_burns_a_spaced_knock_for_its_window_and_a_forged_scan_flags_for_ten_minutes));
        emulator.Install(RulesFile.Load(Repo.Path("examples", "hardened.js")));
        using var raw = RawTcp.Open();
        var victim = IPAddress.Parse("127.0.45.1");
        const int Tries = 10;
        int opened = 0;
        for (int attempt = 0; attempt < Tries; attempt++)
        {
            // The victim knocks, a second between steps (emulator time); a forger sends one SYN "from" it between.
            emulator.KnockFrom(victim, Door[0]);
            emulator.Host.Advance(1000);
            emulator.KnockFrom(victim, Door[1]);
            Forge(emulator, raw, victim, 40_000 + attempt, RawTcp.Syn);
            emulator.Host.Advance(1000);
            emulator.KnockFrom(victim, Door[2]);
            Settle(emulator);
            if (emulator.IsListed("secure", victim.ToString())) opened++;
            emulator.Host.Advance(11_000);   // the burn (the step's 10 s window) is over
        }
        output.WriteLine($"one forged stray SYN between the steps of a spaced knock: {opened} of {Tries} knocks opened");
        Assert.Equal(0, opened);
        // The victim's next knock, a window after the last forged packet, opens.
        foreach (int port in Door) emulator.KnockFrom(victim, port);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("secure", victim.ToString())), "the victim could not knock once the forging stopped");

        // psd (21 weight within 3 s gaps, 3 per port below 1024): seven forged SYNs flag the victim.
        var flagged = IPAddress.Parse("127.0.46.1");
        for (int port = 20; port <= 26; port++) Forge(emulator, raw, flagged, port, RawTcp.Syn);
        Assert.True(emulator.IsListed("knock:door:scanners", flagged.ToString()));
        emulator.Host.Advance(10 * 60_000 - 1_000);
        Assert.True(emulator.IsListed("knock:door:scanners", flagged.ToString()));
        emulator.Host.Advance(2_000);
        Assert.False(emulator.IsListed("knock:door:scanners", flagged.ToString()));
        output.WriteLine("seven forged SYNs to ports 20-26: the victim shut out for 10 minutes (psdTimeout; it was a day)");
        foreach (int port in Door) emulator.KnockFrom(flagged, port);
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("secure", flagged.ToString())), "the flagged victim could not knock after psd's timeout");
    }
}
