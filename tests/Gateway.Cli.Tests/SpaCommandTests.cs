// gateway spa keygen | check (issue 27): keys in fwknop --key-gen's own lines, usable by the verifier; the offline
// check's JSON for fwknop's own test packet (its fields), and its refusals with their reasons and exit codes.
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gateway.Cli.Commands;
using Gateway.Testing;

namespace Gateway.Cli.Tests;

[Collection(ConsoleGroup.Name)]   // writes to Console.Error, which other classes capture
public class SpaCommandTests
{
    private static (int Exit, JsonObject? Json) Check(string datagram, string key, string hmacKey, int maxAge, long now, string hmac = "sha256")
    {
        var output = new StringWriter();
        int exit = SpaCommand.Check(datagram, key, hmacKey, hmac, maxAge, now, output);
        string text = output.ToString().Trim();
        return (exit, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }

    [Fact]
    public void Keygen_prints_fwknops_two_lines_then_the_console_command_and_the_client_stanza()
    {
        var output = new StringWriter();
        Assert.Equal(0, SpaCommand.Keygen("ssh", "198.51.100.7", output));
        string[] lines = output.ToString().Split('\n');
        Match key = Regex.Match(lines[0], @"^KEY_BASE64: ([A-Za-z0-9+/]{43}=)\r?$"), hmac = Regex.Match(lines[1], @"^HMAC_KEY_BASE64: ([A-Za-z0-9+/]{86}==)\r?$");
        Assert.True(key.Success && hmac.Success, output.ToString());
        Assert.Equal(32, Convert.FromBase64String(key.Groups[1].Value).Length);
        Assert.Equal(64, Convert.FromBase64String(hmac.Groups[1].Value).Length);
        Assert.Contains($"/spa key set name=ssh key={key.Groups[1].Value} hmac-key={hmac.Groups[1].Value}", output.ToString());
        Assert.Contains("[ssh]", output.ToString());
        Assert.Contains("SPA_SERVER              198.51.100.7", output.ToString());
        var again = new StringWriter();
        SpaCommand.Keygen("ssh", "x", again);
        Assert.NotEqual(lines[0], again.ToString().Split('\n')[0]);   // random every time
    }

    [Fact]
    public void Check_prints_fwknops_test_packet_as_its_fields()
    {
        var (exit, json) = Check(FwknopPacket.Wire, FwknopPacket.KeyBase64, FwknopPacket.HmacKeyBase64, -1, 0);
        Assert.Equal(0, exit);
        Assert.Equal("""{"ok":true,"rand":"6216550337595696","user":"root","timestamp":1371001727,"version":"2.5.0","type":1,"access":"127.0.0.2,tcp/22","timeout":null,"digest":"sha256"}""",
            json!.ToJsonString());
    }

    [Fact]
    public void Check_refuses_with_the_reason_and_exit_1()
    {
        Assert.Equal((1, "age"), Reason(Check(FwknopPacket.Wire, FwknopPacket.KeyBase64, FwknopPacket.HmacKeyBase64, 120, 1371001727 + 121)));
        Assert.Equal((0, (string?)null), Reason(Check(FwknopPacket.Wire, FwknopPacket.KeyBase64, FwknopPacket.HmacKeyBase64, 120, 1371001727 - 120)));
        Assert.Equal((1, "hmac"), Reason(Check(FwknopPacket.Wire, FwknopPacket.KeyBase64, "dGVzdA==", -1, 0)));
        Assert.Equal((1, "decrypt"), Reason(Check(FwknopPacket.Wire, "dGVzdA==", FwknopPacket.HmacKeyBase64, -1, 0)));
        Assert.Equal((1, "format"), Reason(Check("U2FsdGVkX1" + FwknopPacket.Wire, FwknopPacket.KeyBase64, FwknopPacket.HmacKeyBase64, -1, 0)));
    }

    private static (int, string?) Reason((int Exit, JsonObject? Json) r) => (r.Exit, r.Json?["reason"]?.GetValue<string>());

    [Fact]
    public void Bad_keys_another_hmac_or_an_unreadable_file_exit_2_without_json()
    {
        Assert.Equal((2, (JsonObject?)null), Check(FwknopPacket.Wire, "not base64!", FwknopPacket.HmacKeyBase64, -1, 0));
        Assert.Equal((2, (JsonObject?)null), Check(FwknopPacket.Wire, FwknopPacket.KeyBase64, FwknopPacket.KeyBase64, -1, 0));
        Assert.Equal((2, (JsonObject?)null), Check(FwknopPacket.Wire, FwknopPacket.KeyBase64, FwknopPacket.HmacKeyBase64, -1, 0, "sha512"));
        Assert.Equal((2, (JsonObject?)null), Check("@/nonexistent/spa.pkt", FwknopPacket.KeyBase64, FwknopPacket.HmacKeyBase64, -1, 0));
        Assert.Equal((2, (JsonObject?)null), Check(FwknopPacket.Wire, FwknopPacket.KeyBase64, FwknopPacket.HmacKeyBase64, -2, 0));   // a negative --max-age
        Assert.Equal(2, SpaCommand.Keygen("two words", "x", new StringWriter()));
        Assert.Equal(2, SpaCommand.Keygen("a]b", "x", new StringWriter()));
    }

    [Fact]
    public void An_at_file_is_the_datagram_not_a_response_file_of_options()
    {
        // System.CommandLine would read @FILE as more arguments: a file holding "--no-age" would turn the age check off.
        string file = Path.Combine(Path.GetTempPath(), "gateway-spa-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "--no-age");
        try
        {
            var root = new System.CommandLine.RootCommand { SpaCommand.Create() };
            var parsed = root.Parse(["spa", "check", "--key", FwknopPacket.KeyBase64, "--hmac-key", FwknopPacket.HmacKeyBase64, "@" + file],
                new System.CommandLine.ParserConfiguration { ResponseFileTokenReplacer = null });
            Assert.Empty(parsed.Errors);
            Assert.Equal(1, parsed.Invoke());   // the file's text is no datagram: refused as format, the age check never off
        }
        finally { File.Delete(file); }
        string program = File.ReadAllText(Repo.Path("src", "Cli", "Program.cs"));
        Assert.Contains("ResponseFileTokenReplacer = null", program, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_takes_keygens_lines_or_an_rc_stanza_and_names_what_is_missing()
    {
        string dir = Directory.CreateTempSubdirectory("gateway-spa-keys-").FullName;
        try
        {
            var keygen = new StringWriter();
            SpaCommand.Keygen("ssh", "198.51.100.7", keygen);
            string file = Path.Combine(dir, "ssh.keys");
            File.WriteAllText(file, keygen.ToString());
            Assert.True(SpaCommand.ReadKeyFile(file, out string? key, out string? hmacKey, TextWriter.Null));
            Assert.Contains("KEY_BASE64: " + key, keygen.ToString());
            Assert.Contains("HMAC_KEY_BASE64: " + hmacKey, keygen.ToString());
            File.WriteAllText(file, "[ssh]\nKEY_BASE64              " + FwknopPacket.KeyBase64 + "\nHMAC_KEY_BASE64         " + FwknopPacket.HmacKeyBase64 + "\n");
            Assert.True(SpaCommand.ReadKeyFile(file, out key, out hmacKey, TextWriter.Null));
            Assert.Equal((FwknopPacket.KeyBase64, FwknopPacket.HmacKeyBase64), (key, hmacKey));
            File.WriteAllText(file, "KEY_BASE64 " + FwknopPacket.KeyBase64 + "\n");
            var errors = new StringWriter();
            Assert.False(SpaCommand.ReadKeyFile(file, out _, out _, errors));
            Assert.Equal("ssh.keys:1:1: error: no HMAC_KEY_BASE64 line in the key file", errors.ToString().Trim());
            Assert.DoesNotContain(FwknopPacket.KeyBase64, errors.ToString());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    // fwknop's test suite's packets without HMAC (test/tests/os_compatibility.pl, clients 2.5 on Ubuntu 12.04 and 13.04
    // and FreeBSD 8.2, under test/conf/default_access.conf: KEY fwknoptest, no HMAC key; fwknop at 76055730).
    public static TheoryData<string, string> HmacLessPackets => new()
    {
        { "v2.5 Ubuntu-12.04", "97qvmEEOJyCJk6eLpTpqG+7nx4Is+Ruh2ppeaVMkWB/hLpUEE/Znah9RF5JCbBlAZNE2O1w83mout+oyWSj4payd0yuWckikoZYjc7tSSgHIFikOhTm9CHi8ERe9jLEYw1wvqE2B7Vvz7XyefNILZdHa+Vx5zYM0o" },
        { "v2.5 Ubuntu-13.04", "/gNh7EXXyg23dcrYz0g+KaWJWvTwuPuP349YzrwcLVvVSc5RVJdakdx9Qv0xAWeGsZJPmv2e1U31SMrdgF+o7/f2qRDH2hwPU8XLKS73rXpAhZKVAF/crt00HDmaH0p+hc3ngPtmE/j0PKeUD+GM81YQPO9NdZu4s" },
        { "v2.5 FreeBSD-8.2", "9oprfzL5On8uyH5qJ0JQGLGddfGMI8j9YSafjFth2hiJrYG75FqBJNVvnsvetTA46kFmbdXHZCUx5iom9jOtpQnMvZJGex65vV4bSFdVwaoJ/ICkiRHbbzSTZo8qmpFTLSYWVhTWQddj4j80Ne6GH0h3zXomg9fJU" },
    };

    [Theory]
    [MemberData(nameof(HmacLessPackets))]
    public void Fwknops_packets_without_hmac_are_genuine_yet_refused_there_is_no_unauthenticated_mode(string client, string wire)
    {
        // Genuine: the whole text decrypts under the stanza's key to fwknop's fields (16 random digits first).
        byte[] raw = Convert.FromBase64String(("U2FsdGVkX1" + wire).PadRight((10 + wire.Length + 3) / 4 * 4, '='));
        byte[] key = "fwknoptest"u8.ToArray();
#pragma warning disable CA5351 // MD5: OpenSSL's EVP_BytesToKey, as fwknop derives its AES key
        byte[] d1 = System.Security.Cryptography.MD5.HashData([.. key, .. raw[8..16]]), d2 = System.Security.Cryptography.MD5.HashData([.. d1, .. key, .. raw[8..16]]);
        byte[] d3 = System.Security.Cryptography.MD5.HashData([.. d2, .. key, .. raw[8..16]]);
#pragma warning restore CA5351
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = [.. d1, .. d2];
        string plaintext = System.Text.Encoding.ASCII.GetString(aes.DecryptCbc(raw[16..], d3));
        Assert.Matches("^[0-9]{16}:", plaintext);
        // Refused: an HMAC key is required, and the tag fwknop never wrote does not match under any.
        var (exit, json) = Check(wire, Convert.ToBase64String(key), FwknopPacket.HmacKeyBase64, -1, 0);
        Assert.Equal(1, exit);
        Assert.Equal("hmac", json!["reason"]!.GetValue<string>());
        Assert.NotNull(client);
    }
}
