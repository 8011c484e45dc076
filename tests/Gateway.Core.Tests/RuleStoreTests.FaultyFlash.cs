// Flash that fails in ways other than a power cut (a flipped bit, a dropped write, a failing read), slot
// files longer than their package, and forged commit records: each must leave the previous rules in place
// or be reported, never load or claim something that is not intact (regressions of surviving mutants).

namespace Gateway.Core.Tests;

public sealed partial class RuleStoreTests
{
    [Fact]
    public void A_store_that_was_not_opened_has_no_current_package()
    {
        var store = new RuleStore(_flash, Gateway.Core.Capacity.MaxPackageBytes);
        Assert.Equal(-1, store.CurrentSlot);   // "-1 when there is none", as the status line shows it
        Assert.Equal(0u, store.CurrentSequence);
        Assert.Equal(0, store.ReadCurrent(0, new byte[16], 0, 16));
    }

    [Fact]
    public void An_empty_package_is_refused_for_its_size()
    {
        var store = Stores.Opened(_flash);
        Assert.Null(store.Commit(Old, Old.Length));
        Assert.Equal("package size out of range", store.Commit(Array.Empty<byte>(), 0));
        Assert.Equal(1u, store.CurrentSequence);
        Assert.Equal(IdOf(Old), Boot(_flash));
    }

    [Fact]
    public void Reading_at_or_past_the_end_of_the_current_package_returns_nothing()
    {
        var store = Stores.Opened(_flash);
        Assert.Null(store.Commit(Old, Old.Length));
        var buffer = new byte[64];
        Assert.Equal(0, store.ReadCurrent(Old.Length, buffer, 0, buffer.Length));
        Assert.Equal(0, store.ReadCurrent(Old.Length + 5, buffer, 0, buffer.Length));   // a source asking past the end must not throw
        Assert.Equal(3, store.ReadCurrent(Old.Length - 3, buffer, 0, buffer.Length));
    }

    // A slot file that kept bytes after its package (flash that rewrites in place without truncating): the
    // CRC covers only the committed length, so it still loads, and a reader sees exactly the package.
    [Fact]
    public void A_slot_longer_than_its_package_loads_and_reads_only_the_package()
    {
        Assert.True(Old.Length > 2 * 256, "the package must span several read chunks");
        var flash = _flash;
        var store = Stores.Opened(flash);
        Assert.Null(store.Commit(Old, Old.Length));   // slot 0
        byte[] longer = Old.Concat(Enumerable.Repeat((byte)'x', 300)).ToArray();
        flash.Write(RuleStore.SlotNames[0], longer, longer.Length);

        var reopened = new RuleStore(flash, Gateway.Core.Capacity.MaxPackageBytes);
        Assert.True(reopened.Open());
        Assert.Equal(Old.Length, reopened.CurrentLength);
        var source = new StoredPackageSource(reopened);
        var read = new List<byte>();
        var buffer = new byte[100];
        int n;
        while ((n = source.Read(buffer, 0, buffer.Length)) > 0) read.AddRange(buffer.Take(n));
        Assert.Equal(Old, read.ToArray());
        Assert.Equal(IdOf(Old), Boot(_flash));
    }

    // A commit the flash spoils is refused with its reason, and the store (and a boot) keeps what was committed.
    private void AssertCommitRefused(RuleStore store, byte[] package, string reason, uint sequence, int slot, byte[] kept)
    {
        Assert.Equal(reason, store.Commit(package, package.Length));
        Assert.Equal(sequence, store.CurrentSequence);
        Assert.Equal(slot, store.CurrentSlot);
        Assert.Equal(IdOf(kept), Boot(_flash));
    }

    [Fact]
    public void A_package_that_reads_back_with_a_flipped_bit_is_not_committed()
    {
        var flash = new FaultyFlash(_flash);
        var store = Stores.Opened(flash);
        Assert.Null(store.Commit(Old, Old.Length));   // slot 0
        flash.FlipBitOnWrite = RuleStore.SlotNames[1];
        AssertCommitRefused(store, New, "flash verify failed: the package did not read back intact", 1u, 0, Old);
    }

    // The commit record's write never happens, and the record file still holds the one from two commits
    // back: same slot, same package (it is committed again), only the sequence differs. That stale record
    // is well formed, so only comparing every field read back catches it.
    [Fact]
    public void A_commit_record_write_that_silently_does_not_happen_is_reported()
    {
        var flash = new FaultyFlash(_flash);
        var store = Stores.Opened(flash);
        Assert.Null(store.Commit(Old, Old.Length));   // sequence 1: record 1, slot 0
        Assert.Null(store.Commit(New, New.Length));   // sequence 2: record 0, slot 1
        flash.DropWrites = RuleStore.RecordNames[1];
        AssertCommitRefused(store, Old, "flash verify failed: the commit record did not read back intact", 2u, 1, New);
    }

    [Fact]
    public void A_slot_that_cannot_be_read_is_not_loaded()
    {
        var flash = new FaultyFlash(_flash);
        var store = Stores.Opened(flash);
        Assert.Null(store.Commit(Old, Old.Length));
        flash.FailReads = RuleStore.SlotNames[0];
        var reopened = new RuleStore(flash, Gateway.Core.Capacity.MaxPackageBytes);
        Assert.False(reopened.Open());   // gives up (built-in rules), does not retry for ever
        Assert.Equal(-1, reopened.CurrentSlot);
    }

    // A newer record that names an intact package, but is itself damaged where no other check looks.
    [Theory]
    [InlineData(false)]   // right magic, wrong record CRC
    [InlineData(true)]    // wrong magic, record CRC recomputed to match
    public void A_newer_record_with_a_bad_crc_or_magic_is_ignored(bool badMagic)
    {
        var flash = _flash;
        var store = Stores.Opened(flash);
        Assert.Null(store.Commit(Old, Old.Length));   // sequence 1: record 1, slot 0
        flash.Write(RuleStore.SlotNames[1], New, New.Length);
        byte[] record = Record(2, 1, (uint)New.Length, Crc32.Of(New, 0, New.Length));
        if (badMagic)
        {
            record[0] ^= 0xFF;
            BitConverter.GetBytes(Crc32.Of(record, 0, 20)).CopyTo(record, 20);
        }
        else
        {
            record[20] ^= 0x01;
        }
        flash.Write(RuleStore.RecordNames[0], record, record.Length);
        var reopened = new RuleStore(flash, Gateway.Core.Capacity.MaxPackageBytes);
        Assert.True(reopened.Open());
        Assert.Equal(1u, reopened.CurrentSequence);
        Assert.Equal(IdOf(Old), Boot(_flash));
    }
}
