// On the nanoCLR: RuleStore (Core/Storage) over an in-memory IFlash, as the desktop RuleStoreTests do on files:
// commit records survive a restart, a power cut during a commit (sampled offsets, every byte of the record)
// leaves the previous package, flipped bits never load a damaged package, and CRC-32's check value.
using Gateway.Core;
using Gateway.Core.Compiler;
using Gateway.Core.Package;
using Gateway.Core.Storage;
using Gateway.Core.Tables;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class RuleStoreDeviceTests
    {
        private const int RecordBytes = 24;

        private static byte[] Old() { return Build.GoodPackage("seed.rsc"); }

        private static byte[] New() { return Build.GoodPackage("everything.rsc"); }

        // What a device finds at boot: the current package's bytes, or null for none.
        private static byte[]? Current(MemoryFlash flash)
        {
            RuleStore store = new RuleStore(flash, Capacity.MaxPackageBytes);
            if (!store.Open()) return null;
            byte[] bytes = new byte[store.CurrentLength];
            int at = 0;
            while (at < bytes.Length)
            {
                int n = store.ReadCurrent(at, bytes, at, bytes.Length - at);
                Assert.IsTrue(n > 0, "ReadCurrent stopped at " + at.ToString());
                at += n;
            }
            return bytes;
        }

        private static bool Is(byte[]? current, byte[] package)
        {
            return current != null && Build.SameBytes(current, current.Length, package);
        }

        private static string Boot(MemoryFlash flash)
        {
            RuleStore store = new RuleStore(flash, Capacity.MaxPackageBytes);
            if (!store.Open()) return "none";
            Table? table;
            RulePackage? package;
            PackageResult r = TableLoader.Load(new StoredPackageSource(store), Build.Small(), 0, false, out table, out package);
            Assert.IsTrue(r.IsOk, "a committed package must load: " + r.ToString());
            return table!.TableId;
        }

        [TestMethod]
        public void A_committed_package_is_found_after_a_restart()
        {
            MemoryFlash flash = new MemoryFlash();
            Assert.AreEqual("none", Boot(flash));
            RuleStore store = new RuleStore(flash, Capacity.MaxPackageBytes);
            Assert.IsFalse(store.Open());
            Assert.AreEqual(-1, store.CurrentSlot);
            Assert.IsNull(store.Commit(Old(), Old().Length));
            Assert.AreEqual("9219138b7e06be5b", Boot(flash));
            Assert.IsNull(store.Commit(New(), New().Length));
            Assert.AreEqual("a0b7abc2ff2205f7", Boot(flash));
            Assert.IsNull(store.Commit(Old(), Old().Length));
            Assert.AreEqual("9219138b7e06be5b", Boot(flash));
            Assert.AreEqual(3L, (long)store.CurrentSequence);
            Assert.AreEqual(0, store.CurrentSlot);
        }

        [TestMethod]
        public void A_commit_writes_the_package_and_one_record()
        {
            MemoryFlash flash = new MemoryFlash();
            RuleStore store = Stores.Opened(flash);
            store.Commit(Old(), Old().Length);
            long start = flash.BytesWritten;
            byte[] next = New();
            store.Commit(next, next.Length);
            Assert.AreEqual(next.Length + RecordBytes, flash.BytesWritten - start);
            Assert.AreEqual(RecordBytes, flash.Length(RuleStore.RecordNames[0]));
            Assert.AreEqual(RecordBytes, flash.Length(RuleStore.RecordNames[1]));
            Assert.AreEqual(next.Length, flash.Length(RuleStore.SlotNames[1]));
        }

        [TestMethod]
        public void A_power_cut_during_a_commit_leaves_the_old_package()
        {
            byte[] old = Old(), nw = New();
            for (int history = 1; history <= 2; history++)
            {
                byte[] before = history % 2 == 1 ? old : nw;
                byte[] next = history % 2 == 1 ? nw : old;
                long commitBytes = next.Length + RecordBytes;
                int tried = 0;
                for (long cut = 0; cut < commitBytes; cut++)
                {
                    // Every byte of the record and the end of the package; a sample of the package's other bytes.
                    if (cut > 2 && cut < commitBytes - 40 && cut % 97 != 0) continue;
                    MemoryFlash f = new MemoryFlash();
                    RuleStore s = Stores.Opened(f);
                    for (int i = 0; i < history; i++) s.Commit(i % 2 == 0 ? old : nw, (i % 2 == 0 ? old : nw).Length);
                    f.CutPowerAfter(cut);
                    s.Commit(next, next.Length);
                    Assert.IsTrue(f.PowerLost, "cut at " + cut.ToString());
                    Assert.IsTrue(Is(Current(f), before), "history " + history.ToString() + ", cut at " + cut.ToString() + ": the old package must stay current");
                    tried++;
                }
                Assert.IsTrue(tried > 40, "offsets tried: " + tried.ToString());
            }
        }

        [TestMethod]
        public void Without_a_power_cut_the_new_package_is_current_after_a_restart()
        {
            MemoryFlash f = new MemoryFlash();
            RuleStore s = Stores.Opened(f);
            s.Commit(Old(), Old().Length);
            f.CutPowerAfter(New().Length + RecordBytes);   // exactly enough
            Assert.IsNull(s.Commit(New(), New().Length));
            Assert.IsFalse(f.PowerLost);
            Assert.IsTrue(Is(Current(f), New()));
        }

        [TestMethod]
        public void Flipped_bits_in_any_stored_file_never_load_a_damaged_package()
        {
            MemoryFlash flash = new MemoryFlash();
            RuleStore store = Stores.Opened(flash);
            byte[] old = Old(), nw = New();
            store.Commit(old, old.Length);   // sequence 1: slot rules-a, record commit-b
            store.Commit(nw, nw.Length);     // sequence 2: slot rules-b, record commit-a
            string[] files = { RuleStore.SlotNames[0], RuleStore.SlotNames[1], RuleStore.RecordNames[0], RuleStore.RecordNames[1] };
            // Damage to the newest commit (its slot or its record) falls back to the old package; damage to the old one changes nothing.
            bool[] hitsNewest = { false, true, true, false };
            byte[] masks = { 0x01, 0x80, 0xFF };
            for (int k = 0; k < files.Length; k++)
            {
                int length = flash.Length(files[k]);
                int[] offsets = { 0, 4, length / 2, length - 1 };
                for (int o = 0; o < offsets.Length; o++)
                {
                    for (int m = 0; m < masks.Length; m++)
                    {
                        flash.Flip(files[k], offsets[o], masks[m]);
                        byte[]? current = Current(flash);
                        string where = files[k] + " byte " + offsets[o].ToString() + " mask " + masks[m].ToString();
                        Assert.IsTrue(Is(current, hitsNewest[k] ? old : nw), where);
                        flash.Flip(files[k], offsets[o], masks[m]);
                    }
                }
            }
            Assert.AreEqual("a0b7abc2ff2205f7", Boot(flash));
        }

        [TestMethod]
        public void A_refused_package_size_changes_nothing()
        {
            MemoryFlash flash = new MemoryFlash();
            byte[] old = Old();
            RuleStore store = Stores.Opened(flash, old.Length);
            Assert.IsNull(store.Commit(old, old.Length));
            long written = flash.BytesWritten;
            Assert.AreEqual("package size out of range", store.Commit(New(), New().Length) ?? "(committed)");
            Assert.AreEqual("package size out of range", store.Commit(old, 0) ?? "(committed)");
            Assert.AreEqual(written, flash.BytesWritten);
            Assert.AreEqual("9219138b7e06be5b", Boot(flash));
        }

        [TestMethod]
        public void Crc32_matches_the_standard_check_value()
        {
            Assert.AreEqual(0xCBF43926L, (long)Crc32.Of(Build.Bytes("123456789"), 0, 9));
            uint crc = Crc32.Update(Crc32.Initial, Build.Bytes("1234"), 0, 4);
            crc = Crc32.Update(crc, Build.Bytes("56789"), 0, 5);
            Assert.AreEqual(0xCBF43926L, (long)Crc32.Final(crc), "incremental");
        }
    }
}
