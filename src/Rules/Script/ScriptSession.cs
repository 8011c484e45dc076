// A script's engine kept after evaluation, to run its test() blocks: each test gets a fresh router
// (the compiled table engine with its connection tracking) and a clock starting at 0 ms.
using Gateway.Core.Model;
using Gateway.Rules.Diagnostics;
using Gateway.Rules.Replay;
using Gateway.Rules.Testing;
using Jint;

namespace Gateway.Rules.Script;

internal sealed class ScriptSession(Engine engine, string file, RuleSet rules, ScriptLimits limits)
{
    /// <summary>Runs one test against a new firewall made by <paramref name="makeFirewall"/>.</summary>
    public TestResult Run(ScriptTest test, Func<RuleSet, IFirewall> makeFirewall)
    {
        var context = new TestContext(engine, file, test.Name, new TraceRunner(makeFirewall(rules)));
        var failure = ScriptHost.Run(engine, file, limits, () => engine.Invoke(test.Function, context.Build()));
        if (failure != null && !failure.Message.StartsWith("test '", StringComparison.Ordinal))
            failure = failure with { Message = $"test '{test.Name}': {failure.Message}" };
        return new TestResult(test.Name, failure);
    }
}
