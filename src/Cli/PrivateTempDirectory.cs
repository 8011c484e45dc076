// A temporary directory for secrets (a pulled rules file holds the knock sequence): an unpredictable
// name, mode 0700, files in it 0600, and removed when disposed, when the process exits and on SIGINT,
// SIGTERM or SIGHUP (Ctrl-C while the editor runs), so no copy outlives the command.
using System.Runtime.InteropServices;

namespace Gateway.Cli;

internal sealed class PrivateTempDirectory : IDisposable
{
    private static readonly object s_gate = new();
    private static readonly HashSet<string> s_live = new();
    private static readonly List<PosixSignalRegistration> s_signals = new();

    /// <param name="prefix">Start of the directory's name, e.g. "gateway-edit-"; a random part follows.</param>
    public PrivateTempDirectory(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;   // random suffix; 0700 on Unix
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        lock (s_gate)
        {
            if (s_live.Count == 0 && s_signals.Count == 0) Watch();
            s_live.Add(Path);
        }
    }

    public string Path { get; }

    /// <summary>Writes a file readable and writable by the owner only.</summary>
    public string WriteFile(string name, string text)
    {
        string path = System.IO.Path.Combine(Path, System.IO.Path.GetFileName(name));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream)) writer.Write(text);
        return path;
    }

    public void Dispose()
    {
        lock (s_gate) s_live.Remove(Path);
        Remove(Path);
    }

    private static void Remove(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"gateway: could not remove {path}: {e.Message}"); }
    }

    private static void RemoveAll()
    {
        string[] paths;
        lock (s_gate) { paths = s_live.ToArray(); s_live.Clear(); }
        foreach (var p in paths) Remove(p);
    }

    // Signals end the process after the cleanup (the handler does not cancel them).
    private static void Watch()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();
        if (OperatingSystem.IsWindows()) return;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            s_signals.Add(PosixSignalRegistration.Create(signal, _ => RemoveAll()));
    }
}
