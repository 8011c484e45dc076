// Times engines the honest way: a warm-up of whole runs first, long enough in time for .NET's tiered
// compilation to settle (a method is recompiled optimised only after it has run for a while, ~100 ms after
// its first calls, and again once profiled: a loop timed in its first 50 ms can take twice as long as later),
// then repetitions in which every engine runs once, the order rotating so no engine always runs first; each
// engine's time is the median of its repetitions. Its allocation is the least of them: an engine that allocates
// per decision allocates in every run, while a collection another thread triggers during a run can shift this
// thread's count by a few KB (2.6 KB over 2,000 decisions was seen with a thread allocating beside the bench).
using System.Diagnostics;

namespace Gateway.Cli.Bench;

internal static class Interleaved
{
    public sealed record Sample(string Name, double NsPerDecision, double BytesPerDecision, int Accepted);

    /// <summary>Least warm-up time per engine, in ms, by default.</summary>
    public const int DefaultWarmupMs = 1_000;

    /// <param name="o">Warm-up runs and time per engine (both must be reached before timing), timed repetitions.</param>
    public static Sample[] Measure(IReadOnlyList<IBenchEngine> engines, Workload workload, BenchOptions o)
    {
        int warmups = o.Warmups, repetitions = o.Repetitions;
        int n = engines.Count;
        var ns = new double[n][];
        var bytes = new double[n][];
        var accepted = new int[n];
        for (int e = 0; e < n; e++) { ns[e] = new double[repetitions]; bytes[e] = new double[repetitions]; }
        foreach (var engine in engines)
        {
            var warm = Stopwatch.StartNew();
            for (int w = 0; w < warmups || warm.ElapsedMilliseconds < o.WarmupMs; w++) { engine.Reset(); engine.Run(workload); }
        }
        for (int rep = 0; rep < repetitions; rep++)
        {
            for (int j = 0; j < n; j++)
            {
                int e = (j + rep) % n;
                engines[e].Reset();
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                accepted[e] = engines[e].Run(workload);
                long ticks = Stopwatch.GetTimestamp() - start;
                bytes[e][rep] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)workload.Count;
                ns[e][rep] = ticks * 1e9 / Stopwatch.Frequency / workload.Count;
            }
        }
        var samples = new Sample[n];
        for (int e = 0; e < n; e++) samples[e] = new Sample(engines[e].Name, Median(ns[e]), bytes[e].Min(), accepted[e]);
        return samples;
    }

    public static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
