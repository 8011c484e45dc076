// Test classes that run CLI commands in this process: the commands write to Console.Error, and some tests
// capture it with Console.SetError, which is process-wide. Run in parallel, one class's capture took
// another's output (FlashCommandTests failed that way once). One collection runs them one at a time.
namespace Gateway.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class ConsoleGroup
{
    public const string Name = "writes to the process's console";
}
