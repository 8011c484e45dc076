// Whether an assembly was compiled with the JIT optimiser off (a Debug build): a bench of one measures the
// debugger's build, 4-5x slower than what a user runs, and must say so.
using System.Diagnostics;
using System.Reflection;

namespace Gateway.Cli.Bench;

internal static class BuildKind
{
    /// <summary>"Debug" when the assembly asks the JIT not to optimise, else "Release".</summary>
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true ? "Debug" : "Release";
}
