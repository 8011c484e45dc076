// On the nanoCLR: the package reader (Core/Package) on every vector of tests/data/packages (TestVectors.cs),
// good ones loaded and compiled, bad ones refused with their file name's token, by the reader and by the
// device's load path; positions, numbers and every truncation as in the desktop PackageReaderTests.
using System;
using Gateway.Core;
using Gateway.Core.Compiler;
using Gateway.Core.Package;
using Gateway.Core.Tables;
using Gateway.Core.Text;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class PackageReaderDeviceTests
    {
        private static PackageResult Read(byte[] bytes, int length)
        {
            RulePackage? package;
            return new PackageReader(new TableLimits()).Read(new ByteArraySource(bytes, length), out package);
        }

        [TestMethod]
        public void Good_packages_load_and_compile()
        {
            for (int i = 0; i < TestVectors.GoodCount; i++)
            {
                byte[] bytes = TestVectors.Good(i);
                PackageResult r = TableLoader.Load(new ByteArraySource(bytes), Build.Small(), 0, false, out Table? table, out RulePackage? package);
                Assert.IsTrue(r.IsOk, r.ToString());
                Assert.IsNotNull(table);
                Assert.AreEqual(package!.TableId, table!.TableId);
                Assert.AreEqual(package.TableId, PackageWriter.TableIdOf(package.RuleSet), "the stored id is the RuleSet's hash");
            }
        }

        [TestMethod]
        public void Bad_packages_are_refused_with_their_reason()
        {
            for (int i = 0; i < TestVectors.BadCount; i++)
            {
                byte[] bytes = TestVectors.Bad(i);
                PackageResult r = new PackageReader(new TableLimits()).Read(new ByteArraySource(bytes), out RulePackage? package);
                Assert.IsFalse(r.IsOk, TestVectors.BadTokens[i]);
                Assert.AreEqual(TestVectors.BadTokens[i], PackageErrors.Token(r.Error));
            }
        }

        [TestMethod]
        public void Bad_packages_say_why_and_where_and_the_load_path_refuses_them_too()
        {
            for (int i = 0; i < TestVectors.BadCount; i++)
            {
                byte[] bytes = TestVectors.Bad(i);
                string vector = "bad vector " + i.ToString() + " (" + TestVectors.BadTokens[i] + ")";
                PackageResult r = Read(bytes, bytes.Length);
                Assert.IsTrue(r.Message.Length > 0, vector + ": no message");
                Assert.IsTrue(r.Offset >= PackageResult.NoOffset && r.Offset <= bytes.Length, vector + ": offset " + r.Offset.ToString());
                PackageResult loaded = TableLoader.Load(new ByteArraySource(bytes), new TableLimits(), 0, false, out Table? table, out RulePackage? package);
                Assert.AreEqual(TestVectors.BadTokens[i], PackageErrors.Token(loaded.Error), vector + " through TableLoader.Load");
                Assert.IsNull(table, vector + ": no table");
            }
        }

        [TestMethod]
        public void The_good_vectors_carry_their_source_and_table_id()
        {
            byte[] seed = Build.GoodPackage("seed.rsc");
            PackageResult r = new PackageReader(Build.Small()).Read(new ByteArraySource(seed), out RulePackage? package);
            Assert.IsTrue(r.IsOk, r.ToString());
            Assert.AreEqual("9219138b7e06be5b", package!.TableId);
            Assert.AreEqual("seed.rsc", package.SourceFile);
            Assert.IsTrue(package.SourceText!.IndexOf("/ip firewall filter add chain=input protocol=tcp dst-port=9000") == 0, package.SourceText);
            Assert.AreEqual(4, package.RuleSet.Ipv4.RuleCount);
            byte[] everything = Build.GoodPackage("everything.rsc");
            r = new PackageReader(Build.Small()).Read(new ByteArraySource(everything), out package);
            Assert.IsTrue(r.IsOk, r.ToString());
            Assert.AreEqual("a0b7abc2ff2205f7", package!.TableId);
            Assert.AreEqual(21, package.RuleSet.Ipv4.RuleCount);
            Assert.AreEqual(4, package.RuleSet.Ipv4.Raw.RuleCount);
            Assert.AreEqual(5, package.RuleSet.Ipv6.RuleCount);
            Assert.AreEqual(3, package.RuleSet.InterfaceLists.ListCount);
            Assert.AreEqual(2, package.RuleSet.Ipv4.ForwardCount);
        }

        [TestMethod]
        public void A_pc_made_package_with_an_emoji_in_a_comment_loads()
        {
            // The PC writes the comment as its UTF-8 bytes and hashes the canonical text's UTF-8 for the table id.
            // Build those bytes from an ASCII placeholder, so nothing here depends on how the runtime indexes the emoji.
            Gateway.Core.Model.RuleSet rules = Build.SeedRecipe();
            rules.Ipv4.RuleAt(3).Comment = "@@";
            TextBuffer canonical = new TextBuffer(1024);
            PackageWriter.WriteRuleSet(rules, canonical);
            string text = canonical.ToString();
            int at = text.IndexOf("@@");
            ulong placeholderHash = TextDeviceTests.FnvBasis, emojiHash = TextDeviceTests.FnvBasis;
            int[] emoji = { 0xF0, 0x9F, 0x98, 0x80 };
            for (int i = 0; i < text.Length; i++)
            {
                placeholderHash = TextDeviceTests.Fnv(placeholderHash, text[i]);
                if (i == at) for (int k = 0; k < emoji.Length; k++) emojiHash = TextDeviceTests.Fnv(emojiHash, emoji[k]);
                if (i < at || i >= at + 2) emojiHash = TextDeviceTests.Fnv(emojiHash, text[i]);
            }
            string placeholderId = PackageWriter.TableIdOf(rules);
            Assert.AreEqual(placeholderId, Fnv64Sink.ToHex(placeholderHash), "the table id is FNV-1a 64 of the canonical text");
            string emojiId = Fnv64Sink.ToHex(emojiHash);

            byte[] ascii = PackageWriter.Write(rules, "rules.rsc", "# test rules\n");
            int comment = Build.IndexOf(ascii, "@@"), id = Build.IndexOf(ascii, placeholderId);
            byte[] bytes = new byte[ascii.Length + 2];
            for (int i = 0, o = 0; i < ascii.Length; i++)
            {
                if (i == comment) { for (int k = 0; k < emoji.Length; k++) bytes[o++] = (byte)emoji[k]; i++; continue; }
                bytes[o++] = i >= id && i < id + 16 ? (byte)emojiId[i - id] : ascii[i];
            }
            PackageResult r = new PackageReader(Build.Small()).Read(new ByteArraySource(bytes), out RulePackage? package);
            Assert.IsTrue(r.IsOk, "expected table id " + emojiId + ": " + r.ToString());
            Assert.AreEqual(emojiId, package!.TableId);
            Assert.AreEqual(2, package.RuleSet.Ipv4.RuleAt(3).Comment!.Length);
        }

        [TestMethod]
        public void A_bad_value_points_at_the_value()
        {
            byte[] bytes = Build.BadPackage("bad-value", "\"70000\"");
            PackageResult r = Read(bytes, bytes.Length);
            Assert.AreEqual("\"70000\"", Build.Ascii(bytes, r.Offset, 7));
            Assert.IsTrue(Build.Contains(r.Message, "dst-port: port must be a number 0-65535"), r.Message);
        }

        [TestMethod]
        public void A_semantic_error_points_at_the_rule_that_has_it()
        {
            Gateway.Core.Model.RuleSet rules = Build.SeedRecipe();
            Build.Filter(rules, "chain=input action=jump jump-target=nowhere");
            byte[] bytes = PackageWriter.Write(rules, "rules.rsc", "# test rules\n");
            PackageResult r = Read(bytes, bytes.Length);
            Assert.AreEqual("unknown-chain", PackageErrors.Token(r.Error));
            string rule = "{\"chain\":\"input\",\"action\":\"jump\"";
            Assert.AreEqual(rule, Build.Ascii(bytes, r.Offset, rule.Length));
            Assert.AreEqual("unknown-chain at byte " + r.Offset.ToString() + ": jump-target nowhere names a chain with no rules", r.ToString());
        }

        [TestMethod]
        public void Too_many_rules_are_refused_while_reading_with_the_numbers()
        {
            byte[] bytes = Build.BadPackage("over-capacity", "{");
            PackageResult r = Read(bytes, bytes.Length);
            Assert.AreEqual("over-capacity", PackageErrors.Token(r.Error));
            Assert.AreEqual((long)Capacity.DefaultMaxRules, r.Limit);
            Assert.AreEqual((long)Capacity.DefaultMaxRules + 1, r.Actual);
            Assert.AreEqual("rules", r.What);
        }

        [TestMethod]
        public void A_package_over_the_byte_limit_is_refused_before_it_is_interpreted()
        {
            byte[] bytes = Build.GoodPackage("seed.rsc");
            PackageReader reader = new PackageReader(Build.Small());
            reader.MaxBytes = bytes.Length - 1;
            PackageResult r = reader.Read(new ByteArraySource(bytes), out RulePackage? package);
            Assert.AreEqual("too-large", PackageErrors.Token(r.Error));
            Assert.IsNull(package);
            reader.MaxBytes = bytes.Length;
            Assert.IsTrue(reader.Read(new ByteArraySource(bytes), out package).IsOk, "exactly at the limit");
        }

        [TestMethod]
        public void Every_truncation_of_the_seed_package_is_refused_as_truncated()
        {
            byte[] bytes = Build.GoodPackage("seed.rsc");
            int end = bytes.Length;
            while (bytes[end - 1] != (byte)'}') end--;   // the trailing newline is optional
            for (int length = 0; length < end; length++)
            {
                PackageResult r = Read(bytes, length);
                Assert.AreEqual("truncated", PackageErrors.Token(r.Error), "cut at " + length.ToString() + ": " + r.ToString());
            }
            Assert.IsTrue(Read(bytes, end).IsOk);
        }

        [TestMethod]
        public void A_document_that_is_not_an_object_is_refused_at_its_first_byte()
        {
            byte[] bytes = new byte[2000];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)'[';
            PackageResult r = Read(bytes, bytes.Length);
            Assert.AreEqual("bad-value", PackageErrors.Token(r.Error));
            Assert.AreEqual(0, r.Offset);
        }

        [TestMethod]
        public void The_json_reader_refuses_nesting_deeper_than_its_bound()
        {
            byte[] bytes = new byte[200];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)'[';
            JsonReader json = new JsonReader(new ByteArraySource(bytes), Capacity.MaxPackageBytes, 16);
            JsonToken t;
            int opened = 0;
            while ((t = json.Next()) == JsonToken.BeginArray) opened++;
            Assert.AreEqual((int)JsonToken.Error, (int)t);
            Assert.AreEqual(Capacity.MaxJsonDepth, opened);
            Assert.AreEqual("syntax", PackageErrors.Token(json.Error));
            Assert.AreEqual(Capacity.MaxJsonDepth, json.ErrorOffset);
        }
    }
}
