// /system logging and /system logging action on the console (issue 29, item 2): RouterOS's commands, what
// the gateway refuses by name, and the settings kept in their own flash file across a restart (a damaged
// file means no remote logging).
using Gateway.Host.Logging;

namespace Gateway.Core.Tests;

public sealed partial class ConsoleSessionTests
{
    private StoredLogging UseLogging()
    {
        var logging = new StoredLogging(_flash);
        _console.Logging = logging;
        return logging;
    }

    [Fact]
    public void Logging_actions_and_rules_are_set_as_on_routeros_and_survive_a_restart()
    {
        UseLogging();
        Assert.DoesNotContain("failure", Type("/system logging action set [find name=remote] remote=192.0.2.50 remote-port=5514 bsd-syslog=yes\r"));
        Assert.DoesNotContain("failure", Type("/system logging action add name=siem target=remote remote=2001:db8::5 syslog-facility=local0\r"));
        Assert.DoesNotContain("failure", Type("/system logging add topics=firewall action=remote\r"));
        Assert.DoesNotContain("failure", Type("/system/logging/add topics=system,!debug action=siem prefix=GW\r"));
        string actions = Lines("/system logging action print");
        Assert.Contains(" 0 * name=memory target=memory\n", actions);
        Assert.Contains(" 1 * name=remote target=remote remote=192.0.2.50 remote-port=5514 bsd-syslog=yes syslog-facility=daemon syslog-severity=auto syslog-time-format=bsd-syslog\n", actions);
        Assert.Contains(" 2   name=siem target=remote remote=2001:db8::5 remote-port=514 bsd-syslog=no syslog-facility=local0", actions);
        Assert.Contains(" 1   topics=system,!debug action=siem prefix=GW\n", Lines("/system logging print"));
        Assert.Contains(" 0   topics=firewall action=remote\n", Lines("/system logging print where action=remote"));
        string before = Lines("/system logging action print") + Lines("/system logging print");
        Boot();
        UseLogging();
        Assert.Equal(before, Lines("/system logging action print") + Lines("/system logging print"));
        Assert.DoesNotContain("logging settings", Type("status\r"));
    }

    [Fact]
    public void The_logging_menu_stays_current_like_routeros_menus()
    {
        UseLogging();
        Assert.EndsWith("[gateway] /system logging action> ", Type("/system logging action\r"));
        Assert.DoesNotContain("failure", Type("set remote remote=192.0.2.9\r"));
        Assert.Contains("remote=192.0.2.9 ", Lines("print where default"));
        Assert.EndsWith("[gateway] /ip firewall filter> ", Type("/ip firewall filter\r"));
        Assert.Contains("chain=input", Type("print\r"));   // the firewall's print again
    }

    [Theory]
    [InlineData("/system logging action add name=disk target=disk", "target=disk: the gateway keeps one memory log")]
    [InlineData("/system logging action add target=remote remote=192.0.2.1", "a logging action needs name=")]
    [InlineData("/system logging action set remote remote=192.0.2.1:514", "remote must be an IPv4 or IPv6 address")]
    [InlineData("/system logging action set remote remote-log-format=syslog", "remote-log-format (RouterOS 7.18 and later) is not supported")]
    [InlineData("/system logging action remove 0", "default action memory cannot be removed")]
    [InlineData("/system logging add topics=dns action=remote", "topic dns is not one the gateway logs")]
    [InlineData("/system logging add topics=firewall action=nowhere", "no logging action named nowhere")]
    [InlineData("/system logging add topics=firewall action=remote format=cef", "unknown property format of a logging rule")]
    [InlineData("/system logging remove 3", "no such item 3 (see print)")]
    [InlineData("/system logging action set remote remote=192.0.2.9 remote-port=0", "remote-port must be 1-65535")]
    [InlineData("/system logging action remove 3,2", "action siem is used by logging rule 0")]   // 3 would go first: nothing goes
    [InlineData("/system logging add topics=firewall action=remote prefix=0123456789012345678901234567890123456789012345678901234567890123456789", "prefix longer than 64 characters")]
    public void Logging_commands_the_gateway_does_not_take_are_refused_and_change_nothing(string command, string failure)
    {
        StoredLogging logging = UseLogging();
        Type("/system logging action add name=siem target=remote remote=192.0.2.7\r");
        Type("/system logging action add name=other target=remote remote=192.0.2.8\r");
        Type("/system logging add topics=firewall action=siem\r");
        string before = Lines("/system logging action print") + Lines("/system logging print");
        Assert.Contains("failure: " + failure, Type(command + "\r"));
        Assert.Equal(before, Lines("/system logging action print") + Lines("/system logging print"));
        Assert.Contains("action siem is used by logging rule 0", Type("/system logging action remove siem\r"));
        Assert.Equal(4, logging.Settings.ActionCount);
        Boot();
        Assert.Equal(4, UseLogging().Settings.ActionCount);   // and what is stored is what is in force
    }

    [Fact]
    public void A_damaged_logging_file_means_no_remote_logging_and_says_so()
    {
        UseLogging();
        Type("/system logging action set remote remote=192.0.2.50\r");
        Type("/system logging add topics=firewall action=remote\r");
        byte[] file = new byte[_flash.Length(StoredLogging.FileName)];
        _flash.Read(StoredLogging.FileName, 0, file, 0, file.Length);
        file[10] ^= 0x20;
        _flash.Write(StoredLogging.FileName, file, file.Length);
        Boot();
        StoredLogging logging = UseLogging();
        Assert.Equal(0, logging.Settings.RuleCount);
        Assert.Contains("logging settings damaged (CRC): remote logging is off", Type("status\r"));
    }
}
