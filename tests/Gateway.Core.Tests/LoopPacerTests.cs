// The board loop's rests: none while passes find work or found some within quietMs, one when the traffic has
// paused that long, and one at least every maxBusyMs (FreeRTOS's idle task runs only while the loop sleeps).
using Gateway.Host.App;

namespace Gateway.Core.Tests;

public class LoopPacerTests
{
    [Fact]
    public void Idle_passes_rest()
    {
        var pacer = new LoopPacer(100, 20);
        Assert.True(pacer.ShouldRest(false, 0));
        Assert.True(pacer.ShouldRest(false, 0));
        Assert.True(pacer.ShouldRest(false, 5_000));
    }

    [Fact]
    public void Busy_passes_go_on_without_a_rest_until_the_bound()
    {
        var pacer = new LoopPacer(100, 20);
        for (long now = 0; now < 100; now++) Assert.False(pacer.ShouldRest(true, now), $"busy at {now} ms");
        Assert.True(pacer.ShouldRest(true, 100));
        // The rest restarts the count.
        Assert.False(pacer.ShouldRest(true, 101));
        Assert.False(pacer.ShouldRest(true, 199));
        Assert.True(pacer.ShouldRest(true, 200));
    }

    [Fact]
    public void Passes_without_work_go_on_until_the_traffic_has_paused_for_the_quiet_time()
    {
        // A loop faster than the traffic empties the queue between packets: a rest then would lose what arrives
        // during it beyond the queue's 6 packets.
        var pacer = new LoopPacer(100, 20);
        Assert.False(pacer.ShouldRest(true, 1_000));
        Assert.False(pacer.ShouldRest(false, 1_001));
        Assert.False(pacer.ShouldRest(false, 1_019));
        Assert.True(pacer.ShouldRest(false, 1_020));
        Assert.True(pacer.ShouldRest(false, 1_021));
    }

    [Fact]
    public void Sparse_work_keeps_the_loop_awake_only_until_the_bound()
    {
        var pacer = new LoopPacer(100, 20);
        long now = 0;
        for (; now < 100; now++) Assert.False(pacer.ShouldRest(now % 15 == 0, now), $"at {now} ms");
        Assert.True(pacer.ShouldRest(false, now));
        // Still work 10 ms ago: after the rest the loop goes on.
        Assert.False(pacer.ShouldRest(false, now + 1));
    }

    [Fact]
    public void A_pause_restarts_the_busy_count()
    {
        var pacer = new LoopPacer(100, 20);
        Assert.False(pacer.ShouldRest(true, 1_000));
        Assert.False(pacer.ShouldRest(true, 1_070));
        Assert.True(pacer.ShouldRest(false, 1_090));
        Assert.False(pacer.ShouldRest(true, 1_150));
        Assert.False(pacer.ShouldRest(true, 1_189));
        Assert.True(pacer.ShouldRest(true, 1_190));
    }

    [Fact]
    public void On_a_clock_of_10_ms_ticks_the_loop_polls_through_a_whole_tick_after_the_last_work()
    {
        // The board's clock (FreeRTOS ticks) reads 1_000 until the tick ends: 20 ms is one to two ticks of polling.
        var pacer = new LoopPacer(100, 20);
        Assert.False(pacer.ShouldRest(true, 1_000));
        Assert.False(pacer.ShouldRest(false, 1_000));
        Assert.False(pacer.ShouldRest(false, 1_010));
        Assert.True(pacer.ShouldRest(false, 1_020));
    }

    [Fact]
    public void The_first_pass_starts_the_count_even_on_a_clock_that_starts_late()
    {
        // A board's clock reads milliseconds since boot; the emulator's can start anywhere.
        var pacer = new LoopPacer(100, 20);
        Assert.False(pacer.ShouldRest(true, 1_000_000));
        Assert.True(pacer.ShouldRest(true, 1_000_100));
    }

    [Fact]
    public void A_clock_that_goes_back_rests_and_counts_anew()
    {
        var pacer = new LoopPacer(100, 20);
        Assert.False(pacer.ShouldRest(true, 5_000));
        Assert.True(pacer.ShouldRest(true, 4_000));
        Assert.False(pacer.ShouldRest(true, 4_099));
        Assert.True(pacer.ShouldRest(true, 4_100));
        // Work seen before the clock went back keeps nobody awake.
        Assert.False(pacer.ShouldRest(true, 4_101));
        Assert.True(pacer.ShouldRest(false, 4_095));
        Assert.True(pacer.ShouldRest(false, 4_096));
        // Counted anew: the work at 4_101 is forgotten, not recent again once the clock passes it.
        Assert.True(pacer.ShouldRest(false, 4_102));
    }
}
