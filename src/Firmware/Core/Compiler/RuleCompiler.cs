// RuleSet -> Table, on the PC and on the device: validate, count, check every capacity, then allocate
// each array once at its exact size and fill it. A RuleSet that does not fit is refused, naming the
// capacity and how far over it is; the running table is untouched because a new one is only returned.
using Gateway.Core.AddressLists;
using Gateway.Core.Engine;
using Gateway.Core.MatchState;
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Core.Tables;
using Gateway.Core.Text;

namespace Gateway.Core.Compiler
{
    /// <summary>Compiles a validated RuleSet into the engine's tables.</summary>
    public static class RuleCompiler
    {
        /// <summary>Compiles <paramref name="rules"/> within <paramref name="limits"/>.</summary>
        /// <param name="tableId">The RuleSet's content hash, carried into the table.</param>
        /// <param name="nowMs">Monotonic time at load, for configured entries with a timeout.</param>
        /// <param name="table">The new table, or null when refused.</param>
        public static PackageResult Compile(RuleSet rules, TableLimits limits, string tableId, long nowMs, out Table? table)
        {
            table = null;
            PackageResult valid = RuleSetValidator.Validate(rules);
            if (!valid.IsOk) return valid;

            string[] interfaces = StringArrays.New(limits.MaxInterfaces);
            int interfaceCount = 0;
            PackageResult r = CollectInterfaces(rules.Ipv4, interfaces, ref interfaceCount, limits);
            if (r.IsOk) r = CollectInterfaces(rules.Ipv6, interfaces, ref interfaceCount, limits);
            if (r.IsOk) r = CollectInterfaces(rules.Ipv4.Raw, interfaces, ref interfaceCount, limits);
            if (r.IsOk) r = CollectInterfaces(rules.Ipv6.Raw, interfaces, ref interfaceCount, limits);
            if (r.IsOk) r = CollectListMembers(rules, interfaces, ref interfaceCount, limits);
            if (!r.IsOk) return r;
            if (interfaceCount > Capacity.MaxInterfaceIds) return Over("interfaces", interfaceCount, Capacity.MaxInterfaceIds);
            string[] usedInterfaces = StringArrays.New(interfaceCount);
            for (int i = 0; i < interfaceCount; i++) usedInterfaces[i] = interfaces[i];

            int limitRules = CountLimiters(rules.Ipv4) + CountLimiters(rules.Ipv6) + CountLimiters(rules.Ipv4.Raw) + CountLimiters(rules.Ipv6.Raw);
            if (limitRules > limits.MaxLimitRules) return PackageResult.OverLimit(PackageError.OverCapacity, PackageResult.NoOffset, "limit and dst-limit matchers", limitRules, limits.MaxLimitRules);
            int psdRules = CountPsdRules(rules.Ipv4) + CountPsdRules(rules.Ipv6) + CountPsdRules(rules.Ipv4.Raw) + CountPsdRules(rules.Ipv6.Raw);
            if (psdRules > limits.MaxPsdRules) return PackageResult.OverLimit(PackageError.OverCapacity, PackageResult.NoOffset, "psd rules", psdRules, limits.MaxPsdRules);

            int forwardCount = CountForwards(rules.Ipv4) + CountForwards(rules.Ipv6);
            if (forwardCount > limits.MaxForwards) return PackageResult.OverLimit(PackageError.OverCapacity, PackageResult.NoOffset, "forwards", forwardCount, limits.MaxForwards);

            r = CompileFamily(rules.Ipv4, rules.InterfaceLists, limits, usedInterfaces, limits.Ipv4ListEntries, nowMs, out FilterTable? v4, out AddressListStore? v4Lists);
            if (!r.IsOk) return r;
            r = CompileFamily(rules.Ipv6, rules.InterfaceLists, limits, usedInterfaces, limits.Ipv6ListEntries, nowMs, out FilterTable? v6, out AddressListStore? v6Lists);
            if (!r.IsOk) return r;

            Forward[] forwards = new Forward[forwardCount];
            int at = 0;
            at = CopyForwards(rules.Ipv4, forwards, at);
            CopyForwards(rules.Ipv6, forwards, at);
            table = new Table(tableId, usedInterfaces, v4!, v6!, v4Lists!, v6Lists!, forwards);
            return PackageResult.Ok();
        }

        private static PackageResult CompileFamily(FamilyRules f, InterfaceLists interfaceLists, TableLimits limits, string[] interfaces, int listEntries,
            long nowMs, out FilterTable? table, out AddressListStore? store)
        {
            table = null;
            store = null;
            string family = f.Family == Family.Ipv4 ? "IPv4 " : "IPv6 ";

            FamilyRules raw = f.Raw;
            int ruleCount = f.RuleCount + raw.RuleCount;
            if (ruleCount > limits.MaxRules) return Over(family + "rules", ruleCount, limits.MaxRules);
            if (ruleCount > DecisionIndex.MaxRules) return Over(family + "rules", ruleCount, DecisionIndex.MaxRules);
            // Filter built-ins (EntryChain order), raw's two, the filter's custom chains, raw's custom chains.
            string[] chains = StringArrays.New(ruleCount + RuleSet.BuiltInChains.Length + RuleSet.RawChains.Length);
            bool[] rawChain = new bool[chains.Length];
            int chainCount = 0;
            for (int i = 0; i < RuleSet.BuiltInChains.Length; i++) chains[chainCount++] = RuleSet.BuiltInChains[i];
            for (int i = 0; i < f.RuleCount; i++) AddChain(chains, rawChain, ref chainCount, f.RuleAt(i).Chain, false, 0);
            int firstRaw = chainCount;
            if (raw.RuleCount > 0)
                for (int i = 0; i < RuleSet.RawChains.Length; i++) { rawChain[chainCount] = true; chains[chainCount++] = RuleSet.RawChains[i]; }
            for (int i = 0; i < raw.RuleCount; i++) AddChain(chains, rawChain, ref chainCount, raw.RuleAt(i).Chain, true, firstRaw);
            if (chainCount > limits.MaxChains) return Over(family + "chains", chainCount, limits.MaxChains);

            int portSets = 0, portRanges = 0, addressRanges = 0, psdRules = 0;
            string[] lists = StringArrays.New(ruleCount * 3 + f.EntryCount);
            int listCount = 0;
            for (int i = 0; i < ruleCount; i++)
            {
                Rule rule = i < f.RuleCount ? f.RuleAt(i) : raw.RuleAt(i - f.RuleCount);
                CountPorts(rule.SrcPort, ref portSets, ref portRanges);
                CountPorts(rule.DstPort, ref portSets, ref portRanges);
                CountPorts(rule.AnyPort, ref portSets, ref portRanges);
                if (rule.SrcAddress != null) addressRanges++;
                if (rule.DstAddress != null) addressRanges++;
                if (rule.PsdWeightThreshold != 0) psdRules++;
                if (rule.SrcAddressList != null) AddName(lists, ref listCount, rule.SrcAddressList);
                if (rule.DstAddressList != null) AddName(lists, ref listCount, rule.DstAddressList);
                if (rule.AddressList != null) AddName(lists, ref listCount, rule.AddressList);
            }
            int singles = 0, ranges = 0;
            for (int i = 0; i < f.EntryCount; i++)
            {
                ListEntry e = f.EntryAt(i);
                AddName(lists, ref listCount, e.List);
                if (e.IsDisabled) continue;
                if (e.Address!.IsSingle) singles++; else ranges++;
            }
            if (portRanges > limits.MaxPortRanges) return Over(family + "port ranges", portRanges, limits.MaxPortRanges);
            if (addressRanges > limits.MaxAddressMatchers) return Over(family + "address matchers", addressRanges, limits.MaxAddressMatchers);
            if (listCount > limits.MaxLists) return Over(family + "address lists", listCount, limits.MaxLists);
            if (listCount > AddressListStore.MaxLists) return Over(family + "address lists", listCount, AddressListStore.MaxLists);
            if (listEntries > Capacity.MaxListEntries) return Over(family + "address-list entries", listEntries, Capacity.MaxListEntries);
            if (singles > listEntries) return Over(family + "static address-list entries", singles, listEntries);
            if (ranges > limits.ListRangeEntries) return Over(family + "prefix and range list entries", ranges, limits.ListRangeEntries);

            FilterTable t = new FilterTable(f.Family, chainCount, ruleCount, portSets, portRanges, addressRanges, listCount, psdRules, CountLimiters(f) + CountLimiters(raw));
            for (int c = 0; c < chainCount; c++) { t.ChainNames[c] = chains[c]; t.ChainIsRaw[c] = rawChain[c]; }
            if (raw.RuleCount > 0)
            {
                t.RawPrerouting = firstRaw;
                t.RawOutput = firstRaw + 1;
            }
            for (int l = 0; l < listCount; l++) t.ListNames[l] = lists[l];
            Fill(f, t, interfaces, interfaceLists);

            AddressListStore s = new AddressListStore(f.Family, listEntries, limits.ListRangeEntries, listCount);
            for (int l = 0; l < listCount; l++) s.SetGrantsAccess(l, GrantsAccess(f, lists[l]));
            for (int i = 0; i < f.EntryCount; i++)
            {
                ListEntry e = f.EntryAt(i);
                if (!e.IsDisabled) s.AddEntry(t.ListId(e.List), e.Address!, e.TimeoutKind, e.TimeoutMs, nowMs);
            }
            table = t;
            store = s;
            return PackageResult.Ok();
        }

        // Lays the rules out chain by chain, each chain's rules in the order they were added.
        private static void Fill(FamilyRules f, FilterTable t, string[] interfaces, InterfaceLists interfaceLists)
        {
            int[] listMasks = ListMasks(interfaceLists, interfaces);
            bool[] disabled = new bool[t.RuleCount];
            int ruleAt = 0, portSetAt = 0, portRangeAt = 0, addressAt = 0, detectorAt = 0, limiterAt = 0;
            for (int c = 0; c < t.ChainCount; c++)
            {
                t.ChainFirstRule[c] = ruleAt;
                FamilyRules source = t.ChainIsRaw[c] ? f.Raw : f;
                for (int i = 0; i < source.RuleCount; i++)
                {
                    Rule rule = source.RuleAt(i);
                    if (rule.Chain != t.ChainNames[c]) continue;
                    FillRule(rule, t, ruleAt, t.ChainIsRaw[c], interfaces, ref portSetAt, ref portRangeAt, ref addressAt, ref detectorAt);
                    FillRarer(rule, t, ruleAt, listMasks, interfaceLists);
                    FillLimits(rule, t, ruleAt, ref limiterAt);
                    disabled[ruleAt] = rule.IsDisabled;
                    ruleAt++;
                }
                t.ChainRuleCount[c] = ruleAt - t.ChainFirstRule[c];
            }
            t.Index = IndexBuilder.Build(t, disabled);
        }

        private static void FillRule(Rule rule, FilterTable t, int i, bool raw, string[] interfaces,
            ref int portSetAt, ref int portRangeAt, ref int addressAt, ref int detectorAt)
        {
            int match = 0, negate = 0;
            if (rule.Protocol != Protocols.Any) { match |= MatchBits.Protocol; if (rule.IsProtocolNegated) negate |= MatchBits.Protocol; }
            t.Protocol[i] = (short)rule.Protocol;
            t.SrcAddress[i] = PutAddress(rule.SrcAddress, t, ref addressAt, MatchBits.SrcAddress, ref match, ref negate);
            t.DstAddress[i] = PutAddress(rule.DstAddress, t, ref addressAt, MatchBits.DstAddress, ref match, ref negate);
            t.SrcPorts[i] = PutPorts(rule.SrcPort, t, ref portSetAt, ref portRangeAt, MatchBits.SrcPort, ref match, ref negate);
            t.DstPorts[i] = PutPorts(rule.DstPort, t, ref portSetAt, ref portRangeAt, MatchBits.DstPort, ref match, ref negate);
            if (rule.DstPort != null && rule.DstPort.Count == 1)
            {
                // One range: tested inline, without the walk through the port-set pools.
                match = match & ~MatchBits.DstPort | MatchBits.DstPortRange;
                if ((negate & MatchBits.DstPort) != 0) negate = negate & ~MatchBits.DstPort | MatchBits.DstPortRange;
                t.DstPortLow[i] = (ushort)rule.DstPort.LowAt(0);
                t.DstPortHigh[i] = (ushort)rule.DstPort.HighAt(0);
            }
            t.AnyPorts[i] = PutPorts(rule.AnyPort, t, ref portSetAt, ref portRangeAt, MatchBits.AnyPort, ref match, ref negate);
            t.SrcList[i] = PutName(rule.SrcAddressList, rule.IsSrcAddressListNegated, t.ListNames, MatchBits.SrcList, ref match, ref negate);
            t.DstList[i] = PutName(rule.DstAddressList, rule.IsDstAddressListNegated, t.ListNames, MatchBits.DstList, ref match, ref negate);
            t.InInterface[i] = PutName(rule.InInterface, rule.IsInInterfaceNegated, interfaces, MatchBits.InInterface, ref match, ref negate);
            t.OutInterface[i] = PutName(rule.OutInterface, rule.IsOutInterfaceNegated, interfaces, MatchBits.OutInterface, ref match, ref negate);
            if (rule.ConnectionStateMask != 0) match |= MatchBits.ConnectionState;
            t.StateMask[i] = rule.ConnectionStateMask;
            if ((rule.TcpFlagsSet | rule.TcpFlagsClear) != 0) match |= MatchBits.TcpFlags;
            t.FlagsSet[i] = rule.TcpFlagsSet;
            t.FlagsClear[i] = rule.TcpFlagsClear;
            if (rule.PacketSizeMin != Rule.NoSize) { match |= MatchBits.PacketSize; if (rule.IsPacketSizeNegated) negate |= MatchBits.PacketSize; }
            t.SizeMin[i] = rule.PacketSizeMin;
            t.SizeMax[i] = rule.PacketSizeMax;
            t.Psd[i] = FilterTable.NoIndex;
            if (rule.PsdWeightThreshold != 0)
            {
                match |= MatchBits.Psd;
                t.Detectors[detectorAt] = new PortScanDetector(t.Family, rule);
                t.Psd[i] = (short)detectorAt++;
            }
            t.Match[i] = match;
            t.Negate[i] = negate;

            t.Action[i] = (byte)rule.Action;
            short target = FilterTable.NoIndex;
            if (rule.Action == RuleAction.Jump) target = (short)t.ChainIndex(rule.JumpTarget!, raw);
            else if (rule.AddressList != null) target = (short)t.ListId(rule.AddressList);
            t.ActionTarget[i] = target;
            RejectWith familyDefault = t.Family == Family.Ipv4 ? RejectWith.IcmpNetworkUnreachable : RejectWith.IcmpNoRoute;
            t.RejectKind[i] = (byte)(rule.HasRejectWith ? rule.RejectWith : familyDefault);
            t.TimeoutKind[i] = (byte)rule.AddressListTimeoutKind;
            t.TimeoutMs[i] = rule.AddressListTimeoutMs;
            t.Log[i] = rule.Log || rule.Action == RuleAction.Log;
            t.LogPrefix[i] = rule.LogPrefix;
        }

        // The matchers of MatchBits.Rarer, added to the rule's match and negate words.
        private static void FillRarer(Rule rule, FilterTable t, int i, int[] listMasks, InterfaceLists lists)
        {
            int match = t.Match[i], negate = t.Negate[i];
            if (rule.InInterfaceList != null)
            {
                match |= MatchBits.InInterfaceList;
                if (rule.IsInInterfaceListNegated) negate |= MatchBits.InInterfaceList;
                t.InListMask[i] = ListMask(lists, rule.InInterfaceList, listMasks);
            }
            if (rule.OutInterfaceList != null)
            {
                match |= MatchBits.OutInterfaceList;
                if (rule.IsOutInterfaceListNegated) negate |= MatchBits.OutInterfaceList;
                t.OutListMask[i] = ListMask(lists, rule.OutInterfaceList, listMasks);
            }
            if (rule.NatStateMask != 0)
            {
                match |= MatchBits.NatState;
                if (rule.IsNatStateNegated) negate |= MatchBits.NatState;
                t.NatMask[i] = rule.NatStateMask;
            }
            if (rule.SrcAddressTypeMask != 0)
            {
                match |= MatchBits.SrcAddressType;
                if (rule.IsSrcAddressTypeNegated) negate |= MatchBits.SrcAddressType;
                t.SrcTypeMask[i] = rule.SrcAddressTypeMask;
            }
            if (rule.DstAddressTypeMask != 0)
            {
                match |= MatchBits.DstAddressType;
                if (rule.IsDstAddressTypeNegated) negate |= MatchBits.DstAddressType;
                t.DstTypeMask[i] = rule.DstAddressTypeMask;
            }
            if (rule.IcmpTypeLow != Rule.NoIcmp)
            {
                match |= MatchBits.IcmpOptions;
                t.IcmpTypeLow[i] = (byte)rule.IcmpTypeLow;
                t.IcmpTypeHigh[i] = (byte)rule.IcmpTypeHigh;
                t.IcmpCodeLow[i] = (byte)rule.IcmpCodeLow;
                t.IcmpCodeHigh[i] = (byte)rule.IcmpCodeHigh;
            }
            if (rule.Fragment != 0)
            {
                match |= MatchBits.Fragment;
                if (rule.Fragment == 2) negate |= MatchBits.Fragment;
            }
            if (rule.ConnectionLimit != Rule.NoConnectionLimit)
            {
                match |= MatchBits.ConnectionLimit;
                t.ConnLimit[i] = (ushort)rule.ConnectionLimit;
                t.ConnLimitPrefix[i] = (byte)rule.ConnectionLimitPrefix;
            }
            if (rule.TtlCompare != TtlCompare.None)
            {
                match |= MatchBits.Ttl;
                t.TtlCompare[i] = (byte)rule.TtlCompare;
                t.TtlValue[i] = (byte)rule.TtlValue;
            }
            // No packet comes from an IPsec tunnel or shows its source MAC to the filter.
            // (src-mac-address=!MAC holds for every packet: no packet shows that MAC, so it adds no matcher.)
            if (rule.IpsecPolicy == IpsecPolicy.InIpsec || rule.IpsecPolicy == IpsecPolicy.OutIpsec || (rule.SrcMacAddress != null && rule.SrcMacAddress[0] != '!')) match |= MatchBits.Never;
            t.Match[i] = match;
            t.Negate[i] = negate;
        }

        // Each defined interface list's members as a mask over the table's interface ids (bit 31: interfaces no
        // rule names), computed once, in passes: a list is done when every list it names is. RouterOS resolves
        // include, then exclude, then the list's own members. The validator refused loops.
        private static int[] ListMasks(InterfaceLists lists, string[] interfaces)
        {
            int[] masks = new int[lists.ListCount];
            bool[] done = new bool[lists.ListCount];
            for (int pass = 0; pass < lists.ListCount; pass++)
            {
                for (int l = 0; l < lists.ListCount; l++)
                {
                    InterfaceList list = lists.ListAt(l);
                    if (done[l] || !Resolved(lists, list.Include, done) || !Resolved(lists, list.Exclude, done)) continue;
                    int mask = 0;
                    if (list.Include != null)
                        for (int k = 0; k < InterfaceListProperties.CountNames(list.Include); k++) mask |= ListMask(lists, InterfaceListProperties.NameAt(list.Include, k), masks);
                    if (list.Exclude != null)
                        for (int k = 0; k < InterfaceListProperties.CountNames(list.Exclude); k++) mask &= ~ListMask(lists, InterfaceListProperties.NameAt(list.Exclude, k), masks);
                    for (int m = 0; m < lists.MemberCount; m++)
                    {
                        InterfaceListMember member = lists.MemberAt(m);
                        if (member.IsDisabled || member.List != list.Name) continue;
                        for (int id = 0; id < interfaces.Length; id++) if (interfaces[id] == member.Interface) mask |= 1 << id;
                    }
                    masks[l] = mask;
                    done[l] = true;
                }
            }
            return masks;
        }

        private static bool Resolved(InterfaceLists lists, string? names, bool[] done)
        {
            if (names == null) return true;
            for (int k = 0; k < InterfaceListProperties.CountNames(names); k++)
            {
                string name = InterfaceListProperties.NameAt(names, k);
                for (int l = 0; l < lists.ListCount; l++) if (lists.ListAt(l).Name == name && !done[l]) return false;
            }
            return true;
        }

        // A list's mask: all and static hold every interface; none and dynamic none (no dynamic interfaces here).
        private static int ListMask(InterfaceLists lists, string name, int[] masks)
        {
            if (name == InterfaceLists.All || name == InterfaceLists.Static) return -1;
            for (int l = 0; l < lists.ListCount; l++) if (lists.ListAt(l).Name == name) return masks[l];
            return 0;
        }

        private static int PutAddress(AddressMatch? m, FilterTable t, ref int at, int bit, ref int match, ref int negate)
        {
            if (m == null) return FilterTable.NoIndex;
            match |= bit;
            if (m.IsNegated) negate |= bit;
            for (int w = 0; w < t.Words; w++)
            {
                t.AddressLow[at * t.Words + w] = m.Low[w];
                t.AddressHigh[at * t.Words + w] = m.High[w];
            }
            return at++;
        }

        private static int PutPorts(PortSet? ports, FilterTable t, ref int setAt, ref int rangeAt, int bit, ref int match, ref int negate)
        {
            if (ports == null) return FilterTable.NoIndex;
            match |= bit;
            if (ports.IsNegated) negate |= bit;
            t.PortSetFirst[setAt] = rangeAt;
            t.PortSetLength[setAt] = ports.Count;
            for (int i = 0; i < ports.Count; i++)
            {
                t.PortLow[rangeAt] = (ushort)ports.LowAt(i);
                t.PortHigh[rangeAt] = (ushort)ports.HighAt(i);
                rangeAt++;
            }
            return setAt++;
        }

        private static short PutName(string? name, bool negated, string[] names, int bit, ref int match, ref int negate)
        {
            if (name == null) return FilterTable.NoIndex;
            match |= bit;
            if (negated) negate |= bit;
            for (int i = 0; i < names.Length; i++) if (names[i] == name) return (short)i;
            return FilterTable.NoIndex;
        }

        private static void FillLimits(Rule rule, FilterTable t, int i, ref int limiterAt)
        {
            t.Limit[i] = FilterTable.NoIndex;
            t.DstLimit[i] = FilterTable.NoIndex;
            if (rule.Limit != null)
            {
                t.Match[i] |= MatchBits.Limit;
                t.LimiterBytes += 4 + RateLimiter.Bytes(t.Family, DstLimitMode.None);
                t.Limiters[limiterAt] = new RateLimiter(t.Family, rule.Limit);
                t.Limit[i] = (short)limiterAt++;
            }
            if (rule.DstLimit != null)
            {
                t.Match[i] |= MatchBits.DstLimit;
                t.LimiterBytes += 4 + RateLimiter.Bytes(t.Family, rule.DstLimit.Mode);
                t.Limiters[limiterAt] = new RateLimiter(t.Family, rule.DstLimit);
                t.DstLimit[i] = (short)limiterAt++;
            }
        }

        private static int CountLimiters(FamilyRules f)
        {
            int n = 0;
            for (int i = 0; i < f.RuleCount; i++)
            {
                if (f.RuleAt(i).Limit != null) n++;
                if (f.RuleAt(i).DstLimit != null) n++;
            }
            return n;
        }

        private static int CountPsdRules(FamilyRules f)
        {
            int n = 0;
            for (int i = 0; i < f.RuleCount; i++) if (f.RuleAt(i).PsdWeightThreshold != 0) n++;
            return n;
        }

        // A list grants access when an enabled accept rule requires membership of it.
        private static bool GrantsAccess(FamilyRules f, string list)
        {
            for (int i = 0; i < f.RuleCount; i++)
            {
                Rule rule = f.RuleAt(i);
                if (rule.IsDisabled || rule.Action != RuleAction.Accept) continue;
                if ((rule.SrcAddressList == list && !rule.IsSrcAddressListNegated) || (rule.DstAddressList == list && !rule.IsDstAddressListNegated)) return true;
            }
            return false;
        }

        private static PackageResult CollectInterfaces(FamilyRules f, string[] names, ref int count, TableLimits limits)
        {
            for (int i = 0; i < f.RuleCount + f.ForwardCount; i++)
            {
                string? a = i < f.RuleCount ? f.RuleAt(i).InInterface : f.ForwardAt(i - f.RuleCount).InInterface;
                string? b = i < f.RuleCount ? f.RuleAt(i).OutInterface : null;
                if (!AddBounded(names, ref count, a) || !AddBounded(names, ref count, b))
                    return Over("interfaces", count + 1, limits.MaxInterfaces);
            }
            return PackageResult.Ok();
        }

        // The interfaces the lists' enabled members name get ids too (all of them: a list's members are few).
        private static PackageResult CollectListMembers(RuleSet rules, string[] names, ref int count, TableLimits limits)
        {
            InterfaceLists lists = rules.InterfaceLists;
            for (int i = 0; i < lists.MemberCount; i++)
            {
                InterfaceListMember m = lists.MemberAt(i);
                if (!m.IsDisabled && !AddBounded(names, ref count, m.Interface)) return Over("interfaces", count + 1, limits.MaxInterfaces);
            }
            return PackageResult.Ok();
        }

        private static bool AddBounded(string[] names, ref int count, string? name)
        {
            if (name == null) return true;
            for (int i = 0; i < count; i++) if (names[i] == name) return true;
            if (count == names.Length) return false;
            names[count++] = name;
            return true;
        }

        // Adds a chain of one stage (filter or raw) unless that stage has it: from its first chain on.
        private static void AddChain(string[] names, bool[] raw, ref int count, string name, bool isRaw, int from)
        {
            if (isRaw ? RuleSet.IsRawChain(name) : RuleSet.IsBuiltInChain(name)) return;
            for (int i = from; i < count; i++) if (names[i] == name && raw[i] == isRaw) return;
            raw[count] = isRaw;
            names[count++] = name;
        }

        private static void AddName(string[] names, ref int count, string name)
        {
            for (int i = 0; i < count; i++) if (names[i] == name) return;
            names[count++] = name;
        }

        private static void CountPorts(PortSet? ports, ref int sets, ref int ranges)
        {
            if (ports == null) return;
            sets++;
            ranges += ports.Count;
        }

        private static int CountForwards(FamilyRules f)
        {
            int n = 0;
            for (int i = 0; i < f.ForwardCount; i++) if (!f.ForwardAt(i).IsDisabled) n++;
            return n;
        }

        private static int CopyForwards(FamilyRules f, Forward[] into, int at)
        {
            for (int i = 0; i < f.ForwardCount; i++) if (!f.ForwardAt(i).IsDisabled) into[at++] = f.ForwardAt(i);
            return at;
        }

        private static PackageResult Over(string what, long actual, long limit)
        {
            return PackageResult.OverLimit(PackageError.OverCapacity, PackageResult.NoOffset, what, actual, limit);
        }
    }
}
