// Reads a rule package from a byte stream into a RuleSet, refusing anything malformed, truncated,
// oversized, of another version, altered (table id) or semantically invalid, with a reason and a byte
// offset. Counts are bounded by the TableLimits while reading, so a hostile package cannot fill the heap.
using Gateway.Core.Model;
using Gateway.Core.Tables;
using Gateway.Core.Text;

namespace Gateway.Core.Package
{
    /// <summary>The portable, streaming, bounded rule package reader.</summary>
    public sealed class PackageReader
    {
        private readonly TableLimits _limits;
        private JsonReader _json = null!; // one per Read

        /// <param name="limits">Bounds on rules, entries and forwards per family while reading.</param>
        public PackageReader(TableLimits limits) { _limits = limits; }

        /// <summary>Keep the source text (PC, console <c>pull</c>); the device may skip it to save heap.</summary>
        public bool KeepSource { get; set; } = true;

        /// <summary>Largest package accepted, in bytes.</summary>
        public int MaxBytes { get; set; } = Capacity.MaxPackageBytes;

        /// <summary>Reads one package. Never throws on bad input.</summary>
        /// <param name="package">The package, or null when refused.</param>
        public PackageResult Read(IByteSource source, out RulePackage? package)
        {
            package = null;
            _json = new JsonReader(source, MaxBytes, 64);
            RuleSet rules = new RuleSet();
            string? format = null, tableId = null, sourceId = null, file = null, text = null;
            string actualSourceId = "";
            long version = -1;
            bool sawRuleSet = false, sawSource = false;
            int seenMembers = 0;

            if (!Expect(JsonToken.BeginObject, "a package is a JSON object")) return Failed();
            while (true)
            {
                JsonToken t = _json.Next();
                if (t == JsonToken.EndObject) break;
                if (t != JsonToken.PropertyName) return Failed();
                int nameAt = _json.TokenOffset;
                int member = MemberIndex();
                if (member >= 0 && (seenMembers & (1 << member)) != 0) return Fail(PackageError.BadValue, nameAt, "member " + _json.StringValue() + " given twice");
                if (member >= 0) seenMembers |= 1 << member;
                if (_json.StringEquals(PackageFormat.Format))
                {
                    if (!ExpectString(out format)) return Failed();
                    if (format != PackageFormat.FormatName) return Fail(PackageError.UnsupportedVersion, nameAt, "not a gateway rule package (format " + format + ")");
                }
                else if (_json.StringEquals(PackageFormat.VersionMember))
                {
                    if (_json.Next() != JsonToken.Number) return Fail(PackageError.BadValue, _json.TokenOffset, "version must be a number");
                    version = _json.Number;
                    if (version != PackageFormat.Version)
                        return Fail(PackageError.UnsupportedVersion, _json.TokenOffset, "package version " + DecimalText.ToText(version) + ", this firmware reads version " + DecimalText.ToText(PackageFormat.Version));
                }
                else if (_json.StringEquals(PackageFormat.TableId))
                {
                    if (!ExpectString(out tableId)) return Failed();
                    if (!IsTableId(tableId!)) return Fail(PackageError.BadValue, _json.TokenOffset, "table-id must be 16 hex digits");
                }
                else if (_json.StringEquals(PackageFormat.SourceId))
                {
                    if (!ExpectString(out sourceId)) return Failed();
                    if (!IsTableId(sourceId!)) return Fail(PackageError.BadValue, _json.TokenOffset, "source-id must be 16 hex digits");
                }
                else if (_json.StringEquals(PackageFormat.Source))
                {
                    if (!ReadSource(out file, out text, out actualSourceId)) return Failed();
                    sawSource = true;
                }
                else if (_json.StringEquals(PackageFormat.RuleSet))
                {
                    if (!ReadRuleSet(rules)) return Failed();
                    sawRuleSet = true;
                }
                else return Fail(PackageError.UnknownField, nameAt, "unknown package member " + _json.StringValue());
            }
            if (_json.Next() != JsonToken.End) return Failed();
            if (format == null || version < 0) return Fail(PackageError.UnsupportedVersion, 0, "format or version missing: not a gateway rule package");
            if (tableId == null || sourceId == null || !sawRuleSet || !sawSource) return Fail(PackageError.BadValue, 0, "package needs table-id, source-id, source and ruleset");

            string actualId = PackageWriter.TableIdOf(rules);
            if (actualId != tableId) return Fail(PackageError.TableIdMismatch, 0, "table-id " + tableId + " does not match the rules (" + actualId + ")");
            if (actualSourceId != sourceId)
                return Fail(PackageError.SourceIdMismatch, 0, "source-id " + sourceId + " does not match the source (" + actualSourceId + "): the source text is not the one these rules were compiled from");
            PackageResult valid = RuleSetValidator.Validate(rules);
            if (!valid.IsOk) return valid;
            package = new RulePackage(rules, tableId, file ?? "", text);
            return PackageResult.Ok();
        }

        // The file name comes before the text (as the writer puts them), so both can be hashed as they are
        // read into the source id, even when the text itself is not kept.
        private bool ReadSource(out string? file, out string? text, out string sourceId)
        {
            file = null;
            text = null;
            sourceId = "";
            Fnv64Sink hash = new Fnv64Sink();
            bool sawText = false;
            if (!Expect(JsonToken.BeginObject, "source must be an object")) return false;
            while (true)
            {
                JsonToken t = _json.Next();
                if (t == JsonToken.EndObject) break;
                if (t != JsonToken.PropertyName) return false;
                if (_json.StringEquals(PackageFormat.SourceFile))
                {
                    if (file != null || sawText) { _json.Fail(PackageError.BadValue, _json.TokenOffset, "source file must come once, before the text"); return false; }
                    _json.StringLimit = Capacity.MaxNameChars;
                    if (!ExpectString(out file)) return false;
                    hash.Append(file!);
                    hash.Append('\n');
                }
                else if (_json.StringEquals(PackageFormat.SourceText))
                {
                    if (file == null || sawText) { _json.Fail(PackageError.BadValue, _json.TokenOffset, "source text must come once, after the file"); return false; }
                    _json.StringLimit = Capacity.MaxSourceChars;
                    _json.KeepString = KeepSource;
                    _json.StringSink = hash;
                    JsonToken token = _json.Next();
                    _json.StringSink = null;
                    if (token != JsonToken.String) { BadValueUnlessFailed("source text must be a string"); return false; }
                    if (KeepSource) text = _json.StringValue();
                    sawText = true;
                }
                else { _json.Fail(PackageError.UnknownField, _json.TokenOffset, "unknown source member " + _json.StringValue()); return false; }
            }
            if (file == null || !sawText) { _json.Fail(PackageError.BadValue, _json.TokenOffset, "source needs file and text"); return false; }
            sourceId = Fnv64Sink.ToHex(hash.Hash);
            return true;
        }

        private bool ReadRuleSet(RuleSet rules)
        {
            if (!Expect(JsonToken.BeginObject, "ruleset must be an object")) return false;
            bool sawIpv4 = false, sawIpv6 = false, sawLists = false, sawMembers = false, sawSpa = false;
            while (true)
            {
                JsonToken t = _json.Next();
                if (t == JsonToken.EndObject) return true;
                if (t != JsonToken.PropertyName) return false;
                bool isIpv4 = _json.StringEquals(PackageFormat.Ipv4);
                bool isIpv6 = _json.StringEquals(PackageFormat.Ipv6);
                if ((isIpv4 && sawIpv4) || (isIpv6 && sawIpv6)) { _json.Fail(PackageError.BadValue, _json.TokenOffset, "family given twice"); return false; }
                sawIpv4 |= isIpv4;
                sawIpv6 |= isIpv6;
                bool isLists = _json.StringEquals(PackageFormat.InterfaceList);
                bool isMembers = _json.StringEquals(PackageFormat.InterfaceListMember);
                if ((isLists && sawLists) || (isMembers && sawMembers)) { _json.Fail(PackageError.BadValue, _json.TokenOffset, "interface list menu given twice"); return false; }
                sawLists |= isLists;
                sawMembers |= isMembers;
                if (isIpv4) { if (!ReadFamily(rules.Ipv4)) return false; }
                else if (isIpv6) { if (!ReadFamily(rules.Ipv6)) return false; }
                else if (isLists || isMembers) { if (!ReadInterfaceLists(rules.InterfaceLists, isLists)) return false; }
                else if (_json.StringEquals(PackageFormat.Spa) && !sawSpa) { sawSpa = true; if (!ReadSpaDoors(rules.Spa)) return false; }
                else { _json.Fail(PackageError.UnknownField, _json.TokenOffset, "unknown ruleset member " + _json.StringValue() + " (ip, ipv6, interface-list, interface-list-member or spa, each once)"); return false; }
            }
        }

        private bool ReadFamily(FamilyRules f)
        {
            if (!Expect(JsonToken.BeginObject, "a family must be an object")) return false;
            int seen = 0;
            while (true)
            {
                JsonToken t = _json.Next();
                if (t == JsonToken.EndObject) return true;
                if (t != JsonToken.PropertyName) return false;
                PackageMenu menu;
                if (_json.StringEquals(PackageFormat.Filter)) menu = PackageMenu.Filter;
                else if (_json.StringEquals(PackageFormat.AddressList)) menu = PackageMenu.AddressList;
                else if (_json.StringEquals(PackageFormat.Nat)) menu = PackageMenu.Nat;
                else if (_json.StringEquals(PackageFormat.Raw)) menu = PackageMenu.Raw;
                else { _json.Fail(PackageError.UnknownField, _json.TokenOffset, "unknown menu " + _json.StringValue() + " (filter, address-list, nat or raw)"); return false; }
                if (!Expect(JsonToken.BeginArray, "a menu must be an array")) return false;
                if ((seen & (1 << (int)menu)) != 0) { _json.Fail(PackageError.BadValue, _json.TokenOffset, "menu given twice"); return false; }
                seen |= 1 << (int)menu;
                while (true)
                {
                    t = _json.Next();
                    if (t == JsonToken.EndArray) break;
                    if (t != JsonToken.BeginObject) { BadValueUnlessFailed("menu items must be objects"); return false; }
                    if (!ReadItem(f, menu, _json.TokenOffset)) return false;
                }
            }
        }

        // /interface list or its members: an array of "name":"value" objects, bounded like the interfaces.
        private bool ReadInterfaceLists(InterfaceLists lists, bool isLists)
        {
            if (!Expect(JsonToken.BeginArray, "an interface list menu must be an array")) return false;
            int max = _limits.MaxInterfaces * Capacity.InterfaceListsPerInterface;
            while (true)
            {
                JsonToken t = _json.Next();
                if (t == JsonToken.EndArray) return true;
                if (t != JsonToken.BeginObject) { BadValueUnlessFailed("menu items must be objects"); return false; }
                int at = _json.TokenOffset;
                int count = isLists ? lists.ListCount : lists.MemberCount;
                if (count == max) return OverLimit(at, isLists ? "interface lists" : "interface list members", count + 1, max);
                InterfaceList? list = isLists ? new InterfaceList { SourceOffset = at } : null;
                InterfaceListMember? member = isLists ? null : new InterfaceListMember { SourceOffset = at };
                string[] names = isLists ? InterfaceListProperties.ListNames : InterfaceListProperties.MemberNames;
                long seen = 0;
                while (true)
                {
                    int next = NextStringProperty(names, ref seen, out string name, out int nameAt, out int valueAt);
                    if (next == ItemEnd) break;
                    if (next == ItemFailed) return false;
                    string error;
                    PropertyError e = isLists ? InterfaceListProperties.SetList(list!, name, _json.StringValue(), out error)
                        : InterfaceListProperties.SetMember(member!, name, _json.StringValue(), out error);
                    if (e == PropertyError.UnknownProperty) { _json.Fail(PackageError.UnknownField, nameAt, error); return false; }
                    if (e != PropertyError.None) { _json.Fail(PackageError.BadValue, valueAt, error); return false; }
                }
                if (list != null) lists.AddList(list); else lists.AddMember(member!);
            }
        }

        // /spa: an array of "name":"value" objects, one per door.
        private bool ReadSpaDoors(SpaDoors doors)
        {
            if (!Expect(JsonToken.BeginArray, "spa must be an array")) return false;
            while (true)
            {
                JsonToken t = _json.Next();
                if (t == JsonToken.EndArray) return true;
                if (t != JsonToken.BeginObject) { BadValueUnlessFailed("spa doors must be objects"); return false; }
                int at = _json.TokenOffset;
                if (doors.Count == Capacity.MaxSpaDoors) return OverLimit(at, "spa doors", doors.Count + 1, Capacity.MaxSpaDoors);
                SpaDoor door = new SpaDoor { SourceOffset = at };
                long seen = 0;
                while (true)
                {
                    int next = NextStringProperty(SpaDoorProperties.Names, ref seen, out string name, out int nameAt, out int valueAt);
                    if (next == ItemEnd) break;
                    if (next == ItemFailed) return false;
                    PropertyError e = SpaDoorProperties.Set(door, name, _json.StringValue(), out string error);
                    if (e == PropertyError.UnknownProperty) { _json.Fail(PackageError.UnknownField, nameAt, error); return false; }
                    if (e != PropertyError.None) { _json.Fail(PackageError.BadValue, valueAt, error); return false; }
                }
                doors.Add(door);
            }
        }

        private const int ItemProperty = 1, ItemEnd = 0, ItemFailed = -1;

        // The next "name":"string" of an item whose properties are all strings (interface lists, spa doors): its
        // name and where name and value begin (the value is the current token); ItemEnd at the item's end.
        private int NextStringProperty(string[] names, ref long seen, out string name, out int nameAt, out int valueAt)
        {
            name = "";
            nameAt = valueAt = 0;
            JsonToken t = _json.Next();
            if (t == JsonToken.EndObject) return ItemEnd;
            if (t != JsonToken.PropertyName) return ItemFailed;
            nameAt = _json.TokenOffset;
            name = _json.StringValue();
            if (GivenTwice(names, name, nameAt, ref seen)) return ItemFailed;
            if (_json.Next() != JsonToken.String) { BadValueUnlessFailed(name + " must be a string"); return ItemFailed; }
            valueAt = _json.TokenOffset;
            return ItemProperty;
        }

        // Marks a known property name as seen (one bit each: the filter has more than 32); true, with the
        // failure recorded, when it was seen already in this item.
        private bool GivenTwice(string[] names, string name, int nameAt, ref long seen)
        {
            int bit = RuleProperties.IndexOf(names, name);
            if (bit < 0) return false;
            if ((seen & (1L << bit)) != 0) { _json.Fail(PackageError.BadValue, nameAt, name + " given twice"); return true; }
            seen |= 1L << bit;
            return false;
        }

        // One rule, entry or forward: "name":"value" pairs applied through the shared property tables.
        private bool ReadItem(FamilyRules f, PackageMenu menu, int at)
        {
            Rule? rule = null;
            ListEntry? entry = null;
            Forward? forward = null;
            if (menu == PackageMenu.Filter || menu == PackageMenu.Raw)
            {
                int rules = f.RuleCount + f.Raw.RuleCount;
                if (rules == _limits.MaxRules) return OverLimit(at, "rules", rules + 1, _limits.MaxRules);
                rule = new Rule();
                rule.SourceOffset = at;
            }
            else if (menu == PackageMenu.AddressList)
            {
                int max = _limits.ListRangeEntries + (f.Family == Family.Ipv4 ? _limits.Ipv4ListEntries : _limits.Ipv6ListEntries);
                if (f.EntryCount == max) return OverLimit(at, "address-list entries", f.EntryCount + 1, max);
                entry = new ListEntry();
                entry.SourceOffset = at;
            }
            else
            {
                if (f.ForwardCount == _limits.MaxForwards) return OverLimit(at, "forwards", f.ForwardCount + 1, _limits.MaxForwards);
                forward = new Forward();
                forward.SourceOffset = at;
            }
            string[] names = rule != null ? RuleProperties.Names : menu == PackageMenu.AddressList ? EntryProperties.Names : ForwardProperties.Names;
            long seen = 0;
            while (true)
            {
                JsonToken t = _json.Next();
                if (t == JsonToken.EndObject) break;
                if (t != JsonToken.PropertyName) return false;
                int nameAt = _json.TokenOffset;
                string name = _json.StringValue();
                if (GivenTwice(names, name, nameAt, ref seen)) return false;
                t = _json.Next();
                int valueAt = _json.TokenOffset;
                string value;
                if (t == JsonToken.String) value = _json.StringValue();
                else if (t == JsonToken.Number && _json.Number >= 0) value = DecimalText.ToText(_json.Number);
                else { BadValueUnlessFailed(name + " must be a string"); return false; }
                string error;
                PropertyError e = rule != null ? RuleProperties.Set(rule, f.Family, name, value, out error)
                    : menu == PackageMenu.AddressList ? EntryProperties.Set(entry!, f.Family, name, value, out error)
                    : ForwardProperties.Set(forward!, f.Family, name, value, out error);
                if (e == PropertyError.UnknownProperty) { _json.Fail(PackageError.UnknownField, nameAt, error); return false; }
                if (e == PropertyError.NotSupported) { _json.Fail(PackageError.NotSupported, nameAt, error); return false; }
                if (e == PropertyError.BadValue) { _json.Fail(PackageError.BadValue, valueAt, error); return false; }
            }
            if (rule != null && menu == PackageMenu.Raw) f.Raw.AddRule(rule);
            else if (rule != null) f.AddRule(rule);
            if (entry != null) f.AddEntry(entry);
            if (forward != null) f.AddForward(forward);
            return true;
        }

        private bool OverLimit(int at, string what, long actual, long limit)
        {
            _overLimit = PackageResult.OverLimit(PackageError.OverCapacity, at, what, actual, limit);
            _json.Fail(PackageError.OverCapacity, at, _overLimit.Message);
            return false;
        }

        private PackageResult? _overLimit;

        private bool Expect(JsonToken token, string message)
        {
            if (_json.Next() == token) return true;
            BadValueUnlessFailed(message);
            return false;
        }

        private bool ExpectString(out string? value)
        {
            value = null;
            if (_json.Next() != JsonToken.String) { BadValueUnlessFailed("expected a string"); return false; }
            value = _json.StringValue();
            return true;
        }

        // A well-formed token of the wrong kind is a bad value; a syntax error already recorded stays.
        private void BadValueUnlessFailed(string message)
        {
            _json.Fail(PackageError.BadValue, _json.TokenOffset, message);
        }

        private PackageResult Failed()
        {
            if (_json.Error == PackageError.OverCapacity && _overLimit != null) return _overLimit;
            if (_json.Error == PackageError.None) _json.Fail(PackageError.Syntax, _json.TokenOffset, "unexpected token");
            return PackageResult.Fail(_json.Error, _json.ErrorOffset, _json.ErrorMessage);
        }

        private PackageResult Fail(PackageError error, int offset, string message)
        {
            _json.Fail(error, offset, message);
            return Failed();
        }

        private int MemberIndex()
        {
            if (_json.StringEquals(PackageFormat.Format)) return 0;
            if (_json.StringEquals(PackageFormat.VersionMember)) return 1;
            if (_json.StringEquals(PackageFormat.TableId)) return 2;
            if (_json.StringEquals(PackageFormat.Source)) return 3;
            if (_json.StringEquals(PackageFormat.RuleSet)) return 4;
            if (_json.StringEquals(PackageFormat.SourceId)) return 5;
            return -1;
        }

        private static bool IsTableId(string s)
        {
            if (s.Length != PackageFormat.TableIdChars) return false;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }
            return true;
        }
    }
}
