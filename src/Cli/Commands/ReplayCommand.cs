// gateway replay RULES --trace FILE [--engine table|reference] [--html OUT.html]: one verdict line per packet,
// in order; with --html also a page of the replay per source (timelines, list memberships, knock steps, where
// a sequence broke).
using System.CommandLine;
using Gateway.Rules.Diagnostics;
using Gateway.Rules.Replay;
using Gateway.Rules.Testing;

namespace Gateway.Cli.Commands;

internal static class ReplayCommand
{
    public static Command Create()
    {
        var rules = SharedOptions.RulesArgument();
        var trace = new Option<string>("--trace") { Description = "packets: JSON lines (.jsonl) or a capture (.pcap, .pcapng)", Required = true };
        var engine = SharedOptions.EngineOption();
        var gateway = new Option<string?>("--gateway") { Description = "for captures: the gateway's address (to it: input, from it: output, else forward); without it, the destination of the capture's inbound SYNs" };
        var html = new Option<string?>("--html") { Description = "also write a self-contained page of the replay: per source, its packets, address-list memberships, knock steps and where a sequence broke" };
        var command = new Command("replay", "Replay a trace through the rules with connection tracking, as a RouterOS router would") { rules, trace, engine, gateway, html };
        command.SetAction(r => Run(r.GetValue(rules)!, r.GetValue(trace)!, r.GetValue(engine)!, r.GetValue(gateway), Console.Out, r.GetValue(html)));
        return command;
    }

    public static int Run(string rulesPath, string tracePath, string engineName, string? gateway, TextWriter output, string? htmlPath = null)
    {
        if (!SharedOptions.TryEngine(engineName, out var engine)) return 1;
        var loaded = RulesDiagnostics.Load(rulesPath);
        if (loaded == null) return 1;
        var (packets, error) = ReadTrace(tracePath, gateway);
        if (error != null)
        {
            RulesDiagnostics.Report(new[] { error });
            return 1;
        }
        var runner = new TraceRunner(TestRunner.MakeFirewall(loaded.RuleSet, engine));
        var report = htmlPath == null ? null : new ReplayReport.Builder(loaded.RuleSet);
        foreach (var p in packets)
        {
            var outcome = runner.Step(p);
            output.WriteLine(VerdictLine.Format(p, outcome));
            report?.Add(p, outcome, runner.Firewall.ListEntries(p.T));
        }
        if (report == null) return 0;
        try
        {
            File.WriteAllText(htmlPath!, ReplayHtml.Render(report.Build(), Path.GetFileName(rulesPath), Path.GetFileName(tracePath)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"gateway: cannot write {htmlPath}: {e.Message}");
            return 1;
        }
        Console.Error.WriteLine($"wrote {htmlPath}");
        return 0;
    }

    private static (List<TracePacket>, Diagnostic?) ReadTrace(string path, string? gateway)
    {
        string name = Path.GetFileName(path);
        if (!File.Exists(path)) return (new(), new Diagnostic(name, 1, 1, "file not found: " + path));
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".pcap" or ".pcapng" or ".cap")
        {
            var warnings = new List<Diagnostic>();
            var read = PcapTraceReader.Read(path, gateway, warnings: warnings);
            if (gateway == null && read.Error == null)
            {
                // Without the gateway's address every packet would be judged as input, the gateway's own replies
                // included: take it from the capture's inbound SYNs and say so, or refuse.
                var inferred = PcapTraceReader.InferGateway(read.Packets);
                if (inferred == null)
                    return (new(), new Diagnostic(name, 1, 1, "no --gateway, and no TCP SYN in the capture to tell the gateway's address from: pass --gateway ADDR (packets to it are input, from it output, the rest forward)"));
                var (address, syns, all) = inferred.Value;
                Console.Error.WriteLine($"gateway: no --gateway: taking {address} as the gateway's address, the destination of {syns} of the capture's {all} inbound SYNs (pass --gateway ADDR to choose)");
                warnings.Clear();
                read = PcapTraceReader.Read(path, address, warnings: warnings);
            }
            RulesDiagnostics.Report(warnings);
            return read;
        }
        using var reader = File.OpenText(path);
        return JsonTraceReader.Read(name, reader);
    }
}
