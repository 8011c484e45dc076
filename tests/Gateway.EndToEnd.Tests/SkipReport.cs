// Skipped tests say why at `dotnet test`'s default verbosity: a skip reason alone is shown only at
// detailed verbosity, so every skip is also sent as an xUnit diagnostic message (xunit.runner.json
// turns those on), which the console prints as `[xUnit.net ...] SKIP Test: reason`.
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gateway.EndToEnd.Tests;

/// <summary>Reports each skip with its reason where the default console output shows it.</summary>
public sealed class SkipReport
{
    private static IMessageSink? s_sink;

    public SkipReport(IMessageSink sink) => s_sink = sink;

    /// <summary>Skips the calling test when <paramref name="condition"/> holds, saying why on the console.</summary>
    public static void If(bool condition, string test, string reason)
    {
        if (!condition) return;
        s_sink?.OnMessage(new DiagnosticMessage($"SKIP {test}: {reason}"));
        Skip.If(true, reason);
    }
}
