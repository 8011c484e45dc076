// gateway bench --runtime nanoclr: the decision's cost where the gateway runs. nanoFramework interprets IL on
// the board, so the figures that carry over come from nanoCLR built from the pinned nanoFramework sources:
// IL instructions per decision (exact, from a counting build) and nanoseconds on this machine's nanoCLR, for
// the table engine and the hand-written Hashtable check a nanoFramework user would write, per kind of packet,
// with rule count and list size; with --callgrind also the interpreter's machine instructions per decision
// (valgrind's count: the IL's dispatch and the native code it calls, such as Hashtable's). The work is
// tools/nanoframework/nanoclr-run/run.sh (COUNT=1 BENCH=1), the same script CI runs; this reads the JSON it
// writes (bench-json.sh) and prints it or a table.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Gateway.Cli.Bench;

internal static class NanoClrBench
{
    public const string Script = "tools/nanoframework/nanoclr-run/run.sh";

    /// <summary>Runs the nanoCLR bench; null (with the reason on <paramref name="error"/>) when it cannot.</summary>
    /// <param name="sources">The exported nanoFramework sources (nf-interpreter, metadata-processor, the
    /// libraries); null: $NANO_SRC, else ../shared/nanoframework-src beside the checkout.</param>
    /// <param name="callgrind">Also count machine instructions under callgrind (run.sh CALLGRIND=1).</param>
    public static JsonObject? Run(string? sources, string? work, bool callgrind, TextWriter progress, TextWriter error)
    {
        string? repo = FindCheckout(AppContext.BaseDirectory) ?? FindCheckout(Directory.GetCurrentDirectory());
        if (repo == null)
        {
            error.WriteLine($"gateway: bench --runtime nanoclr runs from a Gateway checkout ({Script} was not found above {AppContext.BaseDirectory} or the current folder)");
            return null;
        }
        sources ??= Environment.GetEnvironmentVariable("NANO_SRC");
        sources ??= Path.GetFullPath(Path.Combine(repo, "..", "shared", "nanoframework-src"));
        foreach (string tree in new[] { "nf-interpreter", "metadata-processor", "nanoFramework.TestFramework", "nanoFramework.System.Collections" })
        {
            if (!Directory.Exists(Path.Combine(sources, tree)))
            {
                error.WriteLine($"gateway: bench --runtime nanoclr needs nanoFramework's sources: {Path.Combine(sources, tree)} is missing "
                    + "(give --nanoclr-sources DIR, or get them with tools/nanoframework/fetch-sources.sh)");
                return null;
            }
        }
        work ??= Path.Combine(Path.GetTempPath(), "gateway-nanoclr-bench");
        string json = Path.Combine(work, "out", "nanoclr-bench.json");
        if (File.Exists(json)) File.Delete(json);
        var start = new ProcessStartInfo("bash", new[] { Path.Combine(repo, Script) }) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NF_INTERPRETER"] = Path.Combine(sources, "nf-interpreter");
        start.Environment["METADATA_PROCESSOR"] = Path.Combine(sources, "metadata-processor");
        start.Environment["NANO_SRC"] = sources;
        start.Environment["PROJECT"] = repo;
        start.Environment["WORK"] = work;
        start.Environment["COUNT"] = "1";
        start.Environment["BENCH"] = "1";
        start.Environment["PATCH"] = "0";
        start.Environment["CALLGRIND"] = callgrind ? "1" : "0";
        progress.WriteLine($"bench: nanoCLR built from {sources} (the first run builds it, minutes; later runs reuse {work})");
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (progress) progress.WriteLine("  " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (progress) progress.WriteLine("  " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        if (!File.Exists(json))
        {
            error.WriteLine($"gateway: the nanoCLR bench wrote no figures (run.sh exit {process.ExitCode}; logs in {Path.Combine(work, "out")})");
            return null;
        }
        if (process.ExitCode != 0)
            error.WriteLine($"gateway: warning: run.sh exited {process.ExitCode} (a device test failed or the IL budget was exceeded: see above); the figures are printed all the same");
        return JsonNode.Parse(File.ReadAllText(json))!.AsObject();
    }

    /// <summary>The folder above <paramref name="from"/> that holds the bench script, or null.</summary>
    public static string? FindCheckout(string from)
    {
        for (var dir = new DirectoryInfo(from); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, Script))) return dir.FullName;
        return null;
    }

    /// <summary>The figures for people: per kind, then rule count and list size.</summary>
    public static void Write(JsonObject r, TextWriter o)
    {
        o.WriteLine("nanoCLR (nanoFramework's interpreter, as on the board): per decision, " + r["workload"]);
        o.WriteLine();
        var table = r["engines"]!["table"]!["byKind"]!.AsObject();
        var hand = r["engines"]!["handwritten"]!["byKind"]!.AsObject();
        bool machine = r["engines"]!["table"]!["machineInstructionsPerDecision"] != null;
        o.WriteLine("kind       table IL  hand-written IL  hand/table   table ns  hand-written ns"
            + (machine ? "  table machine  hand-written machine  hand/table" : ""));
        foreach (var (kind, t) in table)
        {
            double til = Number(t!["instructionsPerDecision"]), hil = Number(hand[kind]!["instructionsPerDecision"]);
            string line = Invariant($"{kind,-8} {til,10:F1}  {hil,15:F1}  {hil / til,10:F3}  {Number(t["nsPerDecision"]),9:F0}  {Number(hand[kind]!["nsPerDecision"]),15:F0}");
            if (machine)
            {
                double tm = Number(t["machineInstructionsPerDecision"]), hm = Number(hand[kind]!["machineInstructionsPerDecision"]);
                line += Invariant($"  {tm,13:F0}  {hm,20:F0}  {hm / tm,10:F3}");
            }
            o.WriteLine(line);
        }
        if (machine)
            o.WriteLine("(IL: interpreted IL instructions; machine: the interpreter's x86-64 instructions under callgrind, natives included)");
        o.WriteLine();
        o.WriteLine("rules  filler    IL/decision  ns/decision" + (machine ? "  machine/decision" : ""));
        foreach (var p in r["scaling"]!["rules"]!.AsArray())
            o.WriteLine(Invariant($"{p!["rules"],5}  {p["filler"],-8}  {Number(p["instructionsPerDecision"]),11:F1}  {Number(p["nsPerDecision"]),11:F0}") + MachineColumn(p, machine));
        o.WriteLine();
        o.WriteLine("list entries  IL/decision  ns/decision" + (machine ? "  machine/decision" : ""));
        foreach (var p in r["scaling"]!["lists"]!.AsArray())
            o.WriteLine(Invariant($"{p!["entries"],12}  {Number(p["instructionsPerDecision"]),11:F1}  {Number(p["nsPerDecision"]),11:F0}") + MachineColumn(p, machine));
        if (r["spa"] is JsonObject spa)
        {
            o.WriteLine();
            o.WriteLine("SPA datagram (" + spa["workload"] + ")");
            o.WriteLine("check      IL/datagram  ns/datagram" + (machine ? "  machine/datagram" : ""));
            foreach (string outcome in new[] { "accepted", "forged" })
                o.WriteLine(Invariant($"{outcome,-8} {Number(spa[outcome]!["instructionsPerDecision"]),12:F0}  {Number(spa[outcome]!["nsPerDecision"]),11:F0}") + MachineColumn(spa[outcome]!, machine));
        }
    }

    private static string MachineColumn(JsonNode point, bool machine) =>
        machine ? Invariant($"  {Number(point["machineInstructionsPerDecision"]),16:F0}") : "";

    private static double Number(JsonNode? node) => node == null ? double.NaN : node.GetValue<double>();

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
