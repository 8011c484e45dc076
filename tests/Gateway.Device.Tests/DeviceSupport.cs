// Helpers the device test classes share (no tests here): RuleSets from RouterOS name=value words, table
// limits small enough for a board's heap, and a console output buffer. Packets from text addresses and flash in
// memory come from tests/Shared/Portable, which the core's tests compile too. Only nanoFramework 1.x APIs.
using System;
using Gateway.Core.Compiler;
using Gateway.Core.Engine;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Packets;
using Gateway.Core.Tables;
using Gateway.Core.Text;
using Gateway.Host.Console;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    /// <summary>RuleSets, limits and packages for the device tests.</summary>
    internal static class Build
    {
        /// <summary>Limits that fit a board's heap many times over; tests change one field at a time.</summary>
        public static TableLimits Small()
        {
            TableLimits l = new TableLimits();
            l.MaxRules = 32;
            l.MaxChains = 10;
            l.MaxPortRanges = 32;
            l.MaxAddressMatchers = 8;
            l.MaxLists = 4;
            l.MaxInterfaces = 4;
            l.MaxForwards = 4;
            l.Ipv4ListEntries = 16;
            l.Ipv6ListEntries = 8;
            l.ListRangeEntries = 4;
            return l;
        }

        /// <summary>Adds an IPv4 filter rule given as space-separated name=value words.</summary>
        public static Rule Filter(RuleSet rules, string words) { return Filter(rules, words, Family.Ipv4); }

        public static Rule Filter(RuleSet rules, string words, Family family)
        {
            Rule rule = new Rule();
            SetAll(MenuFilter, rule, family, words);
            rules.Of(family).AddRule(rule);
            return rule;
        }

        public static ListEntry Entry(RuleSet rules, string words) { return Entry(rules, words, Family.Ipv4); }

        public static ListEntry Entry(RuleSet rules, string words, Family family)
        {
            ListEntry entry = new ListEntry();
            SetAll(MenuAddressList, entry, family, words);
            rules.Of(family).AddEntry(entry);
            return entry;
        }

        public static Forward Nat(RuleSet rules, string words, Family family)
        {
            Forward forward = new Forward();
            SetAll(MenuNat, forward, family, words);
            rules.Of(family).AddForward(forward);
            return forward;
        }

        private const int MenuFilter = 0, MenuAddressList = 1, MenuNat = 2;

        // Applies space-separated name=value words through the menu's property table, as the console does.
        private static void SetAll(int menu, object item, Family family, string words)
        {
            string[] w = words.Split(' ');
            for (int i = 0; i < w.Length; i++)
            {
                if (w[i].Length == 0) continue;
                int eq = w[i].IndexOf('=');
                Assert.IsTrue(eq > 0, "not name=value: " + w[i]);
                string name = w[i].Substring(0, eq), value = w[i].Substring(eq + 1);
                string error;
                PropertyError e = menu == MenuFilter ? RuleProperties.Set((Rule)item, family, name, value, out error)
                    : menu == MenuAddressList ? EntryProperties.Set((ListEntry)item, family, name, value, out error)
                    : ForwardProperties.Set((Forward)item, family, name, value, out error);
                Assert.IsTrue(e == PropertyError.None, w[i] + ": " + error);
            }
        }

        /// <summary>The seed recipe of routeros-semantics.md.</summary>
        public static RuleSet SeedRecipe()
        {
            RuleSet rules = new RuleSet();
            Filter(rules, "chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m");
            Filter(rules, "chain=input protocol=tcp dst-port=6000 src-address-list=port:9000 action=add-src-to-address-list address-list=secure address-list-timeout=1m");
            Filter(rules, "chain=input src-address-list=secure action=accept");
            Filter(rules, "chain=input action=drop");
            return rules;
        }

        /// <summary>Compiles within <paramref name="limits"/>, failing the test if refused.</summary>
        public static Table Compile(RuleSet rules, TableLimits limits)
        {
            Table? table;
            PackageResult r = TableLoader.Compile(rules, limits, 0, out table);
            Assert.IsTrue(r.IsOk, r.ToString());
            return table!;
        }

        public static FilterEngine Engine(RuleSet rules) { return new FilterEngine(Compile(rules, Small())); }

        /// <summary>The good package vector whose source file is <paramref name="file"/> (seed.rsc, everything.rsc).</summary>
        public static byte[] GoodPackage(string file)
        {
            for (int i = 0; i < TestVectors.GoodCount; i++)
            {
                byte[] bytes = TestVectors.Good(i);
                if (IndexOf(bytes, "\"file\":\"" + file + "\"") >= 0) return bytes;
            }
            Assert.IsTrue(false, "no good package from " + file);
            return new byte[0];
        }

        /// <summary>The bad package vector with this token whose bytes contain <paramref name="marker"/>.</summary>
        public static byte[] BadPackage(string token, string marker)
        {
            for (int i = 0; i < TestVectors.BadCount; i++)
            {
                if (TestVectors.BadTokens[i] != token) continue;
                byte[] bytes = TestVectors.Bad(i);
                if (IndexOf(bytes, marker) >= 0) return bytes;
            }
            Assert.IsTrue(false, "no bad package " + token + " with " + marker);
            return new byte[0];
        }

        /// <summary>Where the ASCII text first occurs in the bytes, or -1.</summary>
        public static int IndexOf(byte[] bytes, string ascii)
        {
            for (int i = 0; i + ascii.Length <= bytes.Length; i++)
            {
                int k = 0;
                while (k < ascii.Length && bytes[i + k] == (byte)ascii[k]) k++;
                if (k == ascii.Length) return i;
            }
            return -1;
        }

        /// <summary>ASCII text of bytes[offset..offset+count).</summary>
        public static string Ascii(byte[] bytes, int offset, int count)
        {
            char[] c = new char[count];
            for (int i = 0; i < count; i++) c[i] = (char)bytes[offset + i];
            return new string(c);
        }

        /// <summary>Bytes of ASCII text.</summary>
        public static byte[] Bytes(string ascii)
        {
            byte[] b = new byte[ascii.Length];
            for (int i = 0; i < ascii.Length; i++) b[i] = (byte)ascii[i];
            return b;
        }

        public static bool SameBytes(byte[] a, int aLength, byte[] b)
        {
            if (aLength != b.Length) return false;
            for (int i = 0; i < aLength; i++) if (a[i] != b[i]) return false;
            return true;
        }

        public static bool Contains(string text, string part) { return text.IndexOf(part) >= 0; }

        /// <summary>A one-address IPv4 word array, as AddressListStore takes it.</summary>
        public static uint[] A(string text) { return new uint[] { TestPackets.V4(text) }; }

        public static AddressMatch M(string text, Family family)
        {
            string error;
            AddressMatch? m = AddressMatch.Parse(text, family, false, out error);
            Assert.IsNotNull(m, text + ": " + error);
            return m!;
        }
    }

    /// <summary>Collects what a console writes.</summary>
    internal sealed class TextOutput : IConsoleOutput
    {
        private readonly TextBuffer _text = new TextBuffer(512);

        public void Write(string text) { _text.Append(text); }

        public string Text { get { return _text.ToString(); } }

        public void Clear() { _text.Clear(); }
    }
}
