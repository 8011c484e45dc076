// Fair under flood with fixed memory: 20,000 sources from 80 networks (127.1.0.0/16, 250 hosts per /24) send
// first-step knocks of the built-in seed recipe (spoofed raw SYNs to tcp 9000, as a SYN flood tool sends them)
// as fast as the emulator takes them, while a legitimate host knocks with the real `knock` client, 3 s between
// its steps. Each try must outlast a full turnover of the address-list store (asserted from the eviction
// count), open the door 10 times of 10, and leave memory flat.
using Xunit.Abstractions;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class FloodFairnessTests(ITestOutputHelper output)
{
    private const int Batch = 256;
    private const int StepSpacingMs = 3_000;
    private const int Tries = 10;

    [SkippableFact]
    public void A_20000_source_flood_of_first_steps_does_not_evict_a_legitimate_knock_in_progress()
    {
        string knock = Tools.Require("knock", "knockd");
        using var emulator = new RunningEmulator("auto");
        if (!emulator.SeesPackets)
        {
            Assert.False(Tools.InCi, "CI runs as root, yet the emulator fell back to listeners");
            SkipReport.If(true, nameof(A_20000_source_flood_of_first_steps_does_not_evict_a_legitimate_knock_in_progress), "spoofed SYNs from 20,000 sources need raw sockets (run as root)");
        }
        int capacity = emulator.Host.Read(h => h.Rules.Engine!.Table.Ipv4Lists.Capacity);

        using var flood = new SynFlood(emulator);
        Assert.True(RunningEmulator.WaitUntil(() => flood.Sent > 4 * capacity), "the flood did not start");

        int opened = 0;
        long heapAfterFirst = 0;
        for (int attempt = 1; attempt <= Tries; attempt++)
        {
            long evictionsBefore = Evictions(emulator);
            long sentBefore = flood.Sent;
            var (exit, text) = Tools.Run(knock, null, 30_000, "-d", StepSpacingMs.ToString(System.Globalization.CultureInfo.InvariantCulture), emulator.Address, "9000", "6000");
            Assert.True(exit == 0, text);
            bool granted = RunningEmulator.WaitUntil(() => emulator.IsListed("secure", "127.0.0.1"), 5_000);
            long evicted = Evictions(emulator) - evictionsBefore;
            output.WriteLine($"try {attempt}: {(granted ? "opened" : "NOT opened")}; {flood.Sent - sentBefore} flood SYNs and {evicted} evictions during it");
            // The pressure the issue measured: the store turned over at least once while the first step waited.
            Assert.True(evicted > capacity, $"only {evicted} evictions during try {attempt}: the flood did not fill the store");
            if (granted && emulator.ConsoleOpens()) opened++;
            // The grant and the step entries end; the flood goes on.
            emulator.Host.Advance(61_000);
            Assert.True(RunningEmulator.WaitUntil(() => !emulator.IsListed("secure", "127.0.0.1")));
            if (attempt == 1) heapAfterFirst = GC.GetTotalMemory(forceFullCollection: true);
        }
        long heapAfterLast = GC.GetTotalMemory(forceFullCollection: true);
        var (taken, lost, count) = emulator.Host.Read(h => (h.App.PacketSight.Packets, h.App.PacketSight.Lost, h.Rules.Engine!.Table.Ipv4Lists.Count));
        output.WriteLine($"{flood.Sent} flood SYNs from {RawTcp.FloodSources} sources; tap took {taken}, lost {lost}; store {count}/{capacity}; managed heap {heapAfterFirst / 1024} KB after try 1, {heapAfterLast / 1024} KB after try {Tries}; RSS {Environment.WorkingSet / (1024 * 1024)} MB");
        Assert.Equal(Tries, opened);
        Assert.InRange(count, 0, capacity);
        // Flat: nothing on the flood's path allocates; 4 MB leaves room for the test host's own bookkeeping.
        Assert.True(heapAfterLast - heapAfterFirst < 4 * 1024 * 1024, $"the managed heap grew by {(heapAfterLast - heapAfterFirst) / 1024} KB under the flood");
    }

    private static long Evictions(RunningEmulator emulator) => emulator.Host.Read(h => h.Rules.Engine!.Table.Ipv4Lists.Evictions);

    /// <summary>Spoofed TCP SYNs to the seed's first step from 127.1.n.h, sent in batches of <see cref="Batch"/>:
    /// the next batch goes when the emulator's tap has taken the last one.</summary>
    private sealed class SynFlood : SpoofedSynFlood
    {
        private readonly RunningEmulator _emulator;
        private long _takenBefore;

        public SynFlood(RunningEmulator emulator) : base(emulator.Bind, Batch, "syn-flood")
        {
            _emulator = emulator;
            Start();
        }

        protected override void BatchStarting() => _takenBefore = Taken();

        protected override void AwaitBatchGone()
        {
            while (!Stopping && Taken() < _takenBefore + Batch) Thread.Yield();
        }

        // Packets the tap took or the kernel dropped from its queue: either way the batch has left the queue.
        private long Taken() => _emulator.Host.Read(h => h.App.PacketSight.Packets + h.App.PacketSight.Lost);
    }
}
