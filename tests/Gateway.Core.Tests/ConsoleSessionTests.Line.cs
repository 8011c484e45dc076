// The console line under abuse and neglect (issue 8): noise is not echoed back and a burst of it gets one
// answer, a half-typed line left alone for a minute does not prefix the next command, item lists are
// taken as RouterOS takes them, and uptime is the gateway's, not the session's.
using System.Text;

namespace Gateway.Core.Tests;

public sealed partial class ConsoleSessionTests
{
    [Fact]
    public void A_hundred_kilobytes_of_noise_get_no_echo_and_one_answer()
    {
        var random = new Random(8);
        var noise = new byte[100_000];
        random.NextBytes(noise);
        for (int i = 0; i < noise.Length; i++) if (noise[i] == 3 || noise[i] == 8 || noise[i] == 127) noise[i] = 0;   // no Ctrl-C, no backspace
        noise[0] = 0;                // the first line is noise for sure
        noise[^1] = (byte)'\r';
        _output.Clear();
        _console.Receive(noise, noise.Length, 0);
        string answer = _output.ToString();
        Assert.Equal(1, CountOf(answer, "failure: line has control or non-ASCII bytes; ignored"));
        Assert.True(answer.Length < 200, "noise was played back: " + answer.Length + " characters");
        Assert.Equal("", Type("status\r", 499));   // still the burst: dropped unanswered
        Assert.StartsWith("status\r\n", Type("status\r", 1_000));   // after a pause, echoed and answered
        Assert.Contains("table-id: ", Type("status\r", 1_000));
        _console.Receive(noise, noise.Length, 2_000);
        Assert.Contains("ok {", Type("\u0003!status\n", 2_000));   // Ctrl-C ends a burst at once, as the CLI sends it
    }

    [Fact]
    public void A_half_typed_line_is_forgotten_after_a_minute_of_silence()
    {
        Type("/ip firewall filter remove 0,1,2,3", 1_000);
        Type("\r", 1_000 + Capacity.PartialLineIdleMs);   // someone else, later: just Enter
        Assert.Equal(4, _rules.RuleSet.Ipv4.RuleCount);
        Type("/ip firewall filter remove ", 200_000);
        Assert.Contains("table ", Type("3\r", 200_000 + Capacity.PartialLineIdleMs - 1));   // a pause under a minute is still typing
        Assert.Equal(3, _rules.RuleSet.Ipv4.RuleCount);
    }

    [Theory]
    [InlineData("remove 3,3,3", 3)]
    [InlineData("remove 3,2", 2)]
    [InlineData("remove 2,3,2", 2)]
    public void Item_lists_may_repeat_and_come_in_any_order(string command, int left)
    {
        Assert.Contains("# table ", Type("/ip firewall filter " + command + "\r"));
        Assert.Equal(left, _rules.RuleSet.Ipv4.RuleCount);
    }

    [Fact]
    public void An_item_that_does_not_exist_is_named_alone()
    {
        Assert.Contains("failure: no such item 7 (see print)", Type("/ip firewall filter remove 3,7,2\r"));
        Assert.Contains("failure: no such item 2-9 (see print)", Type("/ip firewall filter remove 0,2-9\r"));
        Assert.Equal(4, _rules.RuleSet.Ipv4.RuleCount);
    }

    [Fact]
    public void Uptime_counts_from_the_gateway_s_start_not_the_session_s()
    {
        Boot(5_000);
        var late = new Gateway.Host.Console.ConsoleSession(_rules, new Gateway.Host.Running.RuleLogRing(), new Output(_output), 65_000);
        _output.Clear();
        byte[] line = Encoding.ASCII.GetBytes("status\r");
        late.Receive(line, line.Length, 125_000);
        Assert.Contains("uptime: 2m", _output.ToString());
        _output.Clear();
        line = Encoding.ASCII.GetBytes("!status\n");
        late.Receive(line, line.Length, 125_000);
        Assert.Contains("\"uptimeMs\":120000,\"sessionMs\":60000", _output.ToString());
    }

    [Fact]
    public void Noise_within_a_line_of_a_person_is_refused_but_the_next_line_is_answered()
    {
        Assert.Contains("failure: line has control or non-ASCII bytes; ignored", Type("sta\u0001tus\r", 0));
        Assert.Contains("table-id: ", Type("status\r", Capacity.NoiseQuietMs));
    }

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
