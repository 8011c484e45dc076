// fwknop's own client (Debian's fwknop-client) against the gateway's SPA verifier (issue 27): keys from
// `gateway spa keygen` and from `fwknop --key-gen`, datagrams built by fwknop for the access types users send
// (-A with -a, -s for the source address, --fw-timeout for type 3, several ports), saved with -B and opened by
// `gateway spa check` with the fields fwknop put in; a stanza's other key refuses them. No datagram is sent: the
// listener is not built yet (docs/spa.md), so this checks the wire format against the real client.
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gateway.Cli.Commands;

namespace Gateway.EndToEnd.Tests;

public sealed class FwknopClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gateway-fwknop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // fwknop in test mode (--test: built, not sent), the datagram saved to a file; its rc file kept out of ~ and its
    // arguments (the keys among them) not saved to ~/.fwknop.run.
    private string Datagram(string fwknop, string key, string hmacKey, params string[] request)
    {
        string packet = Path.Combine(_dir, "spa-" + Guid.NewGuid().ToString("N") + ".pkt");
        string rc = Path.Combine(_dir, "fwknoprc");
        File.WriteAllText(rc, "");
        var (exit, output) = Tools.Run(fwknop, [.. request, "-D", "127.0.0.1", "--rc-file", rc, "--key-base64-rijndael", key, "--key-base64-hmac", hmacKey,
            "--use-hmac", "--test", "--no-save-args", "-B", packet]);
        Assert.True(exit == 0, $"fwknop exit {exit}: {output}");
        return "@" + packet;
    }

    private static JsonObject Checked(string datagram, string key, string hmacKey, out int exit)
    {
        var output = new StringWriter();
        exit = SpaCommand.Check(datagram, key, hmacKey, "sha256", SpaCommand.DefaultMaxAgeSeconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), output);
        return JsonNode.Parse(output.ToString())!.AsObject();
    }

    [Fact]
    public void Datagrams_fwknop_builds_under_gateway_keys_open_with_what_they_ask()
    {
        string fwknop = Tools.Require("fwknop", "fwknop-client");
        var keygen = new StringWriter();
        SpaCommand.Keygen("ssh", "127.0.0.1", keygen);
        string key = Regex.Match(keygen.ToString(), "^KEY_BASE64: (\\S+)", RegexOptions.Multiline).Groups[1].Value;
        string hmacKey = Regex.Match(keygen.ToString(), "^HMAC_KEY_BASE64: (\\S+)", RegexOptions.Multiline).Groups[1].Value;

        var access = Checked(Datagram(fwknop, key, hmacKey, "-A", "tcp/22", "-a", "192.0.2.9"), key, hmacKey, out int exit);
        Assert.True(exit == 0, access.ToJsonString());
        Assert.Equal("192.0.2.9,tcp/22", access["access"]!.GetValue<string>());
        Assert.Equal(1, access["type"]!.GetValue<int>());
        Assert.Null(access["timeout"]);
        Assert.InRange(access["timestamp"]!.GetValue<long>(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);

        var timed = Checked(Datagram(fwknop, key, hmacKey, "-A", "tcp/22,udp/1194,tcp/443", "-s", "--fw-timeout", "600"), key, hmacKey, out exit);
        Assert.True(exit == 0, timed.ToJsonString());
        Assert.Equal("0.0.0.0,tcp/22,udp/1194,tcp/443", timed["access"]!.GetValue<string>());   // -s: the datagram's source
        Assert.Equal(3, timed["type"]!.GetValue<int>());
        Assert.Equal(600, timed["timeout"]!.GetValue<int>());

        var user = Checked(Datagram(fwknop, key, hmacKey, "-A", "udp/53", "-a", "198.51.100.20", "-U", "alice"), key, hmacKey, out exit);
        Assert.True(exit == 0, user.ToJsonString());
        Assert.Equal("alice", user["user"]!.GetValue<string>());

        var other = new StringWriter();
        SpaCommand.Keygen("other", "127.0.0.1", other);
        string otherHmac = Regex.Match(other.ToString(), "^HMAC_KEY_BASE64: (\\S+)", RegexOptions.Multiline).Groups[1].Value;
        var refused = Checked(Datagram(fwknop, key, hmacKey, "-A", "tcp/22", "-a", "192.0.2.9"), key, otherHmac, out exit);
        Assert.Equal(1, exit);
        Assert.Equal("hmac", refused["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Keys_from_fwknops_own_keygen_work_too()
    {
        string fwknop = Tools.Require("fwknop", "fwknop-client");
        string rc = Path.Combine(_dir, "fwknoprc-keygen");
        File.WriteAllText(rc, "");
        var (exit, output) = Tools.Run(fwknop, "--rc-file", rc, "--no-save-args", "--key-gen");
        Assert.True(exit == 0, output);
        string key = Regex.Match(output, "^KEY_BASE64: (\\S+)", RegexOptions.Multiline).Groups[1].Value;
        string hmacKey = Regex.Match(output, "^HMAC_KEY_BASE64: (\\S+)", RegexOptions.Multiline).Groups[1].Value;
        var json = Checked(Datagram(fwknop, key, hmacKey, "-A", "tcp/8443", "-a", "203.0.113.5"), key, hmacKey, out int checkExit);
        Assert.True(checkExit == 0, json.ToJsonString());
        Assert.Equal("203.0.113.5,tcp/8443", json["access"]!.GetValue<string>());
    }
}
