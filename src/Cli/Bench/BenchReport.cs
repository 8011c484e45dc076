// Prints a bench result for people: the engines side by side with their ratios to the table engine, then
// the scaling runs and the memory figures. (`--json` prints the document itself.)
using System.Globalization;
using System.Text.Json.Nodes;

namespace Gateway.Cli.Bench;

internal static class BenchReport
{
    public static void Write(JsonObject r, TextWriter o)
    {
        var w = r["workload"]!;
        o.WriteLine(Invariant($"build: {w["build"]}{(w["build"]!.GetValue<string>() == "Debug" ? " (figures 4-5x a Release build's: run with -c Release)" : "")}"));
        o.WriteLine(Invariant($"rules: {w["rules"]} ({w["ipv4Rules"]} IPv4 rules); {w["decisions"]} decisions from {w["distinctSources"]} distinct sources, {w["knockingSources"]} of them knocking {w["knockPorts"]!.ToJsonString()} then port {w["servicePort"]}"));
        o.WriteLine(Invariant($"lists: {w["listInserts"]} inserts, {w["listRefreshes"]} refreshes, {w["listEvictions"]} evictions (capacity {w["listCapacity"]})"));
        o.WriteLine(Invariant($"medians of {w["repetitions"]} interleaved runs after {w["warmupRuns"]} warm-up runs; {r["machine"]!["runtime"]}, {r["machine"]!["processors"]} processors"));
        o.WriteLine();
        o.WriteLine("engine       ns/decision  x table   bytes/decision  accepted");
        double table = Number(r["engines"]!["table"]!["nsPerDecision"]);
        foreach (var (name, e) in r["engines"]!.AsObject())
        {
            double ns = Number(e!["nsPerDecision"]);
            o.WriteLine(Invariant($"{name,-12} {ns,11:F1}  {ns / table,7:F2}  {Number(e["bytesPerDecision"]),14:F1}  {e["accepted"]}"));
        }
        o.WriteLine(Invariant($"table engine: {Number(r["engines"]!["table"]!["stepsPerDecision"]):F2} rule steps per decision"));
        o.WriteLine();
        o.WriteLine("       fillers: tcp, other ports    other source address    tcp, source port (not indexed)");
        o.WriteLine("rules  ns/decision  steps       ns/decision  steps      ns/decision  steps");
        var withPorts = r["scaling"]!["rules"]!.AsArray();
        var without = r["scaling"]!["rulesWithoutPorts"]!.AsArray();
        var unindexed = r["scaling"]!["rulesNotIndexed"]!.AsArray();
        for (int i = 0; i < withPorts.Count; i++)
            o.WriteLine(Invariant($"{withPorts[i]!["rules"],5}  {Number(withPorts[i]!["nsPerDecision"]),11:F1}  {Number(withPorts[i]!["stepsPerDecision"]),5:F2}  {Number(without[i]!["nsPerDecision"]),16:F1}  {Number(without[i]!["stepsPerDecision"]),5:F2}  {Number(unindexed[i]!["nsPerDecision"]),15:F1}  {Number(unindexed[i]!["stepsPerDecision"]),6:F2}"));
        o.WriteLine(Invariant($"256 rules over 4: {Number(r["ratios"]!["rules256OverRules4"]):F2}x (other ports), {Number(r["ratios"]!["rulesWithoutPorts256OverRules4"]):F2}x (other source), {Number(r["ratios"]!["rulesNotIndexed256OverRules4"]):F2}x (source port, not indexed)"));
        o.WriteLine();
        o.WriteLine("list entries  ns/decision");
        foreach (var e in r["scaling"]!["entries"]!.AsArray())
            o.WriteLine(Invariant($"{e!["entries"],12}  {Number(e["nsPerDecision"]),11:F1}"));
        var m = r["memory"]!;
        o.WriteLine();
        o.WriteLine(Invariant($"memory: {Number(m["bytesPerIpv4Entry"]):F1} bytes per IPv4 list entry, {Number(m["bytesPerIpv6Entry"]):F1} per IPv6; table {m["tableBytes"]} bytes, of which index {m["indexBytes"]}"));
        var ratios = r["ratios"]!;
        o.WriteLine(Invariant($"ratios: dictionary/table {Number(ratios["dictionaryOverTable"]):F2}, jint/table {Number(ratios["jintOverTable"]):F1}, reference/table {Number(ratios["referenceOverTable"]):F1}, store/table {Number(ratios["storeOverTable"]):F2}"));
    }

    private static double Number(JsonNode? node) => node!.GetValue<double>();

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
