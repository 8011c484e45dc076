// `gateway replay --html`: one self-contained page (styles, script and data inline; nothing fetched) drawn
// from a ReplayReport. The data goes in as JSON in a script element of its own type, escaped by the
// serializer, so no address or list name can end the element or inject markup.
using System.Text.Json;

namespace Gateway.Rules.Replay;

/// <summary>Writes the replay page.</summary>
public static class ReplayHtml
{
    private const string Placeholder = "/*REPLAY-DATA*/null";

    public static string Render(ReplayReport report, string rulesName, string traceName)
    {
        var data = new
        {
            rules = rulesName,
            trace = traceName,
            start = report.Start,
            end = report.End,
            recipes = report.Recipes.Select(r => new { name = r.Name, burned = r.BurnedList, steps = r.Steps.Select(s => new { port = s.Port, protocol = s.Protocol, list = s.List }) }),
            sources = report.Sources.Select(s => new
            {
                address = s.Address,
                packets = s.Packets.Select(p => new { t = p.T, dst = p.Dst, proto = p.Proto, port = p.Dport, verdict = p.Verdict, chain = p.Chain, rule = p.Rule }),
                memberships = s.Memberships.Select(m => new { list = m.List, from = m.From, until = m.Until }),
                steps = s.Steps.Select(t => new { recipe = t.Recipe, step = t.Step, t = t.T }),
                failures = s.Failures.Select(f => new { recipe = f.Recipe, afterStep = f.AfterStep, t = f.T, reason = f.Reason, detail = f.Detail }),
            }),
        };
        string json = JsonSerializer.Serialize(data);   // escapes <, > and & as \u003C ...: safe inside <script>
        using var stream = typeof(ReplayHtml).Assembly.GetManifestResourceStream("Gateway.Rules.Replay.replay.html")
            ?? throw new InvalidOperationException("the replay page template is not embedded");
        using var reader = new StreamReader(stream);
        string template = reader.ReadToEnd();
        return template.Replace(Placeholder, json, StringComparison.Ordinal);
    }
}
