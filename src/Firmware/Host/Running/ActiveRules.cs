// The rules in force on a gateway and the one way to change them: a new RuleSet (or package) is
// validated, compiled, stored with an atomic commit and only then swapped in; dynamic address-list
// entries carry over to lists of the same name; any failure leaves everything as it was.
using Gateway.Core;
using Gateway.Core.AddressLists;
using Gateway.Core.Compiler;
using Gateway.Core.Defaults;
using Gateway.Core.Engine;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Packets;
using Gateway.Core.Storage;
using Gateway.Core.Tables;
using Gateway.Host.RouterOs;

namespace Gateway.Host.Running
{
    /// <summary>Current RuleSet, table and engine, with storage behind them.</summary>
    public sealed class ActiveRules
    {
        private readonly RuleStore _store;
        private readonly TableLimits _limits;

        public ActiveRules(RuleStore store, TableLimits limits)
        {
            _store = store;
            _limits = limits;
        }

        public RuleSet RuleSet { get; private set; } = new RuleSet();
        public FilterEngine? Engine { get; private set; }
        /// <summary>The id the running table gives the gateway's port (resolved once per swap, not per packet).</summary>
        public int InterfaceId { get; private set; } = Packet.NoInterface;
        public string TableId { get { return Engine == null ? "" : Engine.Table.TableId; } }
        public string SourceFile { get; private set; } = "";
        /// <summary>True when the built-in default rules run because nothing valid was stored.</summary>
        public bool IsDefault { get; private set; }
        /// <summary>Why the stored rules could not be loaded at start, or empty.</summary>
        public string LoadProblem { get; private set; } = "";
        /// <summary>Bumped on every change, so the gateway loop can re-plan its listeners.</summary>
        public int Generation { get; private set; }
        public TableLimits Limits { get { return _limits; } }

        /// <summary>The board's heap budget in bytes; 0 for none. A change whose peak memory during the
        /// swap (see <see cref="MemoryEstimate"/>) exceeds it is refused (<c>over-capacity</c>).</summary>
        public int HeapBudgetBytes { get; set; }

        /// <summary>Largest package an upload may announce (the board's; the core's bound by default).</summary>
        public int MaxPackageBytes { get; set; } = Capacity.MaxPackageBytes;
        public RuleStore Store { get { return _store; } }

        /// <summary>When <see cref="Start"/> ran (the gateway's boot), on the monotonic clock: what uptime counts from.</summary>
        public long StartedAtMs { get; private set; }

        /// <summary>Loads the newest valid stored package, or the built-in default rules.</summary>
        public void Start(long nowMs)
        {
            StartedAtMs = nowMs;
            if (_store.Open())
            {
                PackageResult r = TableLoader.Load(new StoredPackageSource(_store), _limits, nowMs, false, out Table? table, out RulePackage? package);
                if (r.IsOk)
                {
                    Swap(package!.RuleSet, table!, package.SourceFile, false, nowMs);
                    return;
                }
                LoadProblem = "stored rules refused: " + r.ToString();
            }
            RuleSet defaults = new RuleSet();
            RouterOsError? error = new RouterOsImporter(defaults).Import(DefaultRules.Text);
            if (error != null) throw new System.InvalidOperationException("built-in rules: " + error.ToString());
            PackageResult compiled = TableLoader.Compile(defaults, _limits, nowMs, out Table? defaultTable);
            if (!compiled.IsOk) throw new System.InvalidOperationException("built-in rules do not fit: " + compiled.ToString());
            Swap(defaults, defaultTable!, DefaultRules.FileName, true, nowMs);
        }

        /// <summary>Validates, compiles, stores and swaps in a RuleSet edited on the device.</summary>
        /// <param name="sourceFile">Name for the stored source (its text is the RouterOS export).</param>
        public PackageResult Apply(RuleSet rules, string sourceFile, long nowMs)
        {
            PackageResult compiled = TableLoader.Compile(rules, _limits, nowMs, out Table? table);
            if (!compiled.IsOk) return compiled;
            byte[] package = PackageWriter.Write(rules, sourceFile, RouterOsExport.Text(rules));
            return StoreAndSwap(package, package.Length, rules, table!, sourceFile, nowMs);
        }

        /// <summary>Reads, compiles, stores and swaps in an uploaded package.</summary>
        public PackageResult ApplyPackage(byte[] package, int length, long nowMs)
        {
            PackageResult read = TableLoader.Load(new ByteArraySource(package, length), _limits, nowMs, false, out Table? table, out RulePackage? p);
            if (!read.IsOk) return read;
            return StoreAndSwap(package, length, p!.RuleSet, table!, p.SourceFile, nowMs);
        }

        /// <summary>A deep copy of the current rules to edit (through the package form).</summary>
        public RuleSet Copy()
        {
            byte[] bytes = PackageWriter.Write(RuleSet, "", "");
            PackageReader reader = new PackageReader(_limits);
            reader.Read(new ByteArraySource(bytes), out RulePackage? copy);
            return copy!.RuleSet;
        }

        private PackageResult StoreAndSwap(byte[] package, int length, RuleSet rules, Table table, string sourceFile, long nowMs)
        {
            int peak = MemoryEstimate.PeakDuringSwap(table, length);
            if (HeapBudgetBytes > 0 && peak > HeapBudgetBytes)
                return PackageResult.OverLimit(PackageError.OverCapacity, PackageResult.NoOffset, "heap bytes while swapping in", peak, HeapBudgetBytes);
            string? stored = _store.Commit(package, length);
            if (stored != null) return PackageResult.Fail(PackageError.BadValue, PackageResult.NoOffset, "not stored: " + stored);
            Swap(rules, table, sourceFile, false, nowMs);
            return PackageResult.Ok();
        }

        private void Swap(RuleSet rules, Table table, string sourceFile, bool isDefault, long nowMs)
        {
            if (Engine != null)
            {
                CarryOver(Engine.Table, table, Family.Ipv4, nowMs);
                CarryOver(Engine.Table, table, Family.Ipv6, nowMs);
            }
            FilterEngine engine = new FilterEngine(table);
            if (Engine != null) engine.Log = Engine.Log;
            RuleSet = rules;
            Engine = engine;
            InterfaceId = table.InterfaceIndex(Gateway.Core.Model.InterfaceNames.Gateway);
            SourceFile = sourceFile;
            IsDefault = isDefault;
            Generation++;
        }

        // Dynamic entries (RouterOS keeps them across rule edits) move to the list of the same name.
        private static void CarryOver(Table from, Table to, Family family, long nowMs)
        {
            AddressListStore old = from.Lists(family);
            AddressListStore fresh = to.Lists(family);
            uint[] address = new uint[4];
            for (int i = 0; i < old.Capacity; i++)
            {
                if (!old.IsLiveDynamic(i, nowMs)) continue;
                int list = to.Filter(family).ListId(from.Filter(family).ListName(old.ListOf(i)));
                if (list < 0) continue;
                old.CopyAddress(i, address);
                long remaining = old.KindOf(i) == ListTimeoutKind.Timed ? old.ExpiresAtMs(i) - nowMs : 0;
                fresh.AddFromRule(list, address, 0, old.KindOf(i), remaining, nowMs);
            }
        }
    }
}
