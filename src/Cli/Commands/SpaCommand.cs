// gateway spa keygen | check: Single Packet Authorization for fwknop's client (issue 27). keygen makes a stanza's two
// keys as `fwknop --key-gen` prints them, with the serial console command that stores them on the gateway and the
// client's ~/.fwknoprc stanza; check takes one datagram apart offline with the device's own verifier (the same
// code the board runs) and prints one JSON object: what it asks, or why it was refused.
using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Crypto.Spa;

namespace Gateway.Cli.Commands;

internal static class SpaCommand
{
    /// <summary>fwknopd's MAX_SPA_PACKET_AGE: a datagram older (or further ahead) than this is refused.</summary>
    public const int DefaultMaxAgeSeconds = 120;

    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "the stanza's name on the gateway", DefaultValueFactory = _ => "door" };
        var server = new Option<string>("--server") { Description = "the gateway's address, for the client's stanza", DefaultValueFactory = _ => "GATEWAY_ADDRESS" };
        var keygen = new Command("keygen", "Make a stanza's encryption and HMAC keys (as fwknop --key-gen), the console command and the ~/.fwknoprc stanza") { name, server };
        keygen.SetAction(r => Keygen(r.GetValue(name)!, r.GetValue(server)!, Console.Out));

        var datagram = new Argument<string>("DATAGRAM") { Description = "the datagram's text (what fwknop -B FILE saves), or @FILE" };
        var key = new Option<string?>("--key") { Description = "the stanza's KEY_BASE64 (on the command line it shows in ps: prefer --key-file)" };
        var hmacKey = new Option<string?>("--hmac-key") { Description = "the stanza's HMAC_KEY_BASE64" };
        var keyFile = new Option<string?>("--key-file") { Description = "a file with KEY_BASE64 and HMAC_KEY_BASE64 lines (what keygen or fwknop --key-gen prints, a ~/.fwknoprc stanza, an access.conf stanza)" };
        var hmac = new Option<string>("--hmac") { Description = "HMAC digest type (sha256 only)", DefaultValueFactory = _ => "sha256" };
        var noAge = new Option<bool>("--no-age") { Description = "skip the age check (for packets saved long ago)" };
        var maxAge = new Option<int>("--max-age") { Description = "seconds a datagram's time may differ from this machine's clock", DefaultValueFactory = _ => DefaultMaxAgeSeconds };
        var check = new Command("check", "Check one SPA datagram offline (authentication, decryption, fields, age; not the replay cache nor a stanza's ports) and print what it asks as JSON; exit 0 only when it passes")
            { datagram, key, hmacKey, keyFile, hmac, noAge, maxAge };
        check.SetAction(r =>
        {
            string? k = r.GetValue(key), h = r.GetValue(hmacKey), file = r.GetValue(keyFile);
            if (file != null && (k != null || h != null) || file == null && (k == null || h == null))
            {
                Console.Error.WriteLine("gateway: give the keys either as --key and --hmac-key or as --key-file FILE");
                return 2;
            }
            if (file != null && !ReadKeyFile(file, out k, out h, Console.Error)) return 2;
            return Check(r.GetValue(datagram)!, k!, h!, r.GetValue(hmac)!,
                r.GetValue(noAge) ? -1 : r.GetValue(maxAge) < 0 ? -2 : r.GetValue(maxAge), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Console.Out);
        });

        return new Command("spa", "Single Packet Authorization for fwknop's client: keys, and an offline check of a datagram") { keygen, check };
    }

    /// <summary>Reads the first KEY_BASE64 and HMAC_KEY_BASE64 of a file (NAME: VALUE or NAME VALUE lines); false, with
    /// the reason on <paramref name="errors"/> (never the keys), when either is missing.</summary>
    public static bool ReadKeyFile(string path, out string? key, out string? hmacKey, TextWriter errors)
    {
        key = hmacKey = null;
        if (!File.Exists(path)) { errors.WriteLine($"{Path.GetFileName(path)}:1:1: error: file not found: {path}"); return false; }
        foreach (string raw in File.ReadLines(path))
        {
            string[] words = raw.Trim().Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 2) continue;
            string name = words[0].TrimEnd(':');
            if (name == "KEY_BASE64") key ??= words[1].Trim();
            else if (name == "HMAC_KEY_BASE64") hmacKey ??= words[1].Trim();
        }
        if (key != null && hmacKey != null) return true;
        errors.WriteLine($"{Path.GetFileName(path)}:1:1: error: no {(key == null ? "KEY_BASE64" : "HMAC_KEY_BASE64")} line in the key file");
        return false;
    }

    public static int Keygen(string name, string server, TextWriter output)
    {
        // The name becomes a console word and an rc file's section: letters, digits, '-' and '_' only.
        if (name.Length == 0 || name.Length > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            Console.Error.WriteLine($"gateway: --name must be 1 to 32 letters, digits, '-' or '_', not \"{name}\"");
            return 2;
        }
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string hmacKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        // The first two lines exactly as fwknop --key-gen prints them, so scripts that read those read these.
        output.WriteLine("KEY_BASE64: " + key);
        output.WriteLine("HMAC_KEY_BASE64: " + hmacKey);
        output.WriteLine();
        output.WriteLine("# On the gateway's serial console (keys are never sent over the network nor kept in a rule package):");
        output.WriteLine($"/spa key set name={name} key={key} hmac-key={hmacKey}");
        output.WriteLine();
        output.WriteLine("# In the client's ~/.fwknoprc (then: fwknop -n " + name + "):");
        output.WriteLine("[" + name + "]");
        output.WriteLine("SPA_SERVER              " + server);
        output.WriteLine("ACCESS                  tcp/22");
        output.WriteLine("ALLOW_IP                source");
        output.WriteLine("KEY_BASE64              " + key);
        output.WriteLine("HMAC_KEY_BASE64         " + hmacKey);
        output.WriteLine("USE_HMAC                Y");
        return 0;
    }

    /// <param name="maxAgeSeconds">-1: no age check; below -1 is refused (a negative --max-age must not mean "none").</param>
    /// <param name="nowSeconds">This machine's clock, Unix seconds.</param>
    public static int Check(string datagram, string key, string hmacKey, string hmac, int maxAgeSeconds, long nowSeconds, TextWriter output)
    {
        if (maxAgeSeconds < -1)
        {
            Console.Error.WriteLine("gateway: --max-age must be 0 or more seconds (--no-age skips the age check)");
            return 2;
        }
        if (!hmac.Equals("sha256", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"gateway: --hmac {hmac}: the gateway takes HMAC-SHA-256 only (fwknop's default with a HMAC key)");
            return 2;
        }
        string text = datagram;
        if (datagram.StartsWith('@'))
        {
            try { text = File.ReadAllText(datagram[1..]); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"gateway: cannot read {datagram[1..]}: {e.Message}"); return 2; }
        }
        text = text.Trim();
        var keys = new SpaKeys();
        byte[] k = Encoding.ASCII.GetBytes(key), h = Encoding.ASCII.GetBytes(hmacKey);
        if (!keys.Set(k, 0, k.Length, h, 0, h.Length))
        {
            Console.Error.WriteLine("gateway: --key must be base64 of 1 to 32 bytes and --hmac-key base64 of 1 to 128 bytes, and they must differ");
            return 2;
        }
        byte[] wire = Encoding.Latin1.GetBytes(text);
        var request = new SpaRequest();
        SpaCheck result = new SpaVerifier().Check(wire, 0, wire.Length, keys, request);
        JsonObject json;
        if (result != SpaCheck.Ok) json = Refused(result.ToString().ToLowerInvariant());
        else if (maxAgeSeconds >= 0 && Math.Abs(nowSeconds - request.Timestamp) > maxAgeSeconds)
            json = Refused("age", $"{nowSeconds - request.Timestamp} s from this machine's clock (at most {maxAgeSeconds})");
        else json = Accepted(request);
        output.WriteLine(json.ToJsonString());
        return json["ok"]!.GetValue<bool>() ? 0 : 1;
    }

    private static JsonObject Refused(string reason, string? detail = null)
    {
        var json = new JsonObject { ["ok"] = false, ["reason"] = reason };
        if (detail != null) json["detail"] = detail;
        return json;
    }

    // The request as fwknop's own decoded fields, the access list as its message text ("IP,tcp/22").
    private static JsonObject Accepted(SpaRequest r)
    {
        var access = new StringBuilder($"{r.Address >> 24}.{(r.Address >> 16) & 255}.{(r.Address >> 8) & 255}.{r.Address & 255}");
        for (int i = 0; i < r.AccessCount; i++) access.Append(r.Protocols[i] == SpaRequest.Tcp ? ",tcp/" : ",udp/").Append(r.Ports[i]);
        return new JsonObject
        {
            ["ok"] = true,
            ["rand"] = Encoding.ASCII.GetString(r.Random),
            ["user"] = Encoding.Latin1.GetString(r.User, 0, r.UserLength),
            ["timestamp"] = r.Timestamp,
            ["version"] = Encoding.ASCII.GetString(r.Version, 0, r.VersionLength),
            ["type"] = r.Type,
            ["access"] = access.ToString(),
            ["timeout"] = r.ClientTimeout == SpaRequest.NoTimeout ? null : r.ClientTimeout,
            ["digest"] = "sha256",
        };
    }
}
