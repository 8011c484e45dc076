// One fuzz target per reader of hostile input. Each takes arbitrary bytes and must end with a result or
// a clear refusal: any exception escaping a target is a crash (AFL++ records it; the corpus test fails).
// Time and memory are bounded by the fuzzer (-t, -m) and by the readers' own named limits.
using System.Text;
using Gateway.Core.Compiler;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Storage;
using Gateway.Core.Tables;
using Gateway.Host.Console;
using Gateway.Host.RouterOs;
using Gateway.Host.Running;
using Gateway.Rules.Replay;
using Gateway.Testing;

namespace Gateway.Fuzz;

/// <summary>The fuzz targets by name.</summary>
public static class FuzzTargets
{
    public static readonly string[] Names = { "package", "routeros", "console", "machine", "jsonl", "pcap", "headers", "spa" };

    /// <summary>Where each target's seed corpus comes from (files under tests/data and examples/).</summary>
    public static string[] SeedPatterns(string target) => target switch
    {
        "package" => new[] { "tests/data/packages/good/*.json", "tests/data/packages/bad/*.json" },
        "routeros" => new[] { "examples/*.rsc", "tests/data/rules/*.rsc" },
        "console" or "machine" => new[] { "examples/*.rsc", "tests/data/fuzz/console-seeds/*" },
        "jsonl" => new[] { "tests/data/traces/*.jsonl" },
        "pcap" => new[] { "tests/data/fuzz/pcap-seeds/*" },
        "headers" => new[] { "tests/data/fuzz/header-seeds/*" },
        "spa" => new[] { "tests/data/fuzz/spa-seeds/*" },
        _ => throw new ArgumentException("unknown target " + target),
    };

    /// <summary>A target's seed files under the repository root: its patterns, then its saved findings
    /// (tests/data/fuzz/regressions/TARGET), sorted. One list for fuzz.sh and for HostileInputTests.</summary>
    public static string[] SeedFiles(string root, string target)
    {
        var files = new List<string>();
        foreach (string pattern in SeedPatterns(target))
        {
            string dir = Path.Combine(root, Path.GetDirectoryName(pattern)!);
            if (Directory.Exists(dir)) files.AddRange(Directory.GetFiles(dir, Path.GetFileName(pattern)));
        }
        string regressions = Path.Combine(root, "tests", "data", "fuzz", "regressions", target);
        if (Directory.Exists(regressions)) files.AddRange(Directory.GetFiles(regressions));
        files.Sort(StringComparer.Ordinal);
        return files.ToArray();
    }

    /// <summary>Runs one input through a target; returns a short description of the outcome.</summary>
    /// <exception cref="ArgumentException">Unknown target (anything else escaping is a finding).</exception>
    public static string Run(string target, byte[] input) => target switch
    {
        "package" => Package(input),
        "routeros" => RouterOs(input),
        "console" => Console(input, machine: false),
        "machine" => Console(input, machine: true),
        "jsonl" => JsonLines(input),
        "pcap" => Pcap(input),
        "headers" => Headers(input),
        "spa" => Spa(input),
        _ => throw new ArgumentException("unknown target " + target),
    };

    // Made per input, never in a static initializer: instrumented code must not run before SharpFuzz has
    // set up its coverage map (it would write through a null map: AccessViolationException).
    private static TableLimits Limits => new();

    // The device's path: read, validate, compile; a refusal must carry a reason.
    private static string Package(byte[] input)
    {
        var result = TableLoader.Load(new ByteArraySource(input), Limits, 0, false, out Table? table, out _);
        if (!result.IsOk && result.Message.Length == 0) throw new InvalidOperationException("refusal without a reason: " + PackageErrors.Token(result.Error));
        if (result.IsOk && table == null) throw new InvalidOperationException("accepted without a table");
        return result.IsOk ? "ok" : PackageErrors.Token(result.Error);
    }

    // The .rsc importer, then what compile does with what it accepted.
    private static string RouterOs(byte[] input)
    {
        var rules = new RuleSet();
        var error = new RouterOsImporter(rules).Import(Encoding.UTF8.GetString(input));
        if (error != null) return "error " + error.Line + ":" + error.Column;
        var valid = RuleSetValidator.Validate(rules);
        if (!valid.IsOk) return PackageErrors.Token(valid.Error);
        var compiled = TableLoader.Compile(rules, Limits, 0, out _);
        return compiled.IsOk ? "ok" : PackageErrors.Token(compiled.Error);
    }

    // The serial console as a person or the CLI uses it; in machine mode every line starts with '!'.
    // A refused change must leave the rules as they were: checked against the table id after each input.
    private static string Console(byte[] input, bool machine)
    {
        var rules = new ActiveRules(new RuleStore(new MemoryFlash(), Gateway.Core.Capacity.MaxPackageBytes), Limits);
        rules.Start(0);
        var output = new CountingOutput();
        var session = new ConsoleSession(rules, new RuleLogRing(), output, 0);
        session.Start();
        byte[] bytes = machine ? Machine(input) : input;
        long now = 0;
        for (int at = 0; at < bytes.Length; at += 64)
        {
            int n = Math.Min(64, bytes.Length - at);
            session.Receive(bytes[at..(at + n)], n, now);
            now += 700;   // past the noise quiet time now and then, so later lines are heard
        }
        if (rules.Engine == null) throw new InvalidOperationException("no engine after console input");
        return rules.TableId + " " + output.Bytes;
    }

    // The tap's packets, as the board and the emulator hand them to the loop: a result code, never a
    // throw, and what is read stays inside what the header allows.
    private static string Headers(byte[] input)
    {
        var packet = new Gateway.Core.Packets.Packet();
        var result = Gateway.Core.Headers.HeaderParser.Parse(input, 0, input.Length, packet);
        if (result != Gateway.Core.Headers.HeaderResult.Ok) return "refused " + (int)result;
        if (packet.SrcPort is < 0 or > 65535 || packet.DstPort is < 0 or > 65535 || packet.Ttl is < 0 or > 255 || packet.Length < 20)
            throw new InvalidOperationException("a parsed packet out of range");
        return "ok " + packet.Protocol;
    }

    // The SPA verifier, twice per input: the bytes as a datagram (what anyone can send: it must end at format or
    // hmac), and the bytes as the plaintext of a datagram made and authenticated under the stanza's keys as
    // fwknop's client makes it, so the fuzzer reaches the field parser behind the HMAC. A result code, never a
    // throw; an accepted request stays inside its bounds.
    private static readonly byte[] s_spaKey = Encoding.ASCII.GetBytes("fuzzing encryption key"), s_spaHmacKey = Encoding.ASCII.GetBytes("fuzzing the hmac key, 64 bytes of it, more than enough here.....");

    private static string Spa(byte[] input)
    {
        var keys = new Gateway.Crypto.Spa.SpaKeys();
        byte[] key = Encoding.ASCII.GetBytes(Convert.ToBase64String(s_spaKey)), hmac = Encoding.ASCII.GetBytes(Convert.ToBase64String(s_spaHmacKey));
        if (!keys.Set(key, 0, key.Length, hmac, 0, hmac.Length)) throw new InvalidOperationException("the fuzz keys were refused");
        var verifier = new Gateway.Crypto.Spa.SpaVerifier();
        var request = new Gateway.Crypto.Spa.SpaRequest();
        var raw = verifier.Check(input, 0, input.Length, keys, request);
        if (raw is not (Gateway.Crypto.Spa.SpaCheck.Format or Gateway.Crypto.Spa.SpaCheck.Hmac)) throw new InvalidOperationException("unauthenticated bytes passed the HMAC: " + raw);
        if (input.Length > Gateway.Crypto.Spa.SpaVerifier.MaxPlaintextBytes) return "raw " + raw;
        byte[] wire = Encoding.ASCII.GetBytes(FwknopClient.Datagram(input, s_spaKey, s_spaHmacKey, new byte[8]));
        var made = verifier.Check(wire, 0, wire.Length, keys, request);
        if (made == Gateway.Crypto.Spa.SpaCheck.Hmac) throw new InvalidOperationException("a datagram made under the keys failed its HMAC");
        if (made == Gateway.Crypto.Spa.SpaCheck.Ok
            && (request.AccessCount is < 1 or > Gateway.Crypto.Spa.SpaRequest.MaxAccess || request.UserLength is < 1 or > Gateway.Crypto.Spa.SpaRequest.MaxUserBytes
                || request.Type is not (1 or 3) || request.ClientTimeout > 65536))
            throw new InvalidOperationException("an accepted request out of bounds");
        for (int i = 0; i < request.AccessCount; i++)
            if (request.Ports[i] is < 1 or > 65535) throw new InvalidOperationException("an accepted port out of range");
        return "raw " + raw + ", made " + made;
    }

    private static byte[] Machine(byte[] input)
    {
        var b = new List<byte> { (byte)'!' };
        foreach (byte x in input)
        {
            b.Add(x);
            if (x == '\n') b.Add((byte)'!');
        }
        return b.ToArray();
    }

    private static string JsonLines(byte[] input)
    {
        var (packets, error) = JsonTraceReader.Read("trace.jsonl", new StringReader(Encoding.UTF8.GetString(input)));
        if (error != null && error.Message.Length == 0) throw new InvalidOperationException("error without a message");
        return error == null ? packets.Count + " packets" : "error " + error.Line;
    }

    private static string Pcap(byte[] input)
    {
        string path = Path.Combine(Path.GetTempPath(), "gateway-fuzz-" + Environment.ProcessId + ".pcap");
        File.WriteAllBytes(path, input);
        try
        {
            var (packets, error) = PcapTraceReader.Read(path, "192.0.2.1");
            return error == null ? packets.Count + " packets" : "error " + error.Line;
        }
        finally { File.Delete(path); }
    }

    private sealed class CountingOutput : IConsoleOutput
    {
        public long Bytes { get; private set; }

        public void Write(string text) => Bytes += text.Length;
    }
}
