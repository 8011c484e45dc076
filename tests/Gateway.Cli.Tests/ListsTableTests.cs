// gateway lists prints the entries as RouterOS does: aligned columns, timeouts to the second in RouterOS's
// form (59s, 1m2s), none-dynamic for a dynamic entry without one, nothing for a static entry.
using Gateway.Cli.Commands;

namespace Gateway.Cli.Tests;

public class ListsTableTests
{
    [Fact]
    public void Timeouts_read_as_routeros_writes_them()
    {
        var lines = ListsCommand.Table(new[]
        {
            "ip secure 203.0.113.7 59400",
            "ip knock:door:1 198.51.100.23 62000",
            "ipv6 secure 2001:db8::7 none-dynamic",
            "ip allowed 192.0.2.10 static",
            "ip secure 203.0.113.8 400",
        }).ToArray();
        Assert.Equal(new[]
        {
            "FAMILY  LIST          ADDRESS        TIMEOUT",
            "ip      secure        203.0.113.7    59s",
            "ip      knock:door:1  198.51.100.23  1m2s",
            "ipv6    secure        2001:db8::7    none-dynamic",
            "ip      allowed       192.0.2.10",
            "ip      secure        203.0.113.8    0s",
        }, lines);
    }
}
