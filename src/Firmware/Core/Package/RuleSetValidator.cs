// Semantic checks of a RuleSet before it is compiled (STYLE.md 5: validate once at the boundary):
// properties that must go together, jump targets and cycles, lists that something fills, entry shapes.
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Core.Package
{
    /// <summary>Checks that a RuleSet means something RouterOS would run. First problem wins.</summary>
    public static class RuleSetValidator
    {
        public static PackageResult Validate(RuleSet rules)
        {
            PackageResult r = ValidateFamily(rules.Ipv4);
            return r.IsOk ? ValidateFamily(rules.Ipv6) : r;
        }

        private static PackageResult ValidateFamily(FamilyRules f)
        {
            for (int i = 0; i < f.RuleCount; i++)
            {
                PackageResult r = ValidateRule(f, f.RuleAt(i));
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

        private static PackageResult ValidateRule(FamilyRules f, Rule rule)
        {
            if (!PropertyValues.IsValidName(rule.Chain)) return Fail(PackageError.BadValue, rule, "rule without chain");
            bool tcpOrUdp = !rule.IsProtocolNegated && (rule.Protocol == Protocols.Tcp || rule.Protocol == Protocols.Udp);
            if ((rule.SrcPort != null || rule.DstPort != null || rule.AnyPort != null) && !tcpOrUdp)
                return Fail(PackageError.BadValue, rule, "port matchers need protocol=tcp or protocol=udp");
            if ((rule.TcpFlagsSet | rule.TcpFlagsClear) != 0 && (rule.Protocol != Protocols.Tcp || rule.IsProtocolNegated))
                return Fail(PackageError.BadValue, rule, "tcp-flags needs protocol=tcp");

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
                if (RuleSet.IsBuiltInChain(rule.JumpTarget)) return Fail(PackageError.UnknownChain, rule, "jump-target " + rule.JumpTarget + " is a built-in chain; jump to a custom chain");
                if (!HasChain(f, rule.JumpTarget)) return Fail(PackageError.UnknownChain, rule, "jump-target " + rule.JumpTarget + " names a chain with no rules");
            }
            if (rule.SrcAddressList != null && !IsFilled(f, rule.SrcAddressList)) return Fail(PackageError.UnknownList, rule, "src-address-list " + rule.SrcAddressList + " is neither filled by a rule nor given entries");
            if (rule.DstAddressList != null && !IsFilled(f, rule.DstAddressList)) return Fail(PackageError.UnknownList, rule, "dst-address-list " + rule.DstAddressList + " is neither filled by a rule nor given entries");
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

        private static bool IsFilled(FamilyRules f, string list)
        {
            for (int i = 0; i < f.RuleCount; i++) if (f.RuleAt(i).AddressList == list) return true;
            for (int i = 0; i < f.EntryCount; i++) if (f.EntryAt(i).List == list) return true;
            return false;
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
