// The measurements run one after another (each starts an emulator and real clients on loopback) and report
// their skips as the end-to-end tests do.
using Gateway.EndToEnd.Tests;

namespace Gateway.Measurements;

[CollectionDefinition(Name)]
public sealed class MeasurementGroup : ICollectionFixture<SkipReport>
{
    public const string Name = "measurements";
}
