// The items of the console's current menu as print numbers them: the configured rules, entries or forwards
// in order, then (address lists) the live dynamic entries the rules and the console added. print, where,
// [find] and numbers= all count the same way, so a number seen in print names the item that set changes.
using Gateway.Core.AddressLists;
using Gateway.Core.Model;
using Gateway.Core.Tables;
using Gateway.Core.Text;
using Gateway.Host.RouterOs;

namespace Gateway.Host.Console
{
    /// <summary>A snapshot of one menu's items at one moment (console work: allocates, never on the packet path).</summary>
    internal sealed class MenuItems : IPrintedItems
    {
        private static readonly string[] s_extraNames = { "dynamic", "disabled", "comment", "packets", "bytes" };
        private readonly FamilyRules _rules;
        private readonly RouterOsMenu _menu;
        private readonly Family _family;
        private readonly FilterTable _filter;
        private readonly AddressListStore _lists;
        private readonly int[] _dynamicSlots;
        private readonly long _nowMs;

        public MenuItems(RuleSet rules, Table table, RouterOsMenu menu, Family family, long nowMs)
        {
            _rules = rules.Of(family);
            _menu = menu;
            _family = family;
            _filter = table.Filter(family);
            _lists = table.Lists(family);
            _nowMs = nowMs;
            Configured = menu == RouterOsMenu.Filter ? _rules.RuleCount : menu == RouterOsMenu.AddressList ? _rules.EntryCount : _rules.ForwardCount;
            int dynamic = 0;
            if (menu == RouterOsMenu.AddressList) for (int e = 0; e < _lists.Capacity; e++) if (_lists.IsLiveDynamic(e, nowMs)) dynamic++;
            _dynamicSlots = new int[dynamic];
            dynamic = 0;
            if (menu == RouterOsMenu.AddressList) for (int e = 0; e < _lists.Capacity; e++) if (_lists.IsLiveDynamic(e, nowMs)) _dynamicSlots[dynamic++] = e;
        }

        /// <summary>Items from the rules in force (numbered first).</summary>
        public int Configured { get; }
        /// <summary>All items, configured and dynamic.</summary>
        public int Count { get { return Configured + _dynamicSlots.Length; } }
        public bool IsDynamic(int item) { return item >= Configured; }

        /// <summary>The property names <c>where</c> and <c>[find]</c> may name in this menu.</summary>
        public string[] PropertyNames
        {
            get
            {
                string[] model = _menu == RouterOsMenu.Filter ? RuleProperties.Names : _menu == RouterOsMenu.AddressList ? EntryProperties.Names : ForwardProperties.Names;
                string[] names = StringArrays.New(model.Length + s_extraNames.Length);
                for (int i = 0; i < model.Length; i++) names[i] = model[i];
                for (int i = 0; i < s_extraNames.Length; i++) names[model.Length + i] = s_extraNames[i];
                return names;
            }
        }

        /// <summary>RouterOS's flag letter of the item: X disabled, D dynamic, or a blank.</summary>
        public char Flag(int item)
        {
            if (IsDynamic(item)) return 'D';
            bool disabled = _menu == RouterOsMenu.Filter ? _rules.RuleAt(item).IsDisabled
                : _menu == RouterOsMenu.AddressList ? _rules.EntryAt(item).IsDisabled : _rules.ForwardAt(item).IsDisabled;
            return disabled ? 'X' : ' ';
        }

        /// <summary>The store slot of a dynamic item (address lists).</summary>
        public int SlotOf(int item) { return _dynamicSlots[item - Configured]; }

        /// <summary>Writes the item's properties as print shows them (no counters, no yes/no defaults).</summary>
        public void WriteShown(int item, IPropertyWriter into)
        {
            if (IsDynamic(item))
            {
                int slot = SlotOf(item);
                uint[] address = new uint[4];
                _lists.CopyAddress(slot, address);
                into.Put("list", _filter.ListName(_lists.ListOf(slot)));
                into.Put("address", AddressMatch.OfAddress(_family, address).ToString());
                if (_lists.KindOf(slot) == ListTimeoutKind.Timed) into.Put("timeout", RouterOsTime.ToText(_lists.ExpiresAtMs(slot) - _nowMs));
                return;
            }
            if (_menu == RouterOsMenu.Filter) RuleProperties.Write(_rules.RuleAt(item), into);
            else if (_menu == RouterOsMenu.AddressList) EntryProperties.Write(_rules.EntryAt(item), into);
            else ForwardProperties.Write(_rules.ForwardAt(item), into);
        }

        /// <summary>Fills every property a condition may ask about: the shown ones, disabled and dynamic as
        /// yes/no, and a rule's counters.</summary>
        public void Fill(int item, ItemProperties into)
        {
            into.Clear();
            WriteShown(item, into);
            if (into.Find("disabled") == null) into.Put("disabled", "no");
            into.Put("dynamic", IsDynamic(item) ? "yes" : "no");
            if (_menu != RouterOsMenu.Filter) return;
            into.Put("packets", DecimalText.ToText(PacketsOf(item)));
            into.Put("bytes", DecimalText.ToText(BytesOf(item)));
        }

        /// <summary>A rule's packet counter (0 for a rule of a chain the table does not have).</summary>
        public long PacketsOf(int item)
        {
            int chain = _filter.ChainIndex(_rules.RuleAt(item).Chain);
            return chain < 0 ? 0 : _filter.PacketsOf(chain, _rules.IndexInChain(item));
        }

        public long BytesOf(int item)
        {
            int chain = _filter.ChainIndex(_rules.RuleAt(item).Chain);
            return chain < 0 ? 0 : _filter.BytesOf(chain, _rules.IndexInChain(item));
        }
    }
}
