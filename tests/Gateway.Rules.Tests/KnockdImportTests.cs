// knockd configurations translated into rules scripts (issue 9): knockd's shipped example as Debian installs
// it, what translates and what is listed with its line, and the translated door held to knockd's behaviour on
// both engines.
using Gateway.Rules.Import;

namespace Gateway.Rules.Tests;

public class KnockdImportTests
{
    private static string Shipped => File.ReadAllText(Repo.Path("tests", "data", "knockd", "knockd.conf"));

    private const string Knocker = "203.0.113.7";

    [Fact]
    public void Knockds_shipped_example_translates_its_opening_door_and_lists_the_rest_by_line()
    {
        var t = KnockdImport.Translate("knockd.conf", Shipped);
        Assert.Equal(1, t.Doors);
        Assert.Equal(3, t.NotTranslated.Count);
        Assert.StartsWith("knockd.conf:2: [options] UseSyslog", t.NotTranslated[0]);
        Assert.StartsWith("knockd.conf:13: [closeSSH] command removes an accept", t.NotTranslated[1]);
        Assert.StartsWith("knockd.conf:19: [openHTTPS] command \"/usr/local/sbin/knock_add", t.NotTranslated[2]);
        Assert.Contains("knock({ name: 'openSSH', sequence: [7000, 8000, 9000], window: '5s', grant: 'knockd:openSSH'", t.Script);
    }

    [Fact]
    public void The_translated_door_opens_ssh_only_after_the_sequence_in_order()
    {
        var loaded = RulesFile.LoadText("knockd.conf", Shipped);
        Assert.True(loaded.IsOk, string.Join("\n", loaded.Diagnostics));
        Assert.Equal("knockd.js", loaded.Rules!.File);
        var gw = new BothEngines(loaded.Rules.RuleSet);
        Assert.Equal("drop", gw.Send(Knocker, 22));
        gw.Send(Knocker, 9000); gw.Send(Knocker, 8000); gw.Send(Knocker, 7000);          // closeSSH's order opens nothing
        Assert.Equal("drop", gw.Send(Knocker, 22));
        gw.Send(Knocker, 7000, after: 6_000); gw.Send(Knocker, 8000); gw.Send(Knocker, 9000);
        Assert.Equal("accept", gw.Send(Knocker, 22));
        Assert.Equal("drop", gw.Send(Knocker, 443));                    // openHTTPS was not translated: closed
    }

    [Fact]
    public void Udp_steps_and_a_stop_command_with_cmd_timeout_become_a_timed_grant()
    {
        const string conf = "[options]\n  logfile = /var/log/knockd.log\n\n[opencloseSSH]\n  sequence      = 2222:udp,3333:tcp,4444:udp\n  seq_timeout   = 15\n  tcpflags      = syn,ack\n  start_command = /usr/sbin/iptables -I INPUT -s %IP% -p tcp --dport 22 -j ACCEPT\n  cmd_timeout   = 10\n  stop_command  = /usr/sbin/iptables -D INPUT -s %IP% -p tcp --dport 22 -j ACCEPT\n";
        var t = KnockdImport.Translate("door.conf", conf);
        Assert.Equal(1, t.Doors);
        Assert.Contains(t.NotTranslated, l => l.StartsWith("door.conf:7: [opencloseSSH] tcpflags = syn,ack", StringComparison.Ordinal));
        Assert.Contains("sequence: ['udp:2222', 3333, 'udp:4444'], window: '15s'", t.Script);
        Assert.Contains("grantTimeout: '10s'", t.Script);
        var gw = new BothEngines(RulesFile.LoadText("door.conf", conf).Rules!.RuleSet);
        gw.Send(Knocker, 2222, "udp"); gw.Send(Knocker, 3333); gw.Send(Knocker, 4444, "udp");
        Assert.Equal("accept", gw.Send(Knocker, 22));
        Assert.Equal("drop", gw.Send(Knocker, 22, after: 10_000));      // the stop command's time has come
    }

    [Theory]
    [InlineData("[d]\n sequence = 1,2\n command = /sbin/iptables -A INPUT -s %IP% -j ACCEPT\n", "d.conf:3: [d] command \"/sbin/iptables -A INPUT -s %IP% -j ACCEPT\" is not the usual iptables accept line")]
    [InlineData("[d]\n sequence = 1,70000\n command = /sbin/iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT\n", "d.conf:2: [d] sequence step \"70000\" is not port or port:tcp|udp")]
    [InlineData("[d]\n one_time_sequences = /etc/knockd/seqs\n command = /sbin/iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT\n", "d.conf:2: [d] one_time_sequences: not translated")]
    public void What_does_not_translate_is_named_with_its_line(string conf, string expected)
    {
        var t = KnockdImport.Translate("d.conf", conf);
        Assert.Equal(0, t.Doors);
        Assert.Contains(t.NotTranslated, l => l.StartsWith(expected, StringComparison.Ordinal));
        Assert.EndsWith("filter.add({ chain: 'input', action: 'drop' });\n", t.Script);   // nothing opens
    }

    [Fact]
    public void A_file_of_no_known_kind_is_refused_not_run_as_javascript()
    {
        var loaded = RulesFile.LoadText("rules.txt", "filter.add({ chain: 'input', action: 'accept' });");
        Assert.False(loaded.IsOk);
        Assert.StartsWith("rules.txt:1:1: not a rules file the gateway knows", loaded.Diagnostics[0].ToString());
    }
}
