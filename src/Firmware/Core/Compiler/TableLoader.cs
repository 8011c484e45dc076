// The device's load path in one call: package bytes -> reader -> validator -> compiler -> Table.
// Either a complete new Table comes back or nothing does; the caller swaps it in only on success.
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Tables;

namespace Gateway.Core.Compiler
{
    /// <summary>Reads and compiles a rule package.</summary>
    public static class TableLoader
    {
        /// <param name="nowMs">Monotonic time, for configured list entries with a timeout.</param>
        /// <param name="keepSource">Keep the source text in <paramref name="package"/>.</param>
        public static PackageResult Load(IByteSource source, TableLimits limits, long nowMs, bool keepSource,
            out Table? table, out RulePackage? package)
        {
            table = null;
            PackageReader reader = new PackageReader(limits);
            reader.KeepSource = keepSource;
            PackageResult read = reader.Read(source, out package);
            if (!read.IsOk) return read;
            return RuleCompiler.Compile(package!.RuleSet, limits, package.TableId, nowMs, out table);
        }

        /// <summary>Compiles a RuleSet built in memory (console edits, tests), computing its table id.</summary>
        public static PackageResult Compile(RuleSet rules, TableLimits limits, long nowMs, out Table? table)
        {
            return RuleCompiler.Compile(rules, limits, PackageWriter.TableIdOf(rules), nowMs, out table);
        }
    }
}
