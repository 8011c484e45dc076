// Semantic checks of a RuleSet before it is compiled (STYLE.md 5: validate once at the boundary):
// properties that must go together, jump targets and cycles, entry shapes, interface lists that exist.
// An address list a rule matches need not be filled: RouterOS accepts an empty list (a hand-kept allow
// list, a block list the console fills later), and `gateway lint` warns about it once per list.
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Core.Package
{
    /// <summary>Checks that a RuleSet means something RouterOS would run. First problem wins.</summary>
    public static class RuleSetValidator
    {
        public static PackageResult Validate(RuleSet rules)
        {
            PackageResult r = ValidateInterfaceLists(rules.InterfaceLists);
            if (r.IsOk) r = ValidateSpa(rules.Spa);
            if (r.IsOk) r = ValidateFamily(rules.Ipv4, rules.InterfaceLists);
            if (r.IsOk) r = ValidateFamily(rules.Ipv6, rules.InterfaceLists);
            if (r.IsOk) r = ValidateRaw(rules.Ipv4, rules.InterfaceLists);
            return r.IsOk ? ValidateRaw(rules.Ipv6, rules.InterfaceLists) : r;
        }

        // /ip firewall raw: before connection tracking, so no connection matchers; its own actions and chains.
        private static PackageResult ValidateRaw(FamilyRules family, InterfaceLists interfaceLists)
        {
            FamilyRules f = family.Raw;
            for (int i = 0; i < f.RuleCount; i++)
            {
                Rule rule = f.RuleAt(i);
                RuleAction a = rule.Action;
                if (a == RuleAction.Reject || a == RuleAction.Tarpit || a == RuleAction.FasttrackConnection)
                    return Fail(PackageError.BadValue, rule, "action=" + RuleProperties.ActionName(a) + " is not a raw action (accept, drop, notrack, jump, return, add-src-to-address-list, add-dst-to-address-list, log, passthrough)");
                if (rule.ConnectionStateMask != 0 || rule.NatStateMask != 0 || rule.ConnectionLimit != Rule.NoConnectionLimit)
                    return Fail(PackageError.BadValue, rule, (rule.ConnectionStateMask != 0 ? "connection-state" : rule.NatStateMask != 0 ? "connection-nat-state" : "connection-limit")
                        + " is not a raw matcher: raw runs before connection tracking");
                if (RuleSet.IsBuiltInChain(rule.Chain) && rule.Chain != "output") return Fail(PackageError.BadValue, rule, "raw chain " + rule.Chain + " is a filter chain; raw has prerouting and output");
                PackageResult r = ValidateRule(f, rule, interfaceLists);
                if (!r.IsOk) return r;
            }
            return CheckJumpCycles(f);
        }

        private static PackageResult ValidateInterfaceLists(InterfaceLists lists)
        {
            for (int i = 0; i < lists.ListCount; i++)
            {
                InterfaceList list = lists.ListAt(i);
                if (!PropertyValues.IsValidName(list.Name) || InterfaceLists.IsBuiltIn(list.Name)) return Fail(list, "interface list without a name of its own");
                for (int j = 0; j < i; j++) if (lists.ListAt(j).Name == list.Name) return Fail(list, "interface list " + list.Name + " defined twice");
                PackageResult r = CheckListNames(lists, list, list.Include, "include");
                if (r.IsOk) r = CheckListNames(lists, list, list.Exclude, "exclude");
                if (!r.IsOk) return r;
            }
            for (int i = 0; i < lists.MemberCount; i++)
            {
                InterfaceListMember m = lists.MemberAt(i);
                if (m.List.Length == 0 || m.Interface.Length == 0) return PackageResult.At(PackageError.BadValue, m.SourceOffset, m.SourceLine, m.SourceColumn, "interface list member needs list and interface");
                if (lists.Find(m.List) == null)
                    return PackageResult.At(PackageError.UnknownList, m.SourceOffset, m.SourceLine, m.SourceColumn, "interface list member of " + m.List + ": no such /interface list" + (InterfaceLists.IsBuiltIn(m.List) ? " (" + m.List + " is built in and takes no members)" : ""));
            }
            // include= and exclude= must not lead back to a list: resolve lists in passes (a list resolves once
            // every list it names has); what is left after a pass that resolves nothing is on a loop.
            bool[] resolved = new bool[lists.ListCount];
            for (int pass = 0; pass < lists.ListCount; pass++)
            {
                bool progress = false;
                for (int i = 0; i < lists.ListCount; i++)
                {
                    if (resolved[i] || !NamesResolved(lists, lists.ListAt(i).Include, resolved) || !NamesResolved(lists, lists.ListAt(i).Exclude, resolved)) continue;
                    resolved[i] = true;
                    progress = true;
                }
                if (!progress) break;
            }
            for (int i = 0; i < lists.ListCount; i++)
                if (!resolved[i]) return Fail(lists.ListAt(i), "interface list " + lists.ListAt(i).Name + " includes or excludes itself through other lists");
            return PackageResult.Ok();
        }

        private static PackageResult CheckListNames(InterfaceLists lists, InterfaceList list, string? names, string what)
        {
            if (names == null) return PackageResult.Ok();
            int count = InterfaceListProperties.CountNames(names);
            for (int k = 0; k < count; k++)
            {
                string name = InterfaceListProperties.NameAt(names, k);
                if (!lists.Exists(name)) return Fail(list, what + "=" + name + ": no such interface list");
            }
            return PackageResult.Ok();
        }

        private static bool NamesResolved(InterfaceLists lists, string? names, bool[] resolved)
        {
            if (names == null) return true;
            int count = InterfaceListProperties.CountNames(names);
            for (int k = 0; k < count; k++)
            {
                string name = InterfaceListProperties.NameAt(names, k);
                for (int j = 0; j < lists.ListCount; j++) if (lists.ListAt(j).Name == name && !resolved[j]) return false;
            }
            return true;
        }

        private static PackageResult ValidateFamily(FamilyRules f, InterfaceLists interfaceLists)
        {
            for (int i = 0; i < f.RuleCount; i++)
            {
                PackageResult r = ValidateRule(f, f.RuleAt(i), interfaceLists);
                if (!r.IsOk) return r;
            }
            for (int i = 0; i < f.EntryCount; i++)
            {
                ListEntry e = f.EntryAt(i);
                if (e.List.Length == 0) return Fail(PackageError.BadValue, e, "address-list entry without list");
                if (e.Address == null) return Fail(PackageError.BadValue, e, "address-list entry without address");
                for (int j = 0; j < i; j++)
                {
                    ListEntry other = f.EntryAt(j);
                    if (other.List == e.List && other.Address != null && SameRange(other.Address, e.Address))
                        return Fail(PackageError.DuplicateEntry, e, "already have such entry: " + e.Address.ToString() + " in " + e.List);
                }
            }
            for (int i = 0; i < f.ForwardCount; i++)
            {
                Forward fw = f.ForwardAt(i);
                if (fw.Protocol == Protocols.Any || fw.DstPort < 0 || fw.ToAddress == null)
                    return Fail(PackageError.BadValue, fw, "a forward needs protocol, dst-port and to-addresses");
            }
            return CheckJumpCycles(f);
        }

        private static PackageResult ValidateRule(FamilyRules f, Rule rule, InterfaceLists interfaceLists)
        {
            if (!PropertyValues.IsValidName(rule.Chain)) return Fail(PackageError.BadValue, rule, "rule without chain");
            bool tcpOrUdp = !rule.IsProtocolNegated && (rule.Protocol == Protocols.Tcp || rule.Protocol == Protocols.Udp);
            if ((rule.SrcPort != null || rule.DstPort != null || rule.AnyPort != null) && !tcpOrUdp)
                return Fail(PackageError.BadValue, rule, "port matchers need protocol=tcp or protocol=udp");
            if ((rule.TcpFlagsSet | rule.TcpFlagsClear) != 0 && (rule.Protocol != Protocols.Tcp || rule.IsProtocolNegated))
                return Fail(PackageError.BadValue, rule, "tcp-flags needs protocol=tcp");

            if (rule.Action == RuleAction.Notrack && !f.IsRaw) return Fail(PackageError.BadValue, rule, "action=notrack is only for /ip firewall raw");
            bool adds = rule.Action == RuleAction.AddSrcToAddressList || rule.Action == RuleAction.AddDstToAddressList;
            if (adds && rule.AddressList == null) return Fail(PackageError.BadValue, rule, "action " + RuleProperties.ActionName(rule.Action) + " needs address-list");
            if (!adds && rule.AddressList != null) return Fail(PackageError.BadValue, rule, "address-list is only for add-src-to-address-list and add-dst-to-address-list");
            if (!adds && rule.AddressListTimeoutKind != ListTimeoutKind.NoneDynamic) return Fail(PackageError.BadValue, rule, "address-list-timeout is only for add-src-to-address-list and add-dst-to-address-list");
            if (rule.Action != RuleAction.Reject && rule.HasRejectWith) return Fail(PackageError.BadValue, rule, "reject-with is only for action=reject");
            if (rule.Action == RuleAction.Reject && rule.HasRejectWith)
            {
                PackageResult r = CheckRejectWith(f.Family, rule);
                if (!r.IsOk) return r;
            }
            if (rule.Action == RuleAction.Tarpit && (f.Family != Family.Ipv4 || rule.Protocol != Protocols.Tcp || rule.IsProtocolNegated))
                return Fail(PackageError.BadValue, rule, "tarpit needs IPv4 and protocol=tcp");
            if (rule.Action != RuleAction.Jump && rule.JumpTarget != null) return Fail(PackageError.BadValue, rule, "jump-target is only for action=jump");
            if (rule.Action == RuleAction.Jump)
            {
                if (rule.JumpTarget == null) return Fail(PackageError.BadValue, rule, "action=jump needs jump-target");
                if (f.IsRaw ? RuleSet.IsRawChain(rule.JumpTarget) : RuleSet.IsBuiltInChain(rule.JumpTarget)) return Fail(PackageError.UnknownChain, rule, "jump-target " + rule.JumpTarget + " is a built-in chain; jump to a custom chain");
                if (!HasChain(f, rule.JumpTarget)) return Fail(PackageError.UnknownChain, rule, "jump-target " + rule.JumpTarget + " names a chain with no rules");
            }
            if (rule.InInterfaceList != null && !interfaceLists.Exists(rule.InInterfaceList))
                return Fail(PackageError.UnknownList, rule, "in-interface-list " + rule.InInterfaceList + ": no such interface list (add it under /interface list; built in: all, none, dynamic, static)");
            if (rule.OutInterfaceList != null && !interfaceLists.Exists(rule.OutInterfaceList))
                return Fail(PackageError.UnknownList, rule, "out-interface-list " + rule.OutInterfaceList + ": no such interface list (add it under /interface list; built in: all, none, dynamic, static)");
            int icmp = f.Family == Family.Ipv4 ? Protocols.Icmp : Protocols.Icmpv6;
            if (rule.IcmpTypeLow != Rule.NoIcmp && (rule.Protocol != icmp || rule.IsProtocolNegated))
                return Fail(PackageError.BadValue, rule, f.Family == Family.Ipv4 ? "icmp-options needs protocol=icmp" : "icmp-options needs protocol=icmpv6");
            return PackageResult.Ok();
        }

        private static PackageResult CheckRejectWith(Family family, Rule rule)
        {
            RejectWith k = rule.RejectWith;
            if (k == RejectWith.TcpReset && (rule.Protocol != Protocols.Tcp || rule.IsProtocolNegated))
                return Fail(PackageError.BadValue, rule, "reject-with=tcp-reset needs protocol=tcp");
            bool v6Only = k == RejectWith.IcmpNoRoute || k == RejectWith.IcmpAddressUnreachable;
            bool v4Only = k == RejectWith.IcmpNetworkUnreachable || k == RejectWith.IcmpHostUnreachable || k == RejectWith.IcmpProtocolUnreachable
                || k == RejectWith.IcmpNetworkProhibited || k == RejectWith.IcmpHostProhibited;
            if ((family == Family.Ipv4 && v6Only) || (family == Family.Ipv6 && v4Only))
                return Fail(PackageError.BadValue, rule, "reject-with=" + RuleProperties.RejectWithName(k) + " does not exist for " + (family == Family.Ipv4 ? "IPv4" : "IPv6"));
            return PackageResult.Ok();
        }

        private static PackageResult Fail(PackageError error, Rule rule, string message)
        {
            return PackageResult.At(error, rule.SourceOffset, rule.SourceLine, rule.SourceColumn, message);
        }

        private static PackageResult Fail(PackageError error, ListEntry entry, string message)
        {
            return PackageResult.At(error, entry.SourceOffset, entry.SourceLine, entry.SourceColumn, message);
        }

        private static PackageResult Fail(PackageError error, Forward forward, string message)
        {
            return PackageResult.At(error, forward.SourceOffset, forward.SourceLine, forward.SourceColumn, message);
        }

        private static bool HasChain(FamilyRules f, string chain)
        {
            for (int i = 0; i < f.RuleCount; i++) if (f.RuleAt(i).Chain == chain) return true;
            return false;
        }

        /// <summary>True when a rule adds to the list or an entry is written for it (else it starts empty).</summary>
        public static bool IsFilled(FamilyRules f, string list)
        {
            for (int i = 0; i < f.RuleCount; i++) if (f.RuleAt(i).AddressList == list) return true;
            for (int i = 0; i < f.EntryCount; i++) if (f.EntryAt(i).List == list) return true;
            return !f.IsRaw && IsFilled(f.Raw, list);
        }

        // A door needs a name of its own (its grant lists carry it) and something to open.
        private static PackageResult ValidateSpa(SpaDoors doors)
        {
            for (int i = 0; i < doors.Count; i++)
            {
                SpaDoor d = doors.At(i);
                string? why = d.Name.Length == 0 ? "spa door needs name="
                    : doors.Find(d.Name) != d ? "spa door " + d.Name + " is defined twice"
                    : d.OpenCount == 0 ? "spa door " + d.Name + " needs open= (what a request may open: open=tcp/22)" : null;
                if (why != null) return PackageResult.At(PackageError.BadValue, d.SourceOffset, d.SourceLine, d.SourceColumn, why);
            }
            return PackageResult.Ok();
        }

        private static PackageResult Fail(InterfaceList list, string message)
        {
            return PackageResult.At(PackageError.BadValue, list.SourceOffset, list.SourceLine, list.SourceColumn, message);
        }

        private static bool SameRange(AddressMatch a, AddressMatch b)
        {
            int words = AddressWords.Of(a.Family);
            return AddressWords.Compare(a.Low, 0, b.Low, 0, words) == 0 && AddressWords.Compare(a.High, 0, b.High, 0, words) == 0;
        }

        // Kahn's algorithm over "chain A has a jump to chain B": chains left over after peeling off every
        // chain nothing jumps into are on a loop. Iterative, so hostile packages cannot exhaust the stack.
        private static PackageResult CheckJumpCycles(FamilyRules f)
        {
            string[] chains = StringArrays.New(f.RuleCount);
            int chainCount = 0;
            for (int i = 0; i < f.RuleCount; i++)
            {
                string c = f.RuleAt(i).Chain;
                if (RuleProperties.IndexOf(chains, c) < 0) chains[chainCount++] = c;
            }
            int[] target = new int[f.RuleCount]; // chain index a rule jumps to, or -1
            int[] owner = new int[f.RuleCount];  // chain index of the rule
            int[] inDegree = new int[chainCount];
            for (int i = 0; i < f.RuleCount; i++)
            {
                Rule rule = f.RuleAt(i);
                owner[i] = RuleProperties.IndexOf(chains, rule.Chain);
                target[i] = rule.Action == RuleAction.Jump && rule.JumpTarget != null ? RuleProperties.IndexOf(chains, rule.JumpTarget) : -1;
                if (target[i] >= 0) inDegree[target[i]]++;
            }
            int[] queue = new int[chainCount];
            bool[] done = new bool[chainCount];
            int head = 0, tail = 0;
            for (int c = 0; c < chainCount; c++) if (inDegree[c] == 0) queue[tail++] = c;
            while (head < tail)
            {
                int c = queue[head++];
                done[c] = true;
                for (int i = 0; i < f.RuleCount; i++)
                {
                    if (owner[i] != c || target[i] < 0) continue;
                    if (--inDegree[target[i]] == 0) queue[tail++] = target[i];
                }
            }
            for (int i = 0; i < f.RuleCount; i++)
            {
                if (target[i] < 0 || done[owner[i]] || done[target[i]]) continue;
                Rule rule = f.RuleAt(i);
                return Fail(PackageError.JumpCycle, rule, "jump from " + rule.Chain + " to " + rule.JumpTarget + " closes a loop of chains");
            }
            return PackageResult.Ok();
        }
    }
}
