// The SPA verifier (src/Firmware/Crypto/Spa) against fwknop's own test suite's packets (mrash/fwknop at 7605573:
// test/tests/os_compatibility.pl, rijndael_hmac.pl, with the keys of their test/conf/*access.conf; the clients
// range from fwknop 2.0 to 2.6.3 on Linux, the BSDs, Windows and Android), each decrypted beforehand with OpenSSL,
// and against datagrams made here the way fwknop's client makes them (tests/Shared/FwknopClient.cs), for each rule of the
// plaintext's fields. Forged, damaged, prefixed and mis-keyed datagrams are refused with their reason, and
// checking allocates nothing.
#pragma warning disable CA5351 // MD5: the test of another digest type
using System.Security.Cryptography;
using System.Text;
using Gateway.Crypto.Spa;

namespace Gateway.Core.Tests;

[Collection(AllocationGroup.Name)]
public class SpaVerifierTests
{
    // name, wire, KEY_BASE64, HMAC_KEY_BASE64 (plain KEY/HMAC_KEY of a conf in base64), the plaintext OpenSSL gave.
    public static TheoryData<string, string, string, string, string> FwknopPackets => new()
    {
        { "H1 os_compatibility.pl:139 (K1)", "97UwsN9v6iQxs9/hrSnbRKDF8byw+niI0PDx0AvuhLP2NmAaz4qktRjl1p7lUAGBzLi+4o58wJCkHs3QUluHBcMAS6hqIT7qMc/aQlcJzNsQWEfPCkAE0m1zLnjGGE3C9u943F+0csrZs+ysKKca+sVBcAKhsTNsMjT9HojVMdk+r9RhJqUa2JJz7fZIZauvBrygBVg0yh6o", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "6216550337595696:cm9vdA:1371001727:2.5.0:1:MTI3LjAuMC4yLHRjcC8yMg:IRUeghNNvLDc8hXmJFVu8NJLiuh1RcgQwBT79Hd09+o" },
        { "H2 os_compatibility.pl:207 (K1)", "87ujK1b1aOKxWWI3IWAYUhhimid7In1SQO60K3Kz3BWouDAHVJrthrx8qZbOoNubBnOT06p9lTWhkKirgMRySEFBQ9ypGPYnraysdlqmYuRDJ3ZIL0IWaJywgVPDJlxxPuI8MD6wm4bHHJ8BkSeWqix97DnU215iUkPlD/ks85jHMD5EarLcijkV5OBwilCcVsDj7i6q0PKQ", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "2048972911292500:cm9vdA:1406571521:2.0.2:1:MTI3LjAuMC4yLHRjcC8yMg:XJ3wfE1zj+DxZD34alEfLjcgJZuQLKNjZmZEMX0nog4" },
        { "H3 os_compatibility.pl:277 (K1)", "/yH60IrOqXpcFhwIvPndytkT40DUWwho+yuvVocfRrrOlOY0szD/Xo+veQ+Ubs7Y/szJ/HViJRg2LjDff2AeKz1cWMn6Zg/l+C8TZBBc5Tmwc8PIIOXwjrNHwCv3lc9tRToeAVdYyQfM87OgczI6OP9SgKoKfKA5ouI9eIxOlncDn+9TkShRy0+5G+xi2vuV4KU0DYxTRvV4", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "6474621985975224:bWJy:1384441796:2.0:1:MTI3LjAuMC4yLHRjcC8yMg:lxqX2pjLOTazKYSqEigipt11mlFUlMIgj9bDcrZfSEc" },
        { "H4 rijndael_hmac.pl:739 (K2)", "+NHb5ytzAppxOdX/sy48+nvGNzsR9Bq6wbaakwihbepSDlZWpBwG7HOv0V1Lwzpt5/vYMkmzCr1aXdgBPJVkqMQQZppjkxMApQGbX0MXLPG+aqP9MGWrmpOVjSY8vW5uc8wOhnNJFtu77jvR7MIDFOkNO16LbLV+IxQOmoJHE2+lUH1nvudMWCORI/tzK/QU5YWFAXbbjFhR6RgvdWfzDhwxAEpNfd5gE", "Zndrbm9wdGVzdA==", "dGVzdA==", "4990790666103412:QWRtaW5pc3RyYXRvcg:1367636707:2.5.0:1:MTI3LjAuMC4yLHRjcC8yMg:B1RPLnwzhzrXWhNX8Vjao94c2dvVt8KgI6b5sKYwCC0" },
        { "H5 rijndael_hmac.pl:756 (K3)", "+8fP34T9Vjs50Yke5tNTz7YnsDbQUcp6zaaJTzVOgRuNXyhiZKL5UpaC2neRkqgjSlG6/qJSKXIuXBKR4LFS3rX2ZwrOkfBGKJeXe8S2uZex9RjOr/8SwS45Q+Kt3J6QsShXU4cxz09Cv+bi7+08/bGCyVdhvYNwogIhEkcqS79+JNR3lSBEBrOY4hoOKRRAYw41yI5cBCdc", "Zndrbm9wdGVzdA==", "aG1hY3Rlc3Q=", "9498113239850172:dTBfYTUy:1387857764:2.0:3:MC4wLjAuMCx0Y3AvMjI:2:uMxeJZ6Q/ACqlDyHOoZBBpsXfJ5bJVVLCcU8F9nHoiU" },
        { "H6 os_compatibility.pl:377 (K4)", "9OBAYI4pRmsVz1AXyO1Mzkbx0RdUx6C+zHXM9aegQZFkYl0agWNIWqh2kbIlbUvqq1NG47cp3AyccBG4+6SXQpe4G9JvDgtcYc6DQaG1pT48zi+6BDvnV3K2eojdaPTIIdFRn75c278iCdxue/WW54iK1n07GtNSl8xyjTBiC4dlEfGpYbM7FIGmIciVZo3PZOxtapdF8Ml9SRwHwka/pCS+3hKnjbUOk", "dGVzdGZ3a25vcA==", "dGVzdGhtYWM=", "3904250210389786:dTBfYTU2:1434503868:2.0.2:3:MTI3LjAuMC4yLHRjcC8yMg:3:Pp8nhkmVrUJAvmKdNrPHXKrSlxu3RZF1eTuYfzZmeEs" },
        { "H7 os_compatibility.pl:297 (K3)", "/Tq46RmmFdCNJOFkesifTKvHZQ2tuSjsPq5fMZqGZVRnd3SFOIeInw/AId6lRxbhvO1vjNNgJt492yR4gmVZ1LwMKx8zmLVeqV0J+wCWU4ZjNf2FKOlEjvEDFmLIPCqZqli3P4hwUjC+jn0Pkh23GV0uZMm8+Q2k8xVboZXaWie2hJOUK+oaQxtFZWOUOCTG05oSZWDQgJrc", "Zndrbm9wdGVzdA==", "aG1hY3Rlc3Q=", "1144142863175183:dTBfYTU0:1433472785:2.0.2:3:MS4yLjMuNCx0Y3AvMjI:3:5A8twJ1HjEV5jnlkRb6KQXDFCW27HFqpzzmQ4C8qfzo" },
        { "H8 rijndael_hmac.pl:1659 (K1b)", "86uMfbb7AitlOEck6O0qJDtKK+GyTSnpxaL3iyCTzg+P0iRgMLRjt3Og4YmrG54AqaCg5M3tsqr3lF0E+mlMnNDtTy40nPc46psbreD1GqZ5fQkxri2IhhCSbAPeivyVE2cTB223gk9RDhaOMoHd8HtqwhMNiSGy8hU1dwCXo1Sjmx5kZ8Nnt91U82wW4jFTUObg83iJqz72xPw6sf7bvnZWeIbgE56pA", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "5294740411187269:cm9vdA:1464436023:2.0.2:2:MTI3LjAuMC4yLHRjcC8yMg:YmFkJWhvc3QsMjI:T85DTWvx1hcbSv9e6wQB68PG0mqHJpv6I+Ufaxq3oKk" },
        { "H9 os_compatibility.pl:156 (K1)", "/+pXmgSat9BUrGQLUFFELlOSqVAHSzY/BhPC2eP/gYfW5OrLplejpwh7MYoU06GPHRx4vqMBYjxzOcrWp0rFC1rrPzP16nFnRUo5P3jxg1FMjMLI48RrSwCcx8G1qkmknUjmg4+8maPhus2x7YhoPTMfMZijWKOaMWhX1G0khDqFfGU8GuehpQdwuGdX/oGZnheeQyczK4pY", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "1756936190140988:cm9vdA:1370919650:2.5.0:1:MTI3LjAuMC4yLHRjcC8yMg:FWWZrfqvKJNOKByETy0CHqaBWNJkqh7YwNq5Lp6ApJo" },
        { "H10 os_compatibility.pl:173 (K1)", "8au7bGF/FL3EwjMVtTQpAtrzW4JvYAlAtbuEHGdxYS0E0vo18t9dpKoYA/hCLMuXqFYIH6zINNYUYjplvL9+zFeygIxiT9dm6PIjjossOIRRNOwdwbS8oeBzsckqMnBDo3d0K5I4mhwuWVHyTZUg441+kfm7O8TesDhUoy2ftqTGR3+GHi52/NIVctEApWR6NZowCcHElB9E", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "1692426023118326:cm9vdA:1370948180:2.5.0:1:MTI3LjAuMC4yLHRjcC8yMg:aYgwEZQNY77Gb+BUsRRgfmhjwaud3KSH+vF/08u9YBs" },
        { "H11 os_compatibility.pl:190 (K1)", "+HtI50Xp3v1TtDw+GBkYCq9cXGC/qgofjPMqAX+uUg0LdQ0nfxCjpJAWoaZX+aCoBa9Na64c0JCRxzH9VTDY7oVkK3s+D8jI7pzXAJAE7ffMukCSeKWI3UaubuwsBtku9Mf7Q5XzySHY0QeoQ/3OGd3lSCTLVxNzk/mdIZ94QX/8uOG+qippPa9JyGVp5nkKLD+nrVhvEy30", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "1470328321713781:cm9vdA:1385582902:2.0:1:MTI3LjAuMC4yLHRjcC8yMg:gvZ0WtWGLyCO+Bv22qIHChtdr4sgzPy7/s+nPZN09Lo" },
        { "H12 os_compatibility.pl:225 (K1)", "9LnU3Tlrn7tpcOxviTD5DHlXZ9T0Sj9R92yvm319zB1xzhMYuwB18C4qgScj5qVop4zyz0L1LQYMZ1/O3S2dqafGLIqSwk7j6YiH0ENVafQvuFVFG8ooeBRxFqzwYnywR5R9Drrw+hMxpl40HDb1O07xN7WBOSvNgU2vi8MHT7MSZVh02PKRF8aReLcQTD2sxRsn5tGfehC8", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "2116102100188276:cm9vdA:1370946564:2.5.0:1:MTI3LjAuMC4yLHRjcC8yMg:tXRKLami1WhfwDm80OKverLTXJ3viyzayRoz9/WdybQ" },
        { "H13 os_compatibility.pl:242 (K1)", "+ju0kG0l/Qv833iaX5HaAALB8Oh6z//u2/y7/dSnUdg00tRufyl8j96r8xKQAXlK5yUQejiphOsX9U7ZZC9fD1Ks1LaOYXP8Iz7WcZctByENeN09WCcQAWX8Zj0OXSv5C0fNf0RqMCD5Q6OEJuLfm26FDqnsE9jmUSRcRyFcsbP3po2Ru5nlHM/a8o1MDoskdw5VbHMIM6lU", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "8948491428645771:cm9vdA:1385556122:2.0:1:MTI3LjAuMC4yLHRjcC8yMg:6gLTitKbo6C42P7TVlbeWAeHXb40M4hCSP982keB1Uw" },
        { "H14 os_compatibility.pl:259 (K1)", "9/sg0eyMETZhbucySDpiApzeCT5QM02kMzdDqOL8VxsR3/sPHwIW3i5F7RS1v4CIkOTdBojvY9o/z0xCmMOpmmyCy0eA8ns4OAl4TKq3NlZCYKPeOgHq80wGB2C0XcEz3hy0QW1sfETjHH/plAlInptHExeyh11PAv1Ef7nMhoz7LGoht867nBKW+Kf9NT54U6ksmbKjeib4", "wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=", "Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", "7060589711623447:cm9vdA:1406556870:2.0.2:1:MTI3LjAuMC4yLHRjcC8yMg:XomncpWJV+BMMpvMLExH0NuXTg8vi+vZZdw9sQdBYaY" },
        { "H15 os_compatibility.pl:324 (K3)", "8QlEOMGvx+FgQZ1Ipdrp9G++fRv/ljKwAduXLj8d3rtPEHXlR+F/2rVTUgumPMVU8NYfVR0wJBHO6/9wbvbBePlmwoSeVBXYT3N0jsuaH6YUG/9udyfchQTYVXbtEnAxtScudZP5eWXPthoL1Jl8HrEF78mVjjINU7pOB4jEP5Hd+1RWzgv+NH9sm2aUVzeB3IuxQnaMhunU", "Zndrbm9wdGVzdA==", "aG1hY3Rlc3Q=", "6973846232904874:dTBfYTU1:1433698852:2.0.2:3:MS4yLjMuNCx0Y3AvMjI:3:4xlmW1UE2Mysu/1soA/Z9XzwGJNEJXxGnLpTVhB+V0Y" },
    };

    private static SpaKeys Keys(string key, string hmacKey)
    {
        var keys = new SpaKeys();
        byte[] k = Encoding.ASCII.GetBytes(key), h = Encoding.ASCII.GetBytes(hmacKey);
        Assert.True(keys.Set(k, 0, k.Length, h, 0, h.Length));
        return keys;
    }

    private static SpaCheck Check(string wire, SpaKeys keys, SpaRequest request)
    {
        byte[] bytes = Encoding.ASCII.GetBytes("xx" + wire);
        return new SpaVerifier().Check(bytes, 2, bytes.Length - 2, keys, request);
    }

    private static string Unbase64(string text) => Encoding.ASCII.GetString(Convert.FromBase64String(text.PadRight((text.Length + 3) / 4 * 4, '=')));

    [Theory]
    [MemberData(nameof(FwknopPackets))]
    public void Every_packet_of_fwknops_test_suite_opens_under_its_keys_with_the_fields_openssl_showed(string name, string wire, string key, string hmacKey, string plaintext)
    {
        var request = new SpaRequest();
        SpaCheck result = Check(wire, Keys(key, hmacKey), request);
        string[] f = plaintext.Split(':');
        if (f[4] == "2")
        {
            Assert.Equal(SpaCheck.Type, result);   // NAT access (H8): authenticated, decrypted, not granted here
            Assert.Equal(-1, request.Type);        // and a refusal leaves the request cleared
            return;
        }
        Assert.True(result == SpaCheck.Ok, $"{name}: {result}");
        Assert.Equal(f[4], request.Type.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(f[0], Encoding.ASCII.GetString(request.Random));
        Assert.Equal(Unbase64(f[1]), Encoding.ASCII.GetString(request.User, 0, request.UserLength));
        Assert.Equal(long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), request.Timestamp);
        Assert.Equal(f[3], Encoding.ASCII.GetString(request.Version, 0, request.VersionLength));
        Assert.Equal(Unbase64(f[5]), Access(request));
        Assert.Equal(f[4] == "3" ? int.Parse(f[6], System.Globalization.CultureInfo.InvariantCulture) : SpaRequest.NoTimeout, request.ClientTimeout);
        var tag = new HMACSHA256(Convert.FromBase64String(hmacKey)).ComputeHash(Encoding.ASCII.GetBytes("U2FsdGVkX1" + wire[..^43]));
        Assert.Equal(tag, request.Tag);
    }

    // The request as fwknop's message text: "a.b.c.d,tcp/22,...".
    private static string Access(SpaRequest r)
    {
        var text = new StringBuilder($"{r.Address >> 24}.{(r.Address >> 16) & 255}.{(r.Address >> 8) & 255}.{r.Address & 255}");
        for (int i = 0; i < r.AccessCount; i++) text.Append(r.Protocols[i] == SpaRequest.Tcp ? ",tcp/" : ",udp/").Append(r.Ports[i]);
        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(FwknopPackets))]
    public void Under_another_stanzas_hmac_key_every_packet_fails_the_hmac_and_under_another_encryption_key_it_fails_to_decrypt(string name, string wire, string key, string hmacKey, string plaintext)
    {
        Assert.NotEmpty(plaintext);
        string otherHmac = Convert.ToBase64String(Encoding.ASCII.GetBytes(hmacKey == Convert.ToBase64String("hmactest"u8.ToArray()) ? "test" : "hmactest"));
        Assert.Equal(SpaCheck.Hmac, Check(wire, Keys(key, otherHmac), new SpaRequest()));
        string otherKey = Convert.ToBase64String(Encoding.ASCII.GetBytes("not " + name[..name.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.Equal(SpaCheck.Decrypt, Check(wire, Keys(otherKey, hmacKey), new SpaRequest()));
    }

    [Fact]
    public void What_is_not_a_rijndael_datagram_is_refused_as_format_before_any_hmac()
    {
        string wire = Gateway.Testing.FwknopPacket.Wire;
        var keys = Keys(Gateway.Testing.FwknopPacket.KeyBase64, Gateway.Testing.FwknopPacket.HmacKeyBase64);
        Assert.Equal(SpaCheck.Ok, Check(wire, keys, new SpaRequest()));
        Assert.Equal(SpaCheck.Format, Check("U2FsdGVkX1" + wire, keys, new SpaRequest()));   // the stripped prefix put back
        Assert.Equal(SpaCheck.Format, Check(wire[..139], keys, new SpaRequest()));
        Assert.Equal(SpaCheck.Format, Check(wire + new string('A', 1500 - wire.Length + 1), keys, new SpaRequest()));
        Assert.Equal(SpaCheck.Format, Check(wire[..50] + "-" + wire[51..], keys, new SpaRequest()));
        Assert.Equal(SpaCheck.Format, Check(wire[..50] + "\n" + wire[52..], keys, new SpaRequest()));
    }

    // -- Datagrams made here as fwknop's client makes them, one rule of the plaintext at a time. --------------

    private const string MyKey = "c2VjcmV0IGVuY3J5cHRpb24ga2V5LCAzMiBieXRlcyE=";   // 32 bytes
    private const string MyHmacKey = "YW5vdGhlciBrZXksIGZvciB0aGUgSE1BQywgb2YgNjQgYnl0ZXMsIG5vdGhpbmcgbW9yZSBub3IgbGVzcyEhIQ==";

    private static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=');

    private static string FwknopClient(string fields, int seed = 1, string? digest = null)
    {
        var salt = new byte[8];
        new Random(seed).NextBytes(salt);
        return Gateway.Testing.FwknopClient.Datagram(fields, Convert.FromBase64String(MyKey), Convert.FromBase64String(MyHmacKey), salt, digest);
    }

    private static (SpaCheck Check, SpaRequest Request) Made(string fields, string? digest = null)
    {
        var request = new SpaRequest();
        return (Check(FwknopClient(fields, 7, digest), Keys(MyKey, MyHmacKey), request), request);
    }

    private static string Fields(string user = "alice", string time = "1764900000", string version = "2.6.10", string type = "1",
        string access = "0.0.0.0,tcp/22", string? timeout = null) =>
        "1234567890123456:" + B64(user) + ":" + time + ":" + version + ":" + type + ":" + B64(access) + (timeout == null ? "" : ":" + timeout);

    [Fact]
    public void A_request_for_several_ports_with_a_timeout_opens_with_each_field()
    {
        var (check, r) = Made(Fields(type: "3", access: "192.0.2.7,tcp/22,udp/1194,tcp/443", timeout: "600"));
        Assert.Equal(SpaCheck.Ok, check);
        Assert.Equal(0xC0000207u, r.Address);
        Assert.Equal("192.0.2.7,tcp/22,udp/1194,tcp/443", Access(r));
        Assert.Equal(600, r.ClientTimeout);
        Assert.Equal("alice", Encoding.ASCII.GetString(r.User, 0, r.UserLength));
        Assert.Equal(1764900000L, r.Timestamp);
        var (sourceCheck, source) = Made(Fields(access: "0.0.0.0,udp/53"));
        Assert.Equal(SpaCheck.Ok, sourceCheck);
        Assert.Equal(0u, source.Address);   // 0.0.0.0: the datagram's source (the client's -s)
    }

    [Theory]
    [InlineData("0", SpaCheck.Type)]      // a command
    [InlineData("2", SpaCheck.Type)]      // NAT access
    [InlineData("4", SpaCheck.Type)]
    [InlineData("5", SpaCheck.Type)]
    [InlineData("6", SpaCheck.Type)]
    [InlineData("7", SpaCheck.Message)]   // no such type
    [InlineData("x", SpaCheck.Message)]
    [InlineData("11", SpaCheck.Message)]
    public void Only_access_and_access_with_timeout_are_granted(string type, SpaCheck expected) =>
        Assert.Equal(expected, Made(Fields(type: type)).Check);

    [Theory]
    [InlineData("user", "ali:ce")]
    [InlineData("user", "ali/ce")]
    [InlineData("user", "a*")]
    [InlineData("user", "")]
    [InlineData("user", "1234567890123456789012345678901234567890123456789")]   // 49 bytes: 66 characters of base64
    [InlineData("user", "ali ce\u0001")]
    [InlineData("time", "")]
    [InlineData("time", "1234567890123")]   // 13 digits
    [InlineData("time", "17649x0000")]
    [InlineData("version", "")]
    [InlineData("version", "2.6.10.1.1")]   // 10 characters
    [InlineData("access", "192.0.2.7")]              // no port
    [InlineData("access", "192.0.2.7,tcp/0")]
    [InlineData("access", "192.0.2.7,tcp/65536")]
    [InlineData("access", "192.0.2.7,icmp/8")]
    [InlineData("access", "192.0.2,tcp/22")]
    [InlineData("access", "192.0.2.256,tcp/22")]
    [InlineData("access", "192.0.2.7,tcp/22,")]
    [InlineData("access", "192.0.2.7;tcp/22")]
    [InlineData("access", "192.0.2.7,TCP/22")]       // fwknop compares with strncmp: lower case only
    [InlineData("access", "010.0.2.7,tcp/22")]       // inet_aton would read 010 as octal
    [InlineData("access", "192.0.2.7,tcp/")]
    public void Each_field_rule_of_fwknops_decoder_refuses_its_breach(string field, string value)
    {
        string fields = field switch
        {
            "user" => Fields(user: value),
            "time" => Fields(time: value),
            "version" => Fields(version: value),
            _ => Fields(access: value),
        };
        Assert.Equal(SpaCheck.Message, Made(fields).Check);
    }

    [Fact]
    public void A_user_of_48_bytes_is_taken_and_more_fields_or_an_empty_one_are_refused()
    {
        var (check, r) = Made(Fields(user: new string('u', 48)));
        Assert.Equal(SpaCheck.Ok, check);
        Assert.Equal(48, r.UserLength);
        Assert.Equal(SpaCheck.Message, Made(Fields() + ":x:y:z").Check);   // past the fields any type has
        Assert.Equal(SpaCheck.Message, Made("1234567890123456::1764900000:2.6.10:1:" + B64("0.0.0.0,tcp/22")).Check);
        Assert.Equal(SpaCheck.Message, Made(Fields(version: "")).Check);
    }

    [Fact]
    public void Keys_never_set_or_refused_authenticate_nothing()
    {
        byte[] wire = Encoding.ASCII.GetBytes(Gateway.Testing.FwknopClient.Datagram(Fields(), [], [], new byte[8]));
        var verifier = new SpaVerifier();
        var request = new SpaRequest();
        Assert.Equal(SpaCheck.Hmac, verifier.Check(wire, 0, wire.Length, new SpaKeys(), request));
        var refused = new SpaKeys();
        byte[] same = Encoding.ASCII.GetBytes(MyKey);
        Assert.False(refused.Set(same, 0, same.Length, same, 0, same.Length));
        Assert.Equal(SpaCheck.Hmac, verifier.Check(wire, 0, wire.Length, refused, request));
    }

    [Fact]
    public void A_refusal_hands_out_nothing_and_the_tag_is_compared_as_the_text_the_client_wrote()
    {
        string wire = FwknopClient(Fields());
        var keys = Keys(MyKey, MyHmacKey);
        var request = new SpaRequest();
        Assert.Equal(SpaCheck.Ok, Check(wire, keys, request));
        byte[] tag = (byte[])request.Tag.Clone();
        Assert.Contains(tag, b => b != 0);
        string forged = wire[..^43] + new string('A', 43);
        Assert.Equal(SpaCheck.Hmac, Check(forged, keys, request));
        Assert.All(request.Tag, b => Assert.Equal(0, b));   // the right tag of the forged body is not handed out
        Assert.Equal(0, request.UserLength);
        // The tag's last character carries 2 spare bits: the other spellings of the same 32 bytes are refused.
        char last = wire[^1];
        int value = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".IndexOf(last, StringComparison.Ordinal);
        for (int spare = 1; spare < 4; spare++)
        {
            char alias = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[value ^ spare];
            Assert.Equal(Convert.FromBase64String(wire[^43..] + "="), Convert.FromBase64String(wire[^43..^1] + alias + "="));
            Assert.Equal(SpaCheck.Hmac, Check(wire[..^1] + alias, keys, request));
        }
    }

    [Fact]
    public void An_authentic_datagram_past_fwknops_rijndael_length_is_refused_as_format()
    {
        string ports = string.Concat(Enumerable.Range(1, 16).Select(p => $",tcp/{60000 + p}"));
        string wire = FwknopClient(Fields(user: new string('u', 40), access: "192.0.2.7" + ports));
        Assert.True(wire.Length > SpaVerifier.MaxWireBytes, wire.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SpaCheck.Format, Check(wire, Keys(MyKey, MyHmacKey), new SpaRequest()));
        Assert.Equal(SpaCheck.Format, new SpaVerifier().Check(Encoding.ASCII.GetBytes(FwknopClient(Fields())), 5, 300, Keys(MyKey, MyHmacKey), new SpaRequest()));   // past the buffer
    }

    [Fact]
    public void The_access_list_and_the_timeout_are_bounded_and_the_field_count_follows_the_type()
    {
        string ports = string.Concat(Enumerable.Range(1, SpaRequest.MaxAccess).Select(p => $",tcp/{p}"));
        Assert.Equal(SpaCheck.Ok, Made(Fields(access: "192.0.2.7" + ports)).Check);
        Assert.Equal(SpaCheck.Message, Made(Fields(access: "192.0.2.7" + ports + ",udp/99")).Check);
        Assert.Equal(SpaCheck.Ok, Made(Fields(type: "3", timeout: "65536")).Check);
        Assert.Equal(SpaCheck.Message, Made(Fields(type: "3", timeout: "65537")).Check);
        Assert.Equal(SpaCheck.Message, Made(Fields(type: "3")).Check);                  // type 3 without its timeout
        Assert.Equal(SpaCheck.Message, Made(Fields(type: "1", timeout: "30")).Check);   // type 1 with one
    }

    [Fact]
    public void A_digest_that_does_not_hash_the_fields_is_refused()
    {
        string fields = Fields();
        string wrong = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(fields + " "))).TrimEnd('=');
        Assert.Equal(SpaCheck.Message, Made(fields, wrong).Check);
        string md5 = Convert.ToBase64String(MD5.HashData(Encoding.ASCII.GetBytes(fields))).TrimEnd('=');
        Assert.Equal(SpaCheck.Message, Made(fields, md5).Check);   // another digest type: only SHA-256 is taken
    }

    [Fact]
    public void Keys_are_refused_when_out_of_fwknops_bounds_or_the_same()
    {
        var keys = new SpaKeys();
        byte[] same = Encoding.ASCII.GetBytes(MyKey);
        Assert.False(keys.Set(same, 0, same.Length, same, 0, same.Length));
        byte[] long33 = Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[33]));
        byte[] hmac = Encoding.ASCII.GetBytes(MyHmacKey);
        Assert.False(keys.Set(long33, 0, long33.Length, hmac, 0, hmac.Length));
        byte[] notBase64 = Encoding.ASCII.GetBytes("not base64!");
        Assert.False(keys.Set(notBase64, 0, notBase64.Length, hmac, 0, hmac.Length));
        Assert.False(keys.IsSet);
        Assert.True(keys.Set(same, 0, same.Length, hmac, 0, hmac.Length));
        Assert.True(keys.IsSet);
    }

    [Fact]
    public void Checking_allocates_nothing_whatever_the_datagram()
    {
        var verifier = new SpaVerifier();
        var keys = Keys(MyKey, MyHmacKey);
        var request = new SpaRequest();
        byte[][] datagrams =
        [
            Encoding.ASCII.GetBytes(FwknopClient(Fields(type: "3", access: "192.0.2.7,tcp/22,udp/53", timeout: "60"))),
            Encoding.ASCII.GetBytes(FwknopClient(Fields(type: "0"))),
            Encoding.ASCII.GetBytes(Gateway.Testing.FwknopPacket.Wire),
            Encoding.ASCII.GetBytes(new string('A', 300)),
            Encoding.ASCII.GetBytes(Gateway.Testing.FwknopClient.Datagram(Fields(), Encoding.ASCII.GetBytes("another key"), Convert.FromBase64String(MyHmacKey), new byte[8])),
            Encoding.ASCII.GetBytes(FwknopClient(Fields(access: "192.0.2.7,icmp/8"))),
        ];
        foreach (byte[] d in datagrams) verifier.Check(d, 0, d.Length, keys, request);
        var results = new SpaCheck[datagrams.Length];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 50; round++)
            for (int i = 0; i < datagrams.Length; i++) results[i] = verifier.Check(datagrams[i], 0, datagrams[i].Length, keys, request);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal([SpaCheck.Ok, SpaCheck.Type, SpaCheck.Hmac, SpaCheck.Format, SpaCheck.Decrypt, SpaCheck.Message], results);
    }
}
