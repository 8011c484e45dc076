// The firmware on a PC: the same Boot (rules, loop, consoles) the device runs, on the
// emulator's hardware (sockets on --bind, a pty or stdio as the serial port, files as flash, a clock
// that tests can step), with a board's budget when one is given. One thread polls everything.
using System.Net;
using Gateway.Core;
using Gateway.Core.Hardware;
using Gateway.Core.Tables;
using Gateway.Emulator.Hardware;
using Gateway.Host.App;
using Gateway.Host.Auth;
using Gateway.Host.Console;
using Gateway.Host.Running;

namespace Gateway.Emulator;

/// <summary>How to run the emulator.</summary>
public sealed record EmulatorOptions
{
    public IPAddress Bind { get; init; } = IPAddress.Loopback;
    public int ConsolePort { get; init; } = 2323;
    /// <summary>Flash directory; files there survive restarts.</summary>
    public required string StateDirectory { get; init; }
    /// <summary>"pty", "stdio" or "none".</summary>
    public string Serial { get; init; } = "pty";
    public TableLimits Limits { get; init; } = new();
    /// <summary>The board's socket budget (desktop defaults when no board is given).</summary>
    public int MaxSockets { get; init; } = 64;
    public int MaxTcpListeners { get; init; } = 32;
    /// <summary>Accepted and outgoing TCP connections at once (the board's lwIP MAX_ACTIVE_TCP).</summary>
    public int MaxActiveTcp { get; init; } = 64;
    public string BoardName { get; init; } = "none";
    /// <summary>The board's heap budget in bytes; 0 for none.</summary>
    public int HeapBytes { get; init; }
    /// <summary>The board's largest package.</summary>
    public int MaxPackageBytes { get; init; } = Capacity.MaxPackageBytes;
    /// <summary>Emulator milliseconds per real millisecond.</summary>
    public double TimeScale { get; init; } = 1.0;
    /// <summary>How the gateway sees traffic: "auto" (packets when raw sockets are permitted, listeners
    /// otherwise), "packets" (fail when raw sockets are not permitted) or "listeners".</summary>
    public string Sight { get; init; } = "auto";
    /// <summary>Whether the tap checks TCP/UDP checksums; null: on any address but loopback, where Linux leaves a
    /// local sender's checksums unfinished. (Tests that send only forged packets set it.)</summary>
    public bool? ChecksumsComplete { get; init; }
}

/// <summary>Runs the gateway firmware core on desktop hardware.</summary>
public sealed class EmulatorHost : IDisposable
{
    private readonly EmulatorOptions _options;
    private readonly SocketNetwork _network;
    private readonly ISerialPort? _serial;
    private readonly FileFlash _flash;
    private readonly object _gate = new();
    private Gateway.Host.App.Boot _gateway = null!;

    public EmulatorHost(EmulatorOptions options)
    {
        _options = options;
        Clock = new EmulatorClock(options.TimeScale);
        _flash = new FileFlash(options.StateDirectory);
        // As on a board, the packet tap's raw sockets come out of the socket budget (whether or not they open).
        int tapSockets = options.Sight == "listeners" ? 0 : RawSocketTap.Sockets;
        _network = new SocketNetwork(options.Bind, options.MaxSockets - tapSockets, options.MaxTcpListeners, options.MaxActiveTcp);
        _serial = options.Serial switch
        {
            "pty" => new PseudoTerminal(),
            "stdio" => new StdioSerialPort(),
            _ => null,
        };
        try { Boot(); }
        catch
        {
            _network.Dispose();
            (_serial as IDisposable)?.Dispose();
            throw;
        }
    }

    public EmulatorClock Clock { get; }
    public ActiveRules Rules => _gateway.Rules;
    public GatewayApp App => _gateway.App;
    /// <summary>The pty path, "stdio", or "none".</summary>
    public string SerialPath => _serial is PseudoTerminal pty ? pty.Path : _options.Serial;
    public int Reboots { get; private set; }
    /// <summary>The network console's password store (in the emulated flash).</summary>
    public ConsolePassword Password => _gateway.Password;
    /// <summary>The password this emulator generated for its network console (its flash had none), or null.</summary>
    public string? GeneratedPassword { get; private set; }

    /// <summary>SPA keys this emulator generated for doors that had none, by door name: shown in its banner
    /// with the fwknop command line that opens the door (as the generated console password is).</summary>
    public IReadOnlyDictionary<string, (string Key, string HmacKey, string Fingerprint)> GeneratedSpaKeys => _generatedSpaKeys;
    private readonly Dictionary<string, (string Key, string HmacKey, string Fingerprint)> _generatedSpaKeys = new(StringComparer.Ordinal);

    /// <summary>Reads emulator state between loop passes (the loop may run on another thread).</summary>
    public T Read<T>(Func<EmulatorHost, T> read)
    {
        lock (_gate) return read(this);
    }

    /// <summary>Steps emulator time forward between two loop passes. The step waits for a pass in progress
    /// (which read the clock once at its start) to finish, so everything a client does after this returns
    /// is judged at the new time.</summary>
    public void Advance(long ms)
    {
        lock (_gate) Clock.Advance(ms);
    }

    /// <summary>Stores and runs a rule package, as `gateway push` would.</summary>
    public string? Install(byte[] package)
    {
        lock (_gate)
        {
            var result = Rules.ApplyPackage(package, package.Length, Clock.NowMs);
            return result.IsOk ? null : result.ToString();
        }
    }

    /// <summary>One pass over every socket and the serial line; true when something happened.</summary>
    public bool PollOnce()
    {
        lock (_gate)
        {
            bool busy = _gateway.Pass();
            if (_gateway.RebootRequested) Reboot();
            return busy;
        }
    }

    /// <summary>Where the emulator reports rule changes and reboots (the terminal it runs in), or null.</summary>
    public TextWriter? Events { get; set; }

    /// <summary>Polls until cancelled, resting a millisecond when idle. After a rule change or a reboot it
    /// reports the new banner once the loop has re-planned its listeners (not before: the change is
    /// committed in the middle of a pass, and the listeners follow on the next).</summary>
    public void Run(CancellationToken stop)
    {
        int generation = Rules.Generation;
        int reboots = Reboots;
        bool report = false;
        while (!stop.IsCancellationRequested)
        {
            if (!PollOnce()) Thread.Sleep(1);
            if (Rules.Generation != generation || Reboots != reboots)
            {
                generation = Rules.Generation;
                reboots = Reboots;
                report = true;
            }
            if (!report || !Read(h => h.App.IsPlanned)) continue;
            report = false;
            string banner = Read(h => h.Banner());
            Events?.WriteLine(string.Join(Environment.NewLine, banner.Split(Environment.NewLine).Where(l => !l.StartsWith("console:", StringComparison.Ordinal) && !l.StartsWith("serial:", StringComparison.Ordinal) && !l.StartsWith("sight:", StringComparison.Ordinal))));
            Events?.Flush();
        }
    }

    /// <summary>Restarts the firmware: rules reloaded from flash, dynamic list entries gone.</summary>
    public void Reboot()
    {
        lock (_gate)
        {
            App.Shutdown();
            Reboots++;
            Boot();
        }
    }

    /// <summary>The banner of DESIGN.md: console, serial, then one line per listened port.</summary>
    public string Banner()
    {
        var lines = new List<string>
        {
            $"gateway emulator: rules {Rules.TableId} ({(Rules.IsDefault ? "built-in default" : Rules.SourceFile)}), board {_options.BoardName}",
            $"console: tcp {_options.Bind}:{_options.ConsolePort}, password {(GeneratedPassword != null ? GeneratedPassword + " (generated; change it on the serial console: /user set admin password=...)" : "stored")}",
            $"serial: {SerialPath}",
            $"sight: {App.PacketSight.Description}",
            ServicePolicy(),
        };
        for (int i = 0; i < App.Listeners.Count; i++)
            lines.Add($"listening: {(App.Listeners.ProtocolAt(i) == Gateway.Core.Model.Protocols.Tcp ? "tcp" : "udp")} {_options.Bind}:{App.Listeners.PortAt(i)}");
        lines.AddRange(SpaLines());
        if (App.Listeners.Problems.Length > 0) lines.Add("warning: " + App.Listeners.Problems);
        if (Rules.LoadProblem.Length > 0) lines.Add("warning: " + Rules.LoadProblem);
        return string.Join(Environment.NewLine, lines);
    }

    // One line per SPA door: its port and keys, and for keys generated here (while they are still the stored ones)
    // the fwknop command that opens it.
    private IEnumerable<string> SpaLines()
    {
        var doors = Rules.RuleSet.Spa;
        var keys = App.Spa!.Keys;
        for (int i = 0; i < doors.Count; i++)
        {
            var door = doors.At(i);
            if (door.IsDisabled) continue;
            if (keys.IndexOf(door.Name) < 0 && !_generatedSpaKeys.ContainsKey(door.Name))
            {
                // A fresh door gets keys once, as a fresh emulator gets a console password: 32 and 64 random bytes,
                // what fwknop --key-gen makes. They live in the emulated flash, never in the rules. Keys removed on
                // the console later stay removed.
                string key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                string hmac = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
                string problem = keys.Set(door.Name, key, hmac);
                if (problem.Length > 0) throw new InvalidOperationException("spa keys: " + problem);
                _generatedSpaKeys[door.Name] = (key, hmac, keys.FingerprintAt(keys.IndexOf(door.Name)));
            }
            string open = string.Join(",", Enumerable.Range(0, door.OpenCount).Select(j => $"{Gateway.Core.Model.Protocols.NameOf(door.OpenProtocols[j])}/{door.OpenPorts[j]}"));
            int stored = keys.IndexOf(door.Name);
            string where = $"spa: door {door.Name} on udp {_options.Bind}:{door.Port} opens {open}; ";
            if (stored < 0)
                yield return where + "no keys: it opens nothing (set them on the serial console: /spa key set name=" + door.Name + " key=... hmac-key=...)";
            else if (_generatedSpaKeys.TryGetValue(door.Name, out var generated) && generated.Fingerprint == keys.FingerprintAt(stored))
                yield return where + $"keys generated (set your own on the serial console: /spa key set name={door.Name} key=... hmac-key=...): "
                    + $"fwknop -A {Gateway.Core.Model.Protocols.NameOf(door.OpenProtocols[0])}/{door.OpenPorts[0]} -s -D {_options.Bind} --server-port {door.Port} --use-hmac --key-base64-rijndael {generated.Key} --key-base64-hmac {generated.HmacKey}";
            else
                yield return where + $"keys stored (fingerprint {keys.FingerprintAt(stored)})";
        }
    }

    private string ServicePolicy()
    {
        var b = new Gateway.Core.Text.TextBuffer(160);
        ConsoleSession.AppendServicePolicy(b, Rules.RuleSet);
        return b.ToString();
    }

    private void Boot()
    {
        IPacketTap? tap = _options.Sight == "listeners" ? null : new RawSocketTap(_options.Bind, _network, _options.ChecksumsComplete);
        _gateway = Gateway.Host.App.Boot.Start(_flash, _network, Clock, Clock, new ProcessHeap(), tap, _serial, _serial is not StdioSerialPort,
            _options.Limits, _options.HeapBytes, _options.MaxPackageBytes, _options.ConsolePort);
        if (!Password.IsSet)
        {
            // A fresh emulator gets a generated password, shown in its banner, so the README's walkthrough works.
            GeneratedPassword = System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 12);
            string problem = Password.Set(GeneratedPassword, System.Security.Cryptography.RandomNumberGenerator.GetBytes(ConsolePassword.SaltBytes));
            if (problem.Length > 0) throw new InvalidOperationException("console password: " + problem);
        }
        if (_options.Sight == "packets" && !App.PacketSight.SeesPackets)
        {
            App.Shutdown();
            throw new InvalidOperationException("--sight packets: " + App.PacketSight.Description);
        }
        App.Poll();   // opens the listeners now, so the banner can list them
        if (Reboots == 0 && _options.ConsolePort > 0 && App.Listeners.IndexOf(Gateway.Core.Model.Protocols.Tcp, _options.ConsolePort) < 0)
        {
            // An emulator without its console would advertise a door it does not have (the port is taken,
            // most often by another emulator): stop with the reason instead.
            App.Shutdown();
            throw new InvalidOperationException($"cannot listen on the console port tcp {_options.Bind}:{_options.ConsolePort} (in use by another program, or another emulator?); choose another with --console-port or --bind");
        }
        _gateway.StartSerialConsole();
    }

    public void Dispose()
    {
        App.Shutdown();
        _network.Dispose();
        (_serial as IDisposable)?.Dispose();
    }
}
