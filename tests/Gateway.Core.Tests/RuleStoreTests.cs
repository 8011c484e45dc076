// Atomic commit by fault injection on the emulator's file flash: a power cut at every byte offset of a
// commit, and flipped bytes in every stored file, never lose the previous rules and never load a
// corrupt package.
using Gateway.Core.Compiler;
using Gateway.Core.Package;
using Gateway.Core.Storage;
using Gateway.Core.Tables;
using Gateway.Core.Tests.Support;
using Gateway.Emulator.Hardware;

namespace Gateway.Core.Tests;

public sealed partial class RuleStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gateway-flash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static readonly byte[] Old = Build.PackageOf(Build.SeedRecipe(), "old.rsc", "old\n");
    private static readonly byte[] New = Build.PackageOf(PackageRoundTripTests.Everything(), "new.rsc", "new\n");

    // What a device finds at boot: the table id of the package it would load, or null for none.
    private static string? Boot(string dir)
    {
        var store = new RuleStore(new FileFlash(dir), Capacity.MaxPackageBytes);
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
        Assert.Null(Boot(_dir));
        var store = new RuleStore(new FileFlash(_dir), Capacity.MaxPackageBytes);
        store.Open();
        Assert.Null(store.Commit(Old, Old.Length));
        Assert.Equal(IdOf(Old), Boot(_dir));
        Assert.Null(store.Commit(New, New.Length));
        Assert.Equal(IdOf(New), Boot(_dir));
        Assert.Null(store.Commit(Old, Old.Length));
        Assert.Equal(IdOf(Old), Boot(_dir));
    }

    [Fact]
    public void A_power_cut_at_any_byte_of_a_commit_leaves_the_old_or_the_new_package()
    {
        // Measure how many bytes one commit writes, after a first (and a second) package is in place.
        for (int history = 1; history <= 2; history++)
        {
            string probe = Path.Combine(_dir, $"probe{history}");
            var flash = new FileFlash(probe);
            var store = new RuleStore(flash, Capacity.MaxPackageBytes);
            store.Open();
            for (int i = 0; i < history; i++) store.Commit(i % 2 == 0 ? Old : New, (i % 2 == 0 ? Old : New).Length);
            byte[] before = history % 2 == 1 ? Old : New, next = history % 2 == 1 ? New : Old;
            long start = flash.BytesWritten;
            store.Commit(next, next.Length);
            long commitBytes = flash.BytesWritten - start;
            Assert.Equal(next.Length + 24, commitBytes);

            for (long cut = 0; cut < commitBytes; cut++)
            {
                string dir = Path.Combine(_dir, $"cut{history}-{cut}");
                var f = new FileFlash(dir);
                var s = new RuleStore(f, Capacity.MaxPackageBytes);
                s.Open();
                for (int i = 0; i < history; i++) s.Commit(i % 2 == 0 ? Old : New, (i % 2 == 0 ? Old : New).Length);
                f.CutPowerAfter(cut);
                s.Commit(next, next.Length);
                Assert.True(f.PowerLost);
                Assert.Equal(IdOf(before), Boot(dir));   // the commit record is the last write: before it, nothing changed
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Flipped_bytes_in_any_stored_file_never_load_a_corrupt_package()
    {
        var flash = new FileFlash(_dir);
        var store = new RuleStore(flash, Capacity.MaxPackageBytes);
        store.Open();
        store.Commit(Old, Old.Length);
        store.Commit(New, New.Length);
        var random = new Random(4);
        foreach (var name in RuleStore.SlotNames.Concat(RuleStore.RecordNames))
        {
            string path = Path.Combine(_dir, name);
            byte[] original = File.ReadAllBytes(path);
            for (int trial = 0; trial < 40; trial++)
            {
                byte[] damaged = (byte[])original.Clone();
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
                File.WriteAllBytes(path, damaged);
                string? booted = Boot(_dir);
                Assert.True(booted == IdOf(New) || booted == IdOf(Old), $"{name}: booted {booted}");
            }
            File.WriteAllBytes(path, original);
        }
        Assert.Equal(IdOf(New), Boot(_dir));
    }

    [Fact]
    public void A_refused_package_size_changes_nothing()
    {
        var store = new RuleStore(new FileFlash(_dir), Capacity.MaxPackageBytes);
        store.Open();
        store.Commit(Old, Old.Length);
        Assert.Equal("package size out of range", store.Commit(new byte[Capacity.MaxPackageBytes + 1], Capacity.MaxPackageBytes + 1));
        Assert.Equal(IdOf(Old), Boot(_dir));
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Of("123456789"u8.ToArray(), 0, 9));
    }
}
