// Runs a script's test() blocks, each against a fresh firewall (the table engine unless told otherwise).
using Gateway.Core.Model;
using Gateway.Rules.Reference;
using Gateway.Rules.Replay;

namespace Gateway.Rules.Testing;

/// <summary>Which firewall decides: the device's compiled tables, or the reference interpreter.</summary>
public enum EngineKind { Table, Reference }

public static class TestRunner
{
    public static IFirewall MakeFirewall(RuleSet rules, EngineKind engine) =>
        engine == EngineKind.Table ? new TableFirewall(rules) : new ReferenceFirewall(rules);

    /// <summary>Results in declaration order; a .rsc file has no tests.</summary>
    public static IReadOnlyList<TestResult> Run(LoadedRules rules, EngineKind engine = EngineKind.Table)
    {
        if (rules.Session == null) return Array.Empty<TestResult>();
        return rules.Tests.Select(t => rules.Session.Run(t, r => MakeFirewall(r, engine))).ToList();
    }
}
