// How often the end-to-end sweep's scans (the real nmap: 20 full-range scans in random port order, 10
// sequential) open the verbatim seed recipe, whose wrong port does not reset the sequence (RouterOS's
// behaviour): whenever 9000 comes before 6000. Opt-in (GATEWAY_MEASURE_SCANS=1, about two minutes).
using Gateway.EndToEnd.Tests;
using Xunit.Abstractions;

namespace Gateway.Measurements;

[Collection(MeasurementGroup.Name)]
public class ScanMeasurement(ITestOutputHelper output)
{
    [SkippableFact]
    public void Measure_how_often_the_same_scans_open_the_seed_recipe()
    {
        SkipReport.If(Environment.GetEnvironmentVariable("GATEWAY_MEASURE_SCANS") != "1", nameof(Measure_how_often_the_same_scans_open_the_seed_recipe), "set GATEWAY_MEASURE_SCANS=1 to measure (about two minutes)");
        string nmap = Tools.Require("nmap", "nmap");
        using var emulator = new RunningEmulator("auto", RunningEmulator.PrivateLoopback());
        int opened = SweepTests.Opens(emulator, "secure", nmap, output);   // lists carry on from scan to scan, as on a live gateway
        output.WriteLine($"seed recipe ({emulator.Host.Read(h => h.App.PacketSight.Description)}): {opened} of {SweepTests.Scans.Length} scans left the source in secure");
    }
}
