// Every reader of hostile input (the fuzz targets of tests/Gateway.Fuzz) against valid inputs mutated at
// random, with fixed seeds so every run checks the same cases: flipped, inserted, deleted and duplicated
// bytes and truncations never make a reader throw, and a refused package never changes the running rules
// (issue 8). Also runs each target's seed corpus and every saved fuzz finding as a regression test.
using CsCheck;
using Gateway.Core.Storage;
using Gateway.Core.Tables;
using Gateway.Fuzz;
using Gateway.Host.Running;
using Gateway.Testing;

namespace Gateway.Differential.Tests;

public class HostileInputTests
{
    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    private static string[] Seeds(string target) => FuzzTargets.SeedFiles(Root, target);

    public static TheoryData<string> Targets() => new(FuzzTargets.Names);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_and_saved_finding_ends_without_a_crash(string target)
    {
        var seeds = Seeds(target);
        Assert.NotEmpty(seeds);
        foreach (var file in seeds)
        {
            // A liveness bound, not a speed check: a reader that loops for ever (one did, on IP-in-IP in a
            // pcap) must fail this test instead of hanging the run. Each input takes milliseconds.
            Exception? crash = null;
            var run = new Thread(() => crash = Record.Exception(() => FuzzTargets.Run(target, File.ReadAllBytes(file)))) { IsBackground = true };
            run.Start();
            Assert.True(run.Join(TimeSpan.FromSeconds(60)), $"{target} did not finish on {file}");
            Assert.True(crash == null, $"{target} crashed on {file}: {crash}");
        }
    }

    // One mutation: 0 flip a byte, 1 insert a byte, 2 delete a range, 3 truncate, 4 duplicate a range.
    private static Gen<Func<byte[], byte[]>> Mutation =>
        from kind in Gen.Int[0, 4]
        from at in Gen.Double[0, 1]
        from length in Gen.Int[1, 64]
        from value in Gen.Byte
        select (Func<byte[], byte[]>)(input =>
        {
            if (input.Length == 0) return new[] { value };
            int i = (int)(at * (input.Length - 1));
            int n = Math.Min(length, input.Length - i);
            return kind switch
            {
                0 => input.Select((b, k) => k == i ? (byte)(b ^ (value | 1)) : b).ToArray(),
                1 => input[..i].Append(value).Concat(input[i..]).ToArray(),
                2 => input[..i].Concat(input[(i + n)..]).ToArray(),
                3 => input[..i],
                _ => input[..(i + n)].Concat(input[i..]).ToArray(),
            };
        });

    private static Gen<byte[]> Mutated(string[] seeds) =>
        from seed in Gen.OneOfConst(seeds)
        from mutations in Mutation.Array[1, 8]
        select mutations.Aggregate(File.ReadAllBytes(seed), (bytes, m) => m(bytes));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_valid_inputs_never_crash_a_reader(string target)
    {
        int cases = target == "pcap" ? 150 : 400;   // pcap goes through a file and libpcap per case
        var gen = Mutated(Seeds(target));
        for (int i = 0; i < cases; i++)
        {
            string seed = new PCG((uint)i, 88UL).ToString();
            gen.Sample(input => { FuzzTargets.Run(target, input); }, seed: seed, iter: 1, threads: 1,
                print: input => Convert.ToBase64String(input));
        }
    }

    [Fact]
    public void A_mutated_package_is_either_applied_whole_or_changes_nothing()
    {
        var gen = Mutated(Seeds("package").Where(f => f.Contains("good", StringComparison.Ordinal)).ToArray());
        for (int i = 0; i < 200; i++)
        {
            string seed = new PCG((uint)i, 89UL).ToString();
            gen.Sample(input =>
            {
                var flash = new MemoryFlash();
                var rules = new ActiveRules(new RuleStore(flash, Gateway.Core.Capacity.MaxPackageBytes), new TableLimits());
                rules.Start(0);
                string before = rules.TableId;
                int generation = rules.Generation;
                var result = rules.ApplyPackage(input, input.Length, 0);
                if (result.IsOk) return;
                Assert.Equal(before, rules.TableId);
                Assert.Equal(generation, rules.Generation);
                Assert.Equal(0u, rules.Store.CurrentSequence);   // nothing was committed
                Assert.Equal(-1, flash.Length(RuleStore.RecordNames[0]));
                Assert.Equal(-1, flash.Length(RuleStore.RecordNames[1]));
            }, seed: seed, iter: 1, threads: 1, print: input => Convert.ToBase64String(input));
        }
    }
}
