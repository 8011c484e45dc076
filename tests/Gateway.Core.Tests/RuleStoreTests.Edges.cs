// The edges of the store: a package of exactly the largest size, and commit records that are well formed
// (valid CRC) but name what cannot exist (regressions of mutants, issue 15).

namespace Gateway.Core.Tests;

public sealed partial class RuleStoreTests
{
    [Fact]
    public void A_package_of_exactly_the_largest_size_is_stored_and_found()
    {
        byte[] padded = new byte[Old.Length + 100];
        Array.Copy(Old, padded, Old.Length);
        for (int i = Old.Length; i < padded.Length; i++) padded[i] = (byte)' ';   // JSON allows trailing space
        var store = Stores.Opened(_flash, padded.Length);
        Assert.Null(store.Commit(padded, padded.Length));
        var reopened = new RuleStore(_flash, padded.Length);
        Assert.True(reopened.Open());
        Assert.Equal(padded.Length, reopened.CurrentLength);
        Assert.Equal("package size out of range", store.Commit(padded, padded.Length + 1));
    }

    [Theory]
    [InlineData(2u, 2u, 0)]            // a slot that does not exist
    [InlineData(2u, 0xFFFFFFFFu, 0)]
    [InlineData(0u, 1u, 0)]            // sequence 0 means "none"
    [InlineData(3u, 1u, 0)]            // an odd sequence belongs in record 1 (records alternate by parity)
    public void A_well_formed_record_naming_what_cannot_exist_is_ignored(uint sequence, uint slot, int recordFile)
    {
        var flash = _flash;
        var store = Stores.Opened(flash);
        Assert.Null(store.Commit(Old, Old.Length));   // sequence 1 in record 1, slot 0
        flash.Write(RuleStore.SlotNames[1], Old, Old.Length);   // an intact package where the forged record could point
        byte[] record = Record(sequence, slot, (uint)Old.Length, Crc32.Of(Old, 0, Old.Length));
        flash.Write(RuleStore.RecordNames[recordFile], record, record.Length);
        var reopened = new RuleStore(flash, Gateway.Core.Capacity.MaxPackageBytes);
        Assert.True(reopened.Open());   // falls back to the genuine record, never throws
        Assert.Equal(1u, reopened.CurrentSequence);
        Assert.Equal(0, reopened.CurrentSlot);
    }

    [Fact]
    public void A_record_claiming_the_last_sequence_number_refuses_the_next_commit_with_a_reason()
    {
        var flash = _flash;
        var store = Stores.Opened(flash);
        Assert.Null(store.Commit(Old, Old.Length));
        byte[] record = Record(0xFFFFFFFFu, 0, (uint)Old.Length, Crc32.Of(Old, 0, Old.Length));   // odd: record 1
        flash.Write(RuleStore.RecordNames[1], record, record.Length);
        var reopened = new RuleStore(flash, Gateway.Core.Capacity.MaxPackageBytes);
        Assert.True(reopened.Open());
        Assert.Equal(0xFFFFFFFFu, reopened.CurrentSequence);
        // Wrapping to 0 would name no record file (it threw IndexOutOfRangeException): refused, nothing changed.
        Assert.Equal("commit sequence exhausted: the stored commit record claims the last sequence number", reopened.Commit(Old, Old.Length));
        Assert.Equal(0xFFFFFFFFu, reopened.CurrentSequence);
        Assert.True(new RuleStore(flash, Gateway.Core.Capacity.MaxPackageBytes).Open());
    }

    // A commit record as RuleStore lays it out: magic, sequence, slot, length, package CRC, record CRC.
    private static byte[] Record(uint sequence, uint slot, uint length, uint crc)
    {
        var r = new byte[24];
        BitConverter.GetBytes(0x47575243u).CopyTo(r, 0);
        BitConverter.GetBytes(sequence).CopyTo(r, 4);
        BitConverter.GetBytes(slot).CopyTo(r, 8);
        BitConverter.GetBytes(length).CopyTo(r, 12);
        BitConverter.GetBytes(crc).CopyTo(r, 16);
        BitConverter.GetBytes(Crc32.Of(r, 0, 20)).CopyTo(r, 20);
        return r;
    }
}
