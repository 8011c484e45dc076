// Atomic commit by fault injection on flash in memory (the IFlash contract, with a power cut): a power cut at every byte offset of a
// commit, and flipped bytes in every stored file, never lose the previous rules and never load a
// corrupt package.

namespace Gateway.Core.Tests;

public sealed partial class RuleStoreTests
{
    private readonly MemoryFlash _flash = new();

    private static readonly byte[] Old = Build.PackageOf(Build.SeedRecipe(), "old.rsc", "old\n");
    private static readonly byte[] New = Build.PackageOf(PackageRoundTripTests.Everything(), "new.rsc", "new\n");

    // What a device finds at boot: the table id of the package it would load, or null for none.
    private static string? Boot(IFlash flash)
    {
        var store = new RuleStore(flash, Capacity.MaxPackageBytes);
        if (!store.Open()) return null;
        var result = TableLoader.Load(new StoredPackageSource(store), new TableLimits(), 0, true, out var table, out _);
        Assert.True(result.IsOk, "a committed package must load: " + result);
        return table!.TableId;
    }

    private static string IdOf(byte[] package)
    {
        new PackageReader(new TableLimits()).Read(new ByteArraySource(package), out var p);
        return p!.TableId;
    }

    [Fact]
    public void A_committed_package_is_found_after_a_restart()
    {
        Assert.Null(Boot(_flash));
        var store = Stores.Opened(_flash);
        Assert.Null(store.Commit(Old, Old.Length));
        Assert.Equal(IdOf(Old), Boot(_flash));
        Assert.Null(store.Commit(New, New.Length));
        Assert.Equal(IdOf(New), Boot(_flash));
        Assert.Null(store.Commit(Old, Old.Length));
        Assert.Equal(IdOf(Old), Boot(_flash));
    }

    [Fact]
    public void A_power_cut_at_any_byte_of_a_commit_leaves_the_old_or_the_new_package()
    {
        // Measure how many bytes one commit writes, after a first (and a second) package is in place.
        for (int history = 1; history <= 2; history++)
        {
            var flash = new MemoryFlash();
            var store = Stores.Opened(flash);
            for (int i = 0; i < history; i++) store.Commit(i % 2 == 0 ? Old : New, (i % 2 == 0 ? Old : New).Length);
            byte[] before = history % 2 == 1 ? Old : New, next = history % 2 == 1 ? New : Old;
            long start = flash.BytesWritten;
            store.Commit(next, next.Length);
            long commitBytes = flash.BytesWritten - start;
            Assert.Equal(next.Length + 24, commitBytes);

            for (long cut = 0; cut < commitBytes; cut++)
            {
                var f = new MemoryFlash();
                var s = Stores.Opened(f);
                for (int i = 0; i < history; i++) s.Commit(i % 2 == 0 ? Old : New, (i % 2 == 0 ? Old : New).Length);
                f.CutPowerAfter(cut);
                s.Commit(next, next.Length);
                Assert.True(f.PowerLost);
                Assert.Equal(IdOf(before), Boot(f));   // the commit record is the last write: before it, nothing changed
            }
        }
    }

    [Fact]
    public void Flipped_bytes_in_any_stored_file_never_load_a_corrupt_package()
    {
        var flash = _flash;
        var store = Stores.Opened(flash);
        store.Commit(Old, Old.Length);
        store.Commit(New, New.Length);
        var random = new Random(4);
        foreach (var name in RuleStore.SlotNames.Concat(RuleStore.RecordNames))
        {
            byte[] original = flash.Contents(name);
            for (int trial = 0; trial < 40; trial++)
            {
                byte[] damaged = (byte[])original.Clone();
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
                flash.Write(name, damaged, damaged.Length);
                string? booted = Boot(_flash);
                Assert.True(booted == IdOf(New) || booted == IdOf(Old), $"{name}: booted {booted}");
            }
            flash.Write(name, original, original.Length);
        }
        Assert.Equal(IdOf(New), Boot(_flash));
    }

    [Fact]
    public void A_refused_package_size_changes_nothing()
    {
        var store = Stores.Opened(_flash);
        store.Commit(Old, Old.Length);
        Assert.Equal("package size out of range", store.Commit(new byte[Capacity.MaxPackageBytes + 1], Capacity.MaxPackageBytes + 1));
        Assert.Equal(IdOf(Old), Boot(_flash));
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Of("123456789"u8.ToArray(), 0, 9));
    }
}
