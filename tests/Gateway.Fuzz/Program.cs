// gateway fuzz harness: `Gateway.Fuzz TARGET` under afl-fuzz (SharpFuzz's out-of-process protocol), or
// `Gateway.Fuzz TARGET --replay FILE|DIR...` to run inputs in-process and print each outcome (how a
// crash found by AFL++ is reproduced before it becomes a regular test), or `Gateway.Fuzz TARGET --seeds ROOT`
// to list the target's seed files (fuzz.sh builds its corpus from them).
using Gateway.Fuzz;

if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Gateway.Fuzz TARGET [--replay FILE|DIR...]; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}
string target = args[0];
if (args.Length == 3 && args[1] == "--seeds")
{
    foreach (var file in FuzzTargets.SeedFiles(args[2], target)) Console.WriteLine(file);
    return 0;
}
if (args.Length > 1 && args[1] == "--replay")
{
    int failures = 0;
    foreach (var file in args.Skip(2).SelectMany(a => Directory.Exists(a) ? Directory.GetFiles(a) : new[] { a }).Order(StringComparer.Ordinal))
    {
        try { Console.WriteLine($"{file}: {FuzzTargets.Run(target, File.ReadAllBytes(file))}"); }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"{file}: CRASH {e.GetType().Name}: {e.Message}");
        }
    }
    return failures == 0 ? 0 : 1;
}
SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    FuzzTargets.Run(target, memory.ToArray());
});
return 0;
