// RouterOS's console syntax as people type it (issue 29): print where/count-only/detail/terse, numbers= and
// ranges, [find ...] in the editing verbs, quit and Ctrl-D, /system reboot with its question, /system clock
// print. Forms and texts as docs/routeros.md cites them; what the gateway does not take is refused by name.
using Gateway.Core.Hardware;
using Gateway.Host.Auth;
using Gateway.Host.Console;
using Gateway.Host.Time;

namespace Gateway.Core.Tests;

public sealed partial class ConsoleSessionTests
{
    private sealed class FixedWallClock(long unixMs) : IWallClock
    {
        public long UnixMs => unixMs;
    }

    // The seed rules plus two commented ones, one disabled: enough for conditions to tell items apart.
    private void TwoMoreRules()
    {
        Type("/ip firewall filter add chain=input protocol=tcp dst-port=22 action=accept comment=\"ssh from the office\"\r");
        Type("/ip firewall filter add chain=forward action=drop comment=\"knock lan\" disabled=yes\r");
        Assert.Equal(6, _rules.RuleSet.Ipv4.RuleCount);
    }

    private string Lines(string command) => Type(command + "\r").Replace("\r\n", "\n", StringComparison.Ordinal);

    [Theory]
    [InlineData("print count-only", "6")]
    [InlineData("print count-only where chain=input", "5")]
    [InlineData("print count-only where chain=input and action=drop", "1")]
    [InlineData("print count-only where chain=input && action=drop", "1")]
    [InlineData("print count-only where action=accept or action=drop", "4")]
    [InlineData("print count-only where action=accept || chain=forward", "3")]
    [InlineData("print count-only where not chain=input", "1")]
    [InlineData("print count-only where !disabled", "5")]
    [InlineData("print count-only where disabled", "1")]
    [InlineData("print count-only where disabled=yes", "1")]
    [InlineData("print count-only where chain!=input", "1")]
    [InlineData("print count-only where chain=input and (action=accept or action=drop)", "3")]
    [InlineData("print count-only where (chain=input and action=accept) or chain=forward", "3")]
    [InlineData("print count-only where not (chain=input or disabled)", "0")]
    [InlineData("print count-only where comment~\"^ssh\"", "1")]
    [InlineData("print count-only where comment~\"o[a-f]+ice$\"", "1")]
    [InlineData("print count-only where comment~\"lan\" or dst-port=9000", "2")]
    [InlineData("print count-only where comment=\"knock lan\"", "1")]
    [InlineData("print count-only where comment=\"\"", "4")]
    [InlineData("print count-only where src-address-list=secure", "1")]
    [InlineData("print count-only where dst-port>5000", "2")]
    [InlineData("print count-only where dst-port<=6000", "2")]
    [InlineData("print count-only where packets=0", "6")]
    [InlineData("print count-only where dynamic", "0")]
    public void Print_where_counts_what_the_condition_holds_for(string command, string count)
    {
        TwoMoreRules();
        Assert.Equal(command + "\n" + count + "\n[gateway] /ip firewall filter> ", Lines("/ip firewall filter " + command).Replace("/ip firewall filter " + command, command, StringComparison.Ordinal));
    }

    [Fact]
    public void Print_where_shows_the_items_with_their_numbers_from_the_full_list()
    {
        TwoMoreRules();
        string output = Lines("/ip firewall filter print where comment~knock or action=drop");
        Assert.Contains(" 3   chain=input action=drop packets=0 bytes=0\n", output);
        Assert.Contains(" 5 X chain=forward action=drop disabled=yes comment=\"knock lan\" packets=0 bytes=0\n", output);
        Assert.DoesNotContain(" 4 ", output);
    }

    [Theory]
    [InlineData("print where chian=input", "failure: no such property chian here (column 33)")]
    [InlineData("print where chain=input action=drop", "failure: expected and, or or the end, found action=drop (column 45)")]
    [InlineData("print where (chain=input", "failure: ( not closed (column 33)")]
    [InlineData("print where chain=input and", "failure: expected a condition at the end (column 48)")]
    [InlineData("print where", "failure: where needs a condition, e.g. where chain=input (column 27)")]
    [InlineData("print where comment~\"(a|b)\"", "failure: regular expression ( (alternatives, groups, counted repeats) is not supported here (column 42)")]
    [InlineData("print where dst-port>ssh", "failure: > compares numbers and durations, not ssh (column 42)")]
    [InlineData("print brief", "failure: brief is not supported by print here; use count-only, detail, terse, without-paging or where (column 27)")]
    [InlineData("print where ((((((((((((((((((chain=input))))))))))))))))))", "failure: condition nested too deeply (at most 16 parentheses and nots) (column 49)")]
    [InlineData("print where !!!!!!!!!!!!!!!!!!disabled", "failure: condition nested too deeply (at most 16 parentheses and nots) (column 49)")]
    [InlineData("print interval=1s", "failure: interval is not supported by print here; use count-only, detail, terse, without-paging or where (column 27)")]
    public void A_condition_or_print_word_the_gateway_does_not_take_is_refused_by_name(string command, string failure)
    {
        Assert.Contains(failure + "\r\n", Type("/ip firewall filter " + command + "\r"));
    }

    [Fact]
    public void Print_detail_puts_the_comment_first_and_wraps_the_properties_and_terse_is_one_line_without_a_header()
    {
        TwoMoreRules();
        string detail = Lines("/ip firewall filter print detail where comment");
        Assert.Equal(
            "Flags: X - disabled\n" +
            " 4    ;;; ssh from the office\n" +
            "      chain=input protocol=tcp dst-port=22 action=accept packets=0 bytes=0\n\n" +
            " 5 X  ;;; knock lan\n" +
            "      chain=forward action=drop disabled=yes packets=0 bytes=0\n\n",
            detail[(detail.IndexOf('\n', StringComparison.Ordinal) + 1)..detail.LastIndexOf('[')]);
        string wrapped = Lines("/ip firewall filter print detail where dst-port=6000");
        Assert.Contains(" 1    chain=input protocol=tcp dst-port=6000 src-address-list=port:9000\n      action=add-src-to-address-list", wrapped);
        Assert.All(wrapped.Split('\n'), line => Assert.True(line.Length <= 78, line));
        string terse = Lines("/ip firewall filter print terse where chain=forward");
        Assert.Equal(" 5 X chain=forward action=drop disabled=yes comment=\"knock lan\"\n", terse[(terse.IndexOf('\n', StringComparison.Ordinal) + 1)..terse.LastIndexOf('[')]);
        Assert.DoesNotContain("Flags", terse);
    }

    [Theory]
    [InlineData("remove numbers=0-1", 4)]
    [InlineData("remove 0-1,3", 3)]
    [InlineData("remove 4-5,0", 3)]
    [InlineData("remove [find comment~\"office|lan\"]", 6)]   // refused: no alternatives
    [InlineData("remove [find comment]", 4)]
    [InlineData("remove [find where chain=forward]", 5)]
    [InlineData("remove [ find chain=input and action=drop ]", 5)]
    [InlineData("remove [find]", 0)]
    [InlineData("remove [find comment=nothing-has-this]", 6)]
    public void Remove_takes_numbers_ranges_and_find(string command, int left)
    {
        TwoMoreRules();
        Type("/ip firewall filter " + command + "\r");
        Assert.Equal(left, _rules.RuleSet.Ipv4.RuleCount);
    }

    [Fact]
    public void Set_enable_and_disable_act_on_every_item_find_names()
    {
        TwoMoreRules();
        Type("/ip firewall filter disable [find chain=input]\r");
        Assert.Equal("6", Lines("/ip firewall filter print count-only where disabled").Split('\n')[1]);
        Type("/ip firewall filter enable [find disabled and chain=input]\r");
        Assert.Equal("1", Lines("/ip firewall filter print count-only where disabled").Split('\n')[1]);
        Type("/ip firewall filter set [find comment] log=yes\r");
        Assert.Equal("2", Lines("/ip firewall filter print count-only where log=yes").Split('\n')[1]);
        Type("/ip firewall filter set numbers=0,1 log-prefix=KNOCK\r");
        Assert.Equal("2", Lines("/ip firewall filter print count-only where log-prefix=KNOCK").Split('\n')[1]);
    }

    [Theory]
    [InlineData("remove [:put 1]", "failure: only [find ...] is supported inside [ ], not :put (column 29)")]
    [InlineData("remove [find chain=]", "")]
    [InlineData("remove [find nosuch=1]", "failure: no such property nosuch here (column 34)")]
    public void Brackets_other_than_find_and_bad_conditions_change_nothing(string command, string failure)
    {
        string before = _rules.TableId;
        string output = Type("/ip firewall filter " + command + "\r");
        if (failure.Length > 0) Assert.Contains(failure, output);
        Assert.Equal(before, _rules.TableId);
    }

    [Fact]
    public void Dynamic_address_list_entries_are_found_counted_and_removed_but_not_changed()
    {
        Type("/ip firewall address-list add list=secure address=192.0.2.7 timeout=1m\r");
        Type("/ip firewall address-list add list=secure address=192.0.2.8 timeout=5m\r");
        Type("/ip firewall address-list add list=port:9000 address=192.0.2.9 timeout=1m\r");
        Assert.Equal("3", Lines("/ip firewall address-list print count-only where dynamic").Split('\n')[1]);
        Assert.Equal("1", Lines("/ip firewall address-list print count-only where timeout>1m").Split('\n')[1]);
        Assert.Equal("2", Lines("/ip firewall address-list print count-only where address in 192.0.2.6/31 or address in 192.0.2.9").Split('\n')[1]);
        Assert.Contains("item 0 is dynamic: it can only be removed", Type("/ip firewall address-list disable 0\r"));
        Type("/ip firewall address-list remove [find list=secure]\r");
        Assert.Equal(" 0 D list=port:9000 address=192.0.2.9 timeout=1m", Lines("/ip firewall address-list print").Split('\n')[2]);
        Assert.Equal("1", Lines("/ip firewall address-list print count-only").Split('\n')[1]);
    }

    [Fact]
    public void Removing_rules_entries_and_dynamic_entries_at_once_removes_the_ones_print_showed()
    {
        Type("/ip firewall address-list add list=secure address=10.0.0.1\r");   // configured (stored): item 0
        Type("/ip firewall address-list add list=secure address=192.0.2.7 timeout=1m\r");
        Type("/ip firewall address-list add list=secure address=192.0.2.8 timeout=1m\r");
        string before = Lines("/ip firewall address-list print");
        Assert.Contains(" 1 D list=secure address=192.0.2.7", before);
        Type("/ip firewall address-list remove 0,1\r");   // a commit (new tables) and a dynamic entry together
        string after = Lines("/ip firewall address-list print");
        Assert.DoesNotContain("10.0.0.1", after);
        Assert.DoesNotContain("192.0.2.7", after);
        Assert.Contains(" 0 D list=secure address=192.0.2.8", after);
    }

    [Fact]
    public void What_follows_quit_or_reboot_on_the_same_line_does_not_run()
    {
        Type("/system reboot; /ip firewall filter remove 0\r");
        Assert.Equal(4, _rules.RuleSet.Ipv4.RuleCount);
        Assert.Contains("action cancelled", Type("\r"));   // Enter answers no
        Assert.False(_console.RebootRequested);
        Assert.Equal(4, _rules.RuleSet.Ipv4.RuleCount);
    }

    [Fact]
    public void Quit_and_ctrl_d_end_a_network_session_and_start_the_serial_one_over()
    {
        var password = new ConsolePassword(new MemoryFlash());
        Assert.Equal("", password.Set("correct-horse", new byte[16]));
        foreach (string bye in new[] { "quit\r", "/quit\r", "\u0004" })
        {
            var (session, output) = Network(password);
            Feed(session, "correct-horse\r");
            Feed(session, "/ip firewall filter\r");
            Feed(session, bye);
            Assert.True(session.CloseRequested, bye);
            Assert.EndsWith("[gateway] /ip firewall filter> " + bye.TrimEnd('\r', '\u0004') + "\r\n", output.ToString());   // no prompt after it
        }
        Type("/ip firewall filter\r");
        Assert.Equal("quit\r\nGateway console. Type help for commands.\r\n[gateway]> ", Type("quit\r"));
        Assert.Equal("\r\nGateway console. Type help for commands.\r\n[gateway]> ", Type("\u0004"));
        Assert.Equal("ab", Type("ab\u0004"));   // Ctrl-D inside a line ends nothing
    }

    [Fact]
    public void System_reboot_asks_first_and_only_y_reboots()
    {
        Assert.EndsWith("Reboot, yes? [y/N]: ", Type("/system reboot\r\n"));
        Assert.Equal("\r\naction cancelled\r\n[gateway]> ", Type("n"));
        Assert.False(_console.RebootRequested);
        Type("/system/reboot\r");
        Assert.Equal("\r\naction cancelled\r\n[gateway]> ", Type("\u001b"));
        Assert.False(_console.RebootRequested);
        Type("/system reboot\r");
        Assert.Equal("y\r\nsystem will reboot shortly\r\n", Type("y"));
        Assert.True(_console.RebootRequested);
    }

    [Fact]
    public void System_clock_print_shows_utc_in_routeros_7_layout_or_says_the_time_is_unknown()
    {
        _console.WallClock = new FixedWallClock(1_796_445_388_123);
        Assert.Equal(
            "                  time: 04:36:28\n" +
            "                  date: 2026-12-05\n" +
            "  time-zone-autodetect: no\n" +
            "        time-zone-name: UTC\n" +
            "            gmt-offset: +00:00\n" +
            "            dst-active: no\n" +
            "[gateway]> ",
            Lines("/system clock print")[("/system clock print".Length + 1)..]);
        Assert.Equal(Lines("/system clock print"), Lines("/system/clock/print").Replace("/system/clock/print", "/system clock print", StringComparison.Ordinal));
        _console.WallClock = new FixedWallClock(-1);
        Assert.Contains("time: unknown", Type("/system clock print\r"));
    }

    private sealed class FixedHeap(bool countsFree, long bytes) : IHeapGauge
    {
        public bool CountsFree => countsFree;
        public long Collect() => bytes;
    }

    [Fact]
    public void System_resource_print_shows_uptime_and_the_boards_free_heap_in_routeros_units()
    {
        _console.Heap = new FixedHeap(true, 183_520);
        string print = Lines("/system resource print");
        Assert.Matches(@"\n                   uptime: \d+s\n              free-memory: 179\.2KiB\n\[gateway\]> $", print);
        _console.Heap = new FixedHeap(true, 3 * 1024 * 1024 + 400 * 1024);
        Assert.Contains("free-memory: 3.3MiB\n", Lines("/system/resource/print"));
        _console.Heap = new FixedHeap(false, 12 * 1024 * 1024);
        Assert.Contains("free-memory: unknown (the emulator's heap grows on demand; in use: 12.0MiB)\n", Lines("/system resource print"));
        _console.Heap = null;
        Assert.Contains("free-memory: unknown\n", Lines("/system resource print"));
    }

    [Fact]
    public void Status_reports_the_heap_after_a_collection_free_on_a_board_in_use_in_the_emulator()
    {
        _console.Heap = new FixedHeap(true, 183_520);
        Assert.Contains("\nheap: 183520 bytes free (after a collection)\n", Lines("status"));
        Assert.Contains(",\"heapFreeBytes\":183520", Type("!status\r"));
        Assert.DoesNotContain("heapUsedBytes", Type("!status\r"));
        _console.Heap = new FixedHeap(false, 5_000_000);
        Assert.Contains("\nheap: 5000000 bytes in use (after a collection)\n", Lines("status"));
        Assert.Contains(",\"heapUsedBytes\":5000000", Type("!status\r"));
        _console.Heap = null;
        Assert.DoesNotContain("heap", Lines("status") + Type("!status\r"));
    }

    [Theory]
    [InlineData(0, "1970-01-01", "00:00:00", "Jan  1 00:00:00", "1970-01-01T00:00:00.000Z")]
    [InlineData(951_782_400_000, "2000-02-29", "00:00:00", "Feb 29 00:00:00", "2000-02-29T00:00:00.000Z")]
    [InlineData(1_796_445_388_123, "2026-12-05", "04:36:28", "Dec  5 04:36:28", "2026-12-05T04:36:28.123Z")]
    [InlineData(4_107_542_399_999, "2100-02-28", "23:59:59", "Feb 28 23:59:59", "2100-02-28T23:59:59.999Z")]
    public void Calendar_text_matches_the_standard_library(long unixMs, string date, string time, string bsd, string iso)
    {
        var b = new Gateway.Core.Text.TextBuffer(32);
        Calendar.AppendDate(b, unixMs); Assert.Equal(date, b.ToString()); b.Clear();
        Calendar.AppendTime(b, unixMs); Assert.Equal(time, b.ToString()); b.Clear();
        Calendar.AppendBsdStamp(b, unixMs); Assert.Equal(bsd, b.ToString()); b.Clear();
        Calendar.AppendIsoStamp(b, unixMs); Assert.Equal(iso, b.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture), iso);
    }
}
