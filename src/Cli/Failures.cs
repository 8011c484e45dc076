// Turns an exception that escaped a command into one line for the user: the messages of the exception
// and its inner ones, joined, without stack or type names. User errors are reported where they happen
// (diagnostics, serial errors); this is the net under everything else.
namespace Gateway.Cli;

internal static class Failures
{
    public static string OneLine(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x != null; x = x.InnerException)
        {
            string message = x.Message.ReplaceLineEndings(" ").Trim();
            if (message.Length > 0 && !parts.Contains(message)) parts.Add(message);
        }
        return parts.Count == 0 ? e.GetType().Name : string.Join(": ", parts);
    }
}
