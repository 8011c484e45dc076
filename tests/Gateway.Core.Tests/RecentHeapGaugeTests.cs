// The consoles' heap figure collects at most once a second (a pasted screenful of !status lines must not stall
// the loop with a collection each), and a reading older than that is taken again.
using Gateway.Core.Hardware;
using Gateway.Host.App;

namespace Gateway.Core.Tests;

public class RecentHeapGaugeTests
{
    private sealed class Clock : IClock
    {
        public long NowMs { get; set; }
    }

    private sealed class CountingGauge(bool countsFree = true) : IHeapGauge
    {
        public int Collections { get; private set; }
        public bool CountsFree => countsFree;
        public long Collect() => 1000 + Collections++;
    }

    [Fact]
    public void A_reading_answers_for_a_second_then_is_taken_again()
    {
        var clock = new Clock { NowMs = 50_000 };
        var inner = new CountingGauge();
        var gauge = new RecentHeapGauge(inner, clock);
        Assert.Equal(1000, gauge.Collect());
        for (int i = 0; i < 100; i++) Assert.Equal(1000, gauge.Collect());
        clock.NowMs += RecentHeapGauge.IntervalMs - 1;
        Assert.Equal(1000, gauge.Collect());
        Assert.Equal(1, inner.Collections);
        clock.NowMs += 1;
        Assert.Equal(1001, gauge.Collect());
        Assert.Equal(1001, gauge.Collect());
        Assert.Equal(2, inner.Collections);
        Assert.True(gauge.CountsFree);
    }

    [Fact]
    public void The_first_reading_is_taken_whatever_the_clock_says()
    {
        var inner = new CountingGauge();
        var gauge = new RecentHeapGauge(inner, new Clock { NowMs = 0 });
        Assert.Equal(1000, gauge.Collect());
        Assert.Equal(1, inner.Collections);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void It_says_the_figure_is_what_the_gauge_it_wraps_says(bool countsFree)
    {
        // The emulator's gauge counts bytes in use: reported as free, 12 MB in use would read as 12 MB free.
        var gauge = new RecentHeapGauge(new CountingGauge(countsFree), new Clock());
        Assert.Equal(countsFree, gauge.CountsFree);
    }
}
