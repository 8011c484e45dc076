// fwknopd's access.conf into spa() doors (`gateway import`): what carries over, the keys kept out of the script
// and given back as serial console commands, and what cannot carry over listed with its line and reason.
using Gateway.Rules.Import;
using Gateway.Rules.Packaging;

namespace Gateway.Rules.Tests;

public class FwknopAccessImportTests
{
    // fwknop's shipped template (server/access.conf) filled in, a second stanza with the settings the gateway
    // carries, and the ones it cannot.
    private const string AccessConf =
        "# fwknopd access.conf\n" +
        "SOURCE                 ANY\n" +
        "OPEN_PORTS             tcp/22\n" +
        "KEY_BASE64             wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=\n" +
        "HMAC_KEY_BASE64        Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==\n" +
        "\n" +
        "SOURCE                 192.168.10.0/24, 10.1.1.1\n" +
        "OPEN_PORTS             tcp/443, udp/1194\n" +
        "FW_ACCESS_TIMEOUT      60\n" +
        "MAX_FW_TIMEOUT         600\n" +
        "REQUIRE_SOURCE_ADDRESS Y\n" +
        "REQUIRE_USERNAME       alice\n" +
        "KEY                    a passphrase\n" +
        "HMAC_KEY               another passphrase\n" +
        "\n" +
        "SOURCE                 ANY\n" +
        "KEY_BASE64             wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=\n" +
        "\n" +
        "SOURCE                 ANY\n" +
        "OPEN_PORTS             tcp/80\n" +
        "GPG_REMOTE_ID          1234ABCD\n" +
        "KEY_BASE64             wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=\n" +
        "HMAC_KEY_BASE64        Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==\n" +
        "HMAC_DIGEST_TYPE       sha512\n";

    [Fact]
    public void Stanzas_become_doors_and_the_keys_become_console_commands_not_script()
    {
        Assert.True(FwknopAccessImport.LooksLikeAccessConf(AccessConf));
        var t = FwknopAccessImport.Translate("access.conf", AccessConf);
        Assert.Equal(2, t.Doors);
        Assert.Contains("spa({ name: 'spa1', open: ['tcp/22'] });", t.Script);
        Assert.Contains("spa({ name: 'spa2', open: ['tcp/443', 'udp/1194'], sources: ['192.168.10.0/24', '10.1.1.1'], timeout: '60s', maxTimeout: '600s', requireSourceAddress: true });", t.Script);
        Assert.Equal("/spa key set name=spa1 key=wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg= hmac-key=Yh+xizBnl6FotC5ec7FanVGClRMlsOAPh2u6eovnerfBVKwaVKzjGoblFMHMc593TNyi0dWn4opLoTIV9q/ttg==", t.KeyCommands[0]);
        Assert.Equal("/spa key set name=spa2 key=" + Convert.ToBase64String("a passphrase"u8.ToArray()) + " hmac-key=" + Convert.ToBase64String("another passphrase"u8.ToArray()), t.KeyCommands[1]);
        Assert.DoesNotContain("wzNP62oPPgEc", t.Script);
        Assert.DoesNotContain("passphrase", t.Script);
        Assert.Contains("access.conf:12: REQUIRE_USERNAME: not translated (the gateway does not match the request's user name)", t.NotTranslated);
        Assert.Contains("access.conf:16: stanza without HMAC_KEY_BASE64 or HMAC_KEY: not translated (the gateway requires HMAC)", t.NotTranslated);
        Assert.Contains("access.conf:21: GPG_REMOTE_ID: not translated (GPG mode is not supported: Rijndael with HMAC only)", t.NotTranslated);
        Assert.Contains("access.conf:24: HMAC_DIGEST_TYPE sha512: the gateway checks SHA-256 only; stanza not translated", t.NotTranslated);

        // The script compiles: two doors, their rules, the drop at the end.
        var loaded = RulesFile.LoadText("access.js", t.Script);
        Assert.True(loaded.IsOk, string.Join("\n", loaded.Diagnostics));
        Assert.Equal(2, loaded.Rules!.RuleSet.Spa.Count);
        Assert.Contains("add chain=input protocol=udp dst-port=1194 src-address-list=spa:spa2:udp/1194 action=accept", PackageBuilder.Explain(loaded.Rules.RuleSet));
        // A .conf given to compile is read the same way.
        Assert.True(RulesFile.LoadText("access.conf", AccessConf).IsOk);
    }

    [Fact]
    public void A_knockd_configuration_is_not_taken_for_an_access_conf()
    {
        Assert.False(FwknopAccessImport.LooksLikeAccessConf("[options]\n  UseSyslog\n[openSSH]\n  sequence = 7000,8000,9000\n"));
        Assert.False(FwknopAccessImport.LooksLikeAccessConf("SOURCE_ROUTE yes\n"));
    }

    [Fact]
    public void A_colon_after_the_name_an_empty_source_and_require_source_are_read_as_fwknopd_reads_them()
    {
        const string conf =
            "source: ANY\nOPEN_PORTS: tcp/22\nKEY_BASE64: wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=\nHMAC_KEY_BASE64: c2VjcmV0IGhtYWMga2V5\nREQUIRE_SOURCE: Y\n\n" +
            "SOURCE\nOPEN_PORTS tcp/80\nKEY_BASE64 wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=\nHMAC_KEY_BASE64 c2VjcmV0IGhtYWMga2V5\n";
        Assert.True(FwknopAccessImport.LooksLikeAccessConf(conf));
        var t = FwknopAccessImport.Translate("access.conf", conf);
        Assert.Equal(1, t.Doors);
        Assert.Contains("spa({ name: 'spa1', open: ['tcp/22'], requireSourceAddress: true });", t.Script);
        Assert.Contains("access.conf:7: SOURCE without an address (fwknopd refuses it; ANY means any): stanza not translated", t.NotTranslated);
        Assert.DoesNotContain("wzNP62oPPgEc", t.Script);
        // Compiled as a .conf, it never reaches the knockd importer, which would list its lines (keys) as not translated.
        var loaded = RulesFile.LoadText("access.conf", conf);
        Assert.True(loaded.IsOk, string.Join("\n", loaded.Diagnostics));
        Assert.DoesNotContain("wzNP62oPPgEc", loaded.Rules!.Source);
    }

    [Fact]
    public void No_importer_lists_a_key_in_what_it_did_not_translate()
    {
        var knockd = KnockdImport.Translate("knockd.conf", "KEY_BASE64 wzNP62oPPgEc+kXDPQLHPOayQBuNbYUTPP+QrErNDmg=\n[door]\nsequence = 7000\nhmac_key=c2VjcmV0\ncommand = true\n");
        Assert.DoesNotContain("wzNP62oPPgEc", knockd.Script);
        Assert.DoesNotContain("c2VjcmV0", string.Join("\n", knockd.NotTranslated));
        Assert.Contains("KEY_BASE64 (value not shown)", knockd.Script);
        var access = FwknopAccessImport.Translate("access.conf", "GPG_DECRYPT_PW hunter2\nSOURCE ANY\nGPG_DECRYPT_PW hunter2\n");
        Assert.DoesNotContain("hunter2", access.Script + string.Join("\n", access.NotTranslated));
    }
}
