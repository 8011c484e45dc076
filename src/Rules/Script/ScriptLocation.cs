// Where in the user's script the current call is: Jint's call stack gives "file:line:col" (1-based
// column) for the innermost frame, which is the line of the filter.add(...) or t.expect(...) call.
using System.Text.RegularExpressions;
using Jint;

namespace Gateway.Rules.Script;

internal static partial class ScriptLocation
{
    [GeneratedRegex(@"[ (]([^ ()]+):(\d+):(\d+)\)?\s*$")]
    private static partial Regex Frame();

    /// <summary>The line and column (1-based) of the innermost frame in <paramref name="file"/>, or (1, 1).</summary>
    public static (int Line, int Column) Current(Engine engine, string file)
    {
        string trace = engine.Advanced.StackTrace;
        foreach (var line in trace.Split('\n'))
        {
            var m = Frame().Match(line);
            if (m.Success && m.Groups[1].Value == file)
                return (int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return (1, 1);
    }
}
