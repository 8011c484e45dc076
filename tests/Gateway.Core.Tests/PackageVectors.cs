// The package test vectors in tests/data/packages, shared with the device tests: good packages, and bad
// ones named "<expected error token>--<what>.json". Generated here; regenerate deliberately with
// GATEWAY_UPDATE_VECTORS=1 dotnet test --filter PackageVectors.
using System.Text;

namespace Gateway.Core.Tests;

public class PackageVectors
{
    internal static Dictionary<string, byte[]> Good() => new()
    {
        ["seed.json"] = Build.PackageOf(Build.SeedRecipe(), "seed.rsc", SeedSource),
        ["everything.json"] = PackageWriter.Write(PackageRoundTripTests.Everything(), "everything.rsc", "# every property the gateway knows\n"),
    };

    internal const string SeedSource =
        "/ip firewall filter add chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m\n" +
        "add chain=input protocol=tcp dst-port=6000 src-address-list=port:9000 action=add-src-to-address-list address-list=secure address-list-timeout=1m\n" +
        "add chain=input src-address-list=secure action=accept\n" +
        "add chain=input action=drop\n";

    internal static Dictionary<string, byte[]> Bad()
    {
        string seed = Text(Build.PackageOf(Build.SeedRecipe()));
        string version = "\"version\":" + PackageFormat.Version;
        var v = new Dictionary<string, byte[]>
        {
            ["truncated--cut-in-ruleset.json"] = Bytes(seed[..(seed.Length / 2)]),
            ["truncated--empty.json"] = Array.Empty<byte>(),
            ["syntax--missing-colon.json"] = Bytes(seed.Replace(version, "\"version\" " + PackageFormat.Version)),
            ["bad-value--nested-arrays.json"] = Bytes("{\"format\":[[[[[[[[[1]]]]]]]]]}"),
            ["syntax--control-character-in-string.json"] = Bytes(seed.Replace("# test rules\\n", "# test\u0001rules")),
            ["syntax--overlong-utf8.json"] = Splice(Bytes(seed), "# test rules", new byte[] { 0xC0, 0xAF }),
            ["syntax--text-after-document.json"] = Bytes(seed + "{}"),
            ["syntax--trailing-comma.json"] = Bytes(seed.Replace(version + ",", version + ",,")),
            ["unsupported-version--1-before-source-ids.json"] = Bytes(seed.Replace(version, "\"version\":1")),
            ["unsupported-version--other-format.json"] = Bytes(seed.Replace("gateway-rule-package", "router-backup")),
            ["too-large--long-comment.json"] = Write(r => r.Ipv4.RuleAt(3).Comment = new string('c', Capacity.MaxValueChars + 1)),
            ["unknown-field--package-member.json"] = Bytes(seed.Replace(version + ",", version + ",\"signed-by\":\"me\",")),
            ["unknown-field--rule-property.json"] = Bytes(seed.Replace("\"dst-port\":\"9000\"", "\"dst-prot\":\"9000\"")),
            ["not-supported--nth.json"] = Bytes(seed.Replace("\"dst-port\":\"9000\"", "\"dst-port\":\"9000\",\"nth\":\"10,1\"")),
            ["bad-value--port-out-of-range.json"] = Bytes(seed.Replace("\"dst-port\":\"9000\"", "\"dst-port\":\"70000\"")),
            ["bad-value--property-given-twice.json"] = Bytes(seed.Replace("\"dst-port\":\"9000\"", "\"dst-port\":\"9000\",\"dst-port\":\"9001\"")),
            ["bad-value--ports-without-tcp-or-udp.json"] = Write(r => r.Ipv4.RuleAt(0).Protocol = Protocols.Icmp),
            ["bad-value--table-id-not-hex.json"] = Bytes(seed.Replace(PackageWriter.TableIdOf(Build.SeedRecipe()), "not-a-table-id!!")),
            ["unknown-chain--jump-to-nowhere.json"] = Write(r => r.Filter("chain=input action=jump jump-target=nowhere")),
            ["unknown-chain--jump-to-built-in.json"] = Write(r => r.Filter("chain=knock action=jump jump-target=input")),
            ["jump-cycle--a-b-a.json"] = Write(r =>
            {
                r.Filter("chain=input action=jump jump-target=a");
                r.Filter("chain=a action=jump jump-target=b");
                r.Filter("chain=b action=jump jump-target=a");
            }),
            ["unknown-list--no-such-interface-list.json"] = Write(r => r.Filter("chain=input in-interface-list=WAN action=drop")),
            ["duplicate-entry--same-address-twice.json"] = Write(r =>
            {
                r.Entry("list=secure address=10.0.0.1");
                r.Entry("list=secure address=10.0.0.1");
            }),
            ["source-id-mismatch--edited-source.json"] = Bytes(seed.Replace("# test rules", "# test rulez")),
            ["bad-value--source-id-not-hex.json"] = Bytes(seed.Replace(PackageWriter.SourceIdOf("rules.rsc", "# test rules\n"), "not-a-source-id!")),
            ["bad-value--source-text-before-file.json"] = Bytes(seed.Replace("{\"file\":\"rules.rsc\",\"text\":\"# test rules\\n\"}", "{\"text\":\"# test rules\\n\",\"file\":\"rules.rsc\"}")),
            ["table-id-mismatch--edited-port.json"] = Bytes(seed.Replace("\"dst-port\":\"6000\"", "\"dst-port\":\"6001\"")),
            ["over-capacity--too-many-rules.json"] = Write(r =>
            {
                for (int i = 0; i < Capacity.DefaultMaxRules; i++) r.Filter("chain=input action=passthrough");
            }),
        };
        return v;
    }

    private static byte[] Write(Action<RuleSet> change)
    {
        var rules = Build.SeedRecipe();
        change(rules);
        return Build.PackageOf(rules);
    }

    private static string Text(byte[] b) => Encoding.UTF8.GetString(b);
    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Splice(byte[] bytes, string after, byte[] insert)
    {
        int at = Text(bytes).IndexOf(after, StringComparison.Ordinal) + after.Length;
        return bytes.Take(at).Concat(insert).Concat(bytes.Skip(at)).ToArray();
    }

    [Fact]
    public void Vectors_on_disk_are_the_generated_ones()
    {
        bool update = Environment.GetEnvironmentVariable("GATEWAY_UPDATE_VECTORS") == "1";
        foreach (var (folder, vectors) in new[] { ("good", Good()), ("bad", Bad()) })
        {
            foreach (var (name, bytes) in vectors)
            {
                string path = Repo.Data("packages", folder, name);
                if (update) File.WriteAllBytes(path, bytes);
                Assert.True(File.Exists(path), $"{path} is missing: regenerate with GATEWAY_UPDATE_VECTORS=1");
                Assert.True(bytes.SequenceEqual(File.ReadAllBytes(path)), $"{path} differs from what the writer makes now");
            }
            Assert.Equal(vectors.Keys.Order(), Directory.GetFiles(Repo.Data("packages", folder)).Select(Path.GetFileName).Order());
        }
    }
}
