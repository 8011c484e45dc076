// The one xUnit collection of the end-to-end tests.
namespace Gateway.EndToEnd.Tests;

/// <summary>The end-to-end tests share one collection: they run one after another (each starts an
/// emulator and real clients on loopback) and share the diagnostic sink that reports skips.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndGroup : ICollectionFixture<SkipReport>
{
    public const string Name = "end-to-end";
}
