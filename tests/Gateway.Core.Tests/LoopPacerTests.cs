// The board loop's rests: none while passes find work, one when a pass finds nothing, and one at least every
// maxBusyMs of work (FreeRTOS's idle task runs only while the loop sleeps).
using Gateway.Host.App;

namespace Gateway.Core.Tests;

public class LoopPacerTests
{
    [Fact]
    public void An_idle_pass_rests()
    {
        var pacer = new LoopPacer(100);
        Assert.True(pacer.ShouldRest(false, 0));
        Assert.True(pacer.ShouldRest(false, 0));
        Assert.True(pacer.ShouldRest(false, 5_000));
    }

    [Fact]
    public void Busy_passes_go_on_without_a_rest_until_the_bound()
    {
        var pacer = new LoopPacer(100);
        for (long now = 0; now < 100; now++) Assert.False(pacer.ShouldRest(true, now), $"busy at {now} ms");
        Assert.True(pacer.ShouldRest(true, 100));
        // The rest restarts the count.
        Assert.False(pacer.ShouldRest(true, 101));
        Assert.False(pacer.ShouldRest(true, 199));
        Assert.True(pacer.ShouldRest(true, 200));
    }

    [Fact]
    public void An_idle_pass_restarts_the_busy_count()
    {
        var pacer = new LoopPacer(100);
        Assert.False(pacer.ShouldRest(true, 1_000));
        Assert.False(pacer.ShouldRest(true, 1_090));
        Assert.True(pacer.ShouldRest(false, 1_095));
        Assert.False(pacer.ShouldRest(true, 1_180));
        Assert.True(pacer.ShouldRest(true, 1_195));
    }

    [Fact]
    public void The_first_pass_starts_the_count_even_on_a_clock_that_starts_late()
    {
        // A board's clock reads milliseconds since boot; the emulator's can start anywhere.
        var pacer = new LoopPacer(100);
        Assert.False(pacer.ShouldRest(true, 1_000_000));
        Assert.True(pacer.ShouldRest(true, 1_000_100));
    }

    [Fact]
    public void A_clock_that_goes_back_rests_and_counts_anew()
    {
        var pacer = new LoopPacer(100);
        Assert.False(pacer.ShouldRest(true, 5_000));
        Assert.True(pacer.ShouldRest(true, 4_000));
        Assert.False(pacer.ShouldRest(true, 4_099));
        Assert.True(pacer.ShouldRest(true, 4_100));
    }
}
