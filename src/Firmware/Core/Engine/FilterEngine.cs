// Evaluates a compiled Table for one packet at a time, as RouterOS's filter does (routeros-semantics.md,
// "Evaluation"): first terminal rule decides, non-terminal actions act and go on, jump/return use a
// preallocated stack, no terminal rule means accept (but a connection to a service the gateway guards is
// dropped: Packet.ToService). A chain is walked through its decision index: only the rules that a packet of
// this protocol and destination port could match, merged in rule order with the rules the source gate holds
// for this source address. Nothing here allocates or throws on traffic.
using Gateway.Core.AddressLists;
using Gateway.Core.Model;
using Gateway.Core.Packets;
using Gateway.Core.Tables;

namespace Gateway.Core.Engine
{
    /// <summary>The per-packet decision maker over one <see cref="Table"/>.</summary>
    public sealed class FilterEngine
    {
        private readonly Table _table;
        // Each family's table, lists and index, read once here: on the board a property or a method that
        // picks one by family is an interpreted call on every decision.
        private readonly FilterTable _ipv4;
        private readonly FilterTable _ipv6;
        private readonly AddressListStore _ipv4Lists;
        private readonly AddressListStore _ipv6Lists;
        private readonly DecisionIndex _ipv4Index;
        private readonly DecisionIndex _ipv6Index;
        // Return stack of jumps: chain index and the candidate positions left in it. Validation refuses
        // jump cycles, so depth never exceeds the chain count.
        private readonly int[] _returnChain;
        private readonly int[] _returnAt;
        private readonly int[] _returnEnd;
        private readonly int[] _returnSettled;
        private readonly int[] _returnGated;
        private readonly int[] _returnGatedEnd;
        private long _steps;

        /// <param name="table">A table from the compiler (its indexes built).</param>
        public FilterEngine(Table table)
        {
            _table = table;
            _ipv4 = table.Ipv4;
            _ipv6 = table.Ipv6;
            _ipv4Lists = table.Ipv4Lists;
            _ipv6Lists = table.Ipv6Lists;
            _ipv4Index = _ipv4.Index;
            _ipv6Index = _ipv6.Index;
            int depth = _ipv4.ChainCount > _ipv6.ChainCount ? _ipv4.ChainCount : _ipv6.ChainCount;
            _returnChain = new int[depth];
            _returnAt = new int[depth];
            _returnEnd = new int[depth];
            _returnSettled = new int[depth];
            _returnGated = new int[depth];
            _returnGatedEnd = new int[depth];
        }

        /// <summary>Rules visited (matched or not) since the engine was made: per decision, what the index
        /// left to test, the figure that carries over to a board where every step is interpreted IL.</summary>
        public long Steps { get { return _steps; } }

        public Table Table { get { return _table; } }

        // The mode of the decision in progress (Evaluate's parameters), read deep in the matchers.
        private IConnectionCounter? _connections;
        private bool _reviewing;
        private IRuleLog? _log;

        /// <summary>Receives log=yes and action=log matches; null for none.</summary>
        public IRuleLog? Log { get { return _log; } set { _log = value; } }

        /// <summary>Decides one packet at <paramref name="nowMs"/> (monotonic) and writes the outcome into
        /// <paramref name="decision"/>. Expired list entries are collected first, so a timeout is over
        /// exactly when <c>nowMs</c> reaches it.</summary>
        public Verdict Evaluate(Packet packet, long nowMs, Decision decision)
        {
            return Evaluate(packet, nowMs, decision, null, false);
        }

        /// <summary>Decides one packet as <see cref="Evaluate(Packet, long, Decision)"/> does.</summary>
        /// <param name="connections">Counts connections for connection-limit; null: none are known (only a packet's
        /// own new connection counts).</param>
        /// <param name="reviewing">True while the gateway reviews an open session (no packet was sent): limit and
        /// dst-limit are asked without spending tokens.</param>
        public Verdict Evaluate(Packet packet, long nowMs, Decision decision, IConnectionCounter? connections, bool reviewing)
        {
            _connections = connections;
            _reviewing = reviewing;
            FilterTable t;
            AddressListStore lists;
            DecisionIndex index;
            if (packet.Family == Family.Ipv4) { t = _ipv4; lists = _ipv4Lists; index = _ipv4Index; }
            else { t = _ipv6; lists = _ipv6Lists; index = _ipv6Index; }
            if (nowMs >= lists.NextDueMs) lists.ExpireDue(nowMs);

            // The raw stage first (RouterOS: before connection tracking): a drop ends it all, accept and
            // return end the raw stage, notrack marks the packet untracked for the filter.
            EntryChain entry = packet.Chain;
            int rawChain = entry == EntryChain.Output ? t.RawOutput : t.RawPrerouting;
            if (rawChain != FilterTable.NoIndex && Run(t, lists, index, rawChain, packet, nowMs, decision) && decision.DecidedVerdict != Verdict.Accept)
                return decision.DecidedVerdict;
            if (Run(t, lists, index, (int)entry, packet, nowMs, decision)) return decision.DecidedVerdict;
            // No terminal rule: RouterOS accepts; a service the gateway guards stays closed (Packet.ToService).
            Verdict fallThrough = packet.ToService ? Verdict.Drop : Verdict.Accept;
            decision.DecidedVerdict = fallThrough;
            decision.DecidingChain = (int)entry;
            decision.DecidingRule = Decision.NoRule;
            decision.DecidingAction = packet.ToService ? RuleAction.Drop : RuleAction.Accept;
            return fallThrough;
        }

        // Runs one stage from its entry chain; true when a terminal rule decided (the decision is filled).
        // The index's arrays are read into locals once: every field load is an interpreted step on the board.
        private bool Run(FilterTable t, AddressListStore lists, DecisionIndex index, int entry, Packet packet, long nowMs, Decision decision)
        {
            short[] candidates = index.Candidates;
            ushort[] intervalFirst = index.IntervalFirst;
            int[] settledOf = index.Settled;
            short[] gateRules = index.Gate.Rules;
            int[] matchOf = t.Match;
            int[] negateOf = t.Negate;
            int protocol = packet.Protocol;
            // DecisionIndex.ClassOf, written out (a call on the board); a new class changes both.
            int protocolClass = protocol == Protocols.Tcp ? DecisionIndex.ClassTcp : protocol == Protocols.Udp ? DecisionIndex.ClassUdp : DecisionIndex.ClassOther;
            int port = packet.DstPort;
            // No rule names a port near this one (most scans): every bucket's quiet interval, no search.
            // DecisionIndex.IsQuiet, written out (a call on the board); a change to the map changes both.
            bool quietPort = (index.NamedBlocks[port >> (DecisionIndex.BlockBits + 5)] & (1 << ((port >> DecisionIndex.BlockBits) & 31))) == 0;
            int chain = entry;
            int bucket = chain * DecisionIndex.Classes + protocolClass;
            int interval = quietPort ? index.QuietInterval[bucket] : index.SearchInterval(bucket, port);
            int at = intervalFirst[interval];
            int end = intervalFirst[interval + 1];
            int settled = settledOf[bucket];
            // The rules the source gate holds for this source (none for most), merged into each chain's walk.
            int group = gateRules.Length == 0 ? 0 : index.Gate.GroupOf(t, packet.Src);
            int gated = 0, gatedEnd = 0;
            if (group != 0) GatedInChain(t, gateRules, group, chain, out gated, out gatedEnd);
            int depth = 0;
            long steps = 0;
            // Assigned before the loop (6 IL a decision) and `for (;;)`, not `while (true)` (the same IL): a mutation
            // test can change the loop's branches and the switch's cases without leaving one unassigned (Stryker
            // would skip the method).
            int rule = 0, match = 0;
            Verdict verdict = Verdict.Accept;
            for (;;)
            {
                if (at < end && (gated >= gatedEnd || candidates[at] < gateRules[gated]))
                {
                    rule = candidates[at++];
                    // What the index settled (protocol, dst-port) is not tested again, unless the rule negates it.
                    match = matchOf[rule] & ~(settled & ~negateOf[rule]);
                }
                else if (gated < gatedEnd)
                {
                    // The gate found the source in this rule's range: src-address holds.
                    rule = gateRules[gated++];
                    match = matchOf[rule] & ~MatchBits.SrcAddress;
                }
                else
                {
                    if (depth == 0) { _steps += steps; return false; }
                    depth--;
                    chain = _returnChain[depth];
                    at = _returnAt[depth];
                    end = _returnEnd[depth];
                    settled = _returnSettled[depth];
                    gated = _returnGated[depth];
                    gatedEnd = _returnGatedEnd[depth];
                    continue;
                }
                steps++;
                if (match != 0)
                {
                    // The two commonest kinds of rule skip Matches' call and its tests of kinds they lack (~30 IL a
                    // candidate on the board): one that only asks the source's list (the knock recipes' grant and
                    // step rules), and one with stateless matchers only (ports, addresses, interfaces, state).
                    if (match == MatchBits.SrcList)
                    {
                        if (lists.Contains(t.SrcList[rule], packet.Src, 0, nowMs) == ((negateOf[rule] & MatchBits.SrcList) != 0)) continue;
                    }
                    else if ((match & ~MatchBits.Stateless) == 0)
                    {
                        if (!MatchesStateless(t, rule, match, negateOf[rule], packet)) continue;
                    }
                    else if (!Matches(t, lists, rule, match, negateOf[rule], packet, nowMs)) continue;
                }

                t.Packets[rule]++;
                t.Bytes[rule] += packet.Length;
                if (t.Log[rule] && _log != null) _log.OnRuleLog(packet.Family, chain, rule - t.ChainFirstRule[chain], t.LogPrefix[rule], packet, nowMs);

                RuleAction action = (RuleAction)t.Action[rule];
                switch (action)
                {
                    case RuleAction.Accept:
                        verdict = Verdict.Accept;
                        break;
                    case RuleAction.Drop:
                    case RuleAction.Tarpit:
                        verdict = Verdict.Drop;
                        break;
                    case RuleAction.Reject:
                        decision.RejectAnswer = (RejectWith)t.RejectKind[rule];
                        verdict = Verdict.Reject;
                        break;
                    case RuleAction.Jump:
                        _returnChain[depth] = chain;
                        _returnAt[depth] = at;
                        _returnEnd[depth] = end;
                        _returnSettled[depth] = settled;
                        _returnGated[depth] = gated;
                        _returnGatedEnd[depth] = gatedEnd;
                        depth++;
                        chain = t.ActionTarget[rule];
                        bucket = chain * DecisionIndex.Classes + protocolClass;
                        interval = quietPort ? index.QuietInterval[bucket] : index.SearchInterval(bucket, port);
                        at = intervalFirst[interval];
                        end = intervalFirst[interval + 1];
                        settled = settledOf[bucket];
                        gated = gatedEnd = 0;
                        if (group != 0) GatedInChain(t, gateRules, group, chain, out gated, out gatedEnd);
                        continue;
                    case RuleAction.Return:
                        at = end; // leaves the chain; in a built-in chain this ends the stage
                        gated = gatedEnd;
                        continue;
                    case RuleAction.AddSrcToAddressList:
                        lists.AddFromRule(t.ActionTarget[rule], packet.Src, 0, (ListTimeoutKind)t.TimeoutKind[rule], t.TimeoutMs[rule], nowMs);
                        continue;
                    case RuleAction.AddDstToAddressList:
                        lists.AddFromRule(t.ActionTarget[rule], packet.Dst, 0, (ListTimeoutKind)t.TimeoutKind[rule], t.TimeoutMs[rule], nowMs);
                        continue;
                    case RuleAction.Notrack:
                        packet.ConnectionState = ConnectionStates.Untracked;
                        continue;
                    default:
                        continue;   // log, passthrough, fasttrack-connection: counted (and logged) above, go on
                }
                // A terminal rule decided: written here, not in a helper (a call per decision on the board).
                _steps += steps;
                decision.DecidedVerdict = verdict;
                decision.DecidingAction = action;
                decision.DecidingChain = chain;
                decision.DecidingRule = rule - t.ChainFirstRule[chain];
                return true;
            }
        }

        // The part [gated, gatedEnd) of the source's group that belongs to the chain (the group is in rule
        // order, and a chain's rules are contiguous).
        private static void GatedInChain(FilterTable t, short[] gatedRules, int group, int chain, out int gated, out int gatedEnd)
        {
            int groupFirst = group & 0xFFFF, groupEnd = group >> 16;
            int first = t.ChainFirstRule[chain];
            int end = first + t.ChainRuleCount[chain];
            gated = groupFirst;
            while (gated < groupEnd && gatedRules[gated] < first) gated++;
            gatedEnd = gated;
            while (gatedEnd < groupEnd && gatedRules[gatedEnd] < end) gatedEnd++;
        }

        // All present matchers must hold; each negated one holds when its plain test fails. The cheap
        // stateless tests first (one test skips them all for a rule that has none), list lookups next,
        // the buckets and psd last: they count only packets every other matcher let through.
        private bool Matches(FilterTable t, AddressListStore lists, int rule, int match, int negate, Packet p, long nowMs)
        {
            if ((match & MatchBits.Stateless) != 0 && !MatchesStateless(t, rule, match, negate, p)) return false;
            if ((match & MatchBits.Rarer) != 0 && !MatchesRarer(t, rule, match, negate, p, nowMs)) return false;
            if ((match & MatchBits.SrcList) != 0 && lists.Contains(t.SrcList[rule], p.Src, 0, nowMs) == ((negate & MatchBits.SrcList) != 0)) return false;
            if ((match & MatchBits.DstList) != 0 && lists.Contains(t.DstList[rule], p.Dst, 0, nowMs) == ((negate & MatchBits.DstList) != 0)) return false;
            if ((match & MatchBits.Stateful) != 0 && !MatchesStateful(t, rule, match, p, nowMs)) return false;
            return true;
        }

        private static bool MatchesStateless(FilterTable t, int rule, int match, int negate, Packet p)
        {
            if ((match & MatchBits.Protocol) != 0 && (p.Protocol == t.Protocol[rule]) == ((negate & MatchBits.Protocol) != 0)) return false;
            if ((match & MatchBits.SrcAddress) != 0 && InAddressRange(t, t.SrcAddress[rule], p.Src) == ((negate & MatchBits.SrcAddress) != 0)) return false;
            if ((match & MatchBits.DstAddress) != 0 && InAddressRange(t, t.DstAddress[rule], p.Dst) == ((negate & MatchBits.DstAddress) != 0)) return false;
            if ((match & MatchBits.SrcPort) != 0 && t.InPortSet(t.SrcPorts[rule], p.SrcPort) == ((negate & MatchBits.SrcPort) != 0)) return false;
            if ((match & MatchBits.DstPortRange) != 0 && (p.DstPort >= t.DstPortLow[rule] && p.DstPort <= t.DstPortHigh[rule]) == ((negate & MatchBits.DstPortRange) != 0)) return false;
            if ((match & MatchBits.DstPort) != 0 && t.InPortSet(t.DstPorts[rule], p.DstPort) == ((negate & MatchBits.DstPort) != 0)) return false;
            if ((match & MatchBits.AnyPort) != 0)
            {
                bool either = t.InPortSet(t.AnyPorts[rule], p.SrcPort) || t.InPortSet(t.AnyPorts[rule], p.DstPort);
                if (either == ((negate & MatchBits.AnyPort) != 0)) return false;
            }
            if ((match & MatchBits.InInterface) != 0 && (p.InInterface == t.InInterface[rule]) == ((negate & MatchBits.InInterface) != 0)) return false;
            if ((match & MatchBits.OutInterface) != 0 && (p.OutInterface == t.OutInterface[rule]) == ((negate & MatchBits.OutInterface) != 0)) return false;
            if ((match & MatchBits.ConnectionState) != 0 && (t.StateMask[rule] & p.ConnectionState) == 0) return false;
            if ((match & MatchBits.TcpFlags) != 0 && ((p.TcpFlags & t.FlagsSet[rule]) != t.FlagsSet[rule] || (p.TcpFlags & t.FlagsClear[rule]) != 0)) return false;
            if ((match & MatchBits.PacketSize) != 0 && (p.Length >= t.SizeMin[rule] && p.Length <= t.SizeMax[rule]) == ((negate & MatchBits.PacketSize) != 0)) return false;
            return true;
        }

        // limit and dst-limit take a token only when every other matcher held; psd counts only such packets.
        private bool MatchesStateful(FilterTable t, int rule, int match, Packet p, long nowMs)
        {
            if ((match & MatchBits.Limit) != 0 && !(_reviewing ? t.Limiters[t.Limit[rule]].Holds(p, nowMs) : t.Limiters[t.Limit[rule]].Take(p, nowMs))) return false;
            if ((match & MatchBits.DstLimit) != 0 && !(_reviewing ? t.Limiters[t.DstLimit[rule]].Holds(p, nowMs) : t.Limiters[t.DstLimit[rule]].Take(p, nowMs))) return false;
            if ((match & MatchBits.Psd) != 0 && !t.Detectors[t.Psd[rule]].Observe(p, nowMs)) return false;
            return true;
        }

        // The matchers real configs use around the knock rules but rarely on them: interface lists, nat state,
        // address types, icmp-options, fragment, ttl, and what can never hold here.
        private bool MatchesRarer(FilterTable t, int rule, int match, int negate, Packet p, long nowMs)
        {
            if ((match & MatchBits.Never) != 0) return false;
            if ((match & MatchBits.ConnectionLimit) != 0)
            {
                // netfilter's connlimit: the block's connections, the packet's own counted once, above the limit.
                int count = _connections != null ? _connections.ConnectionsFrom(p, t.ConnLimitPrefix[rule], nowMs)
                    : p.ConnectionState == ConnectionStates.New ? 1 : 0;
                if (count <= t.ConnLimit[rule]) return false;
            }
            if ((match & MatchBits.InInterfaceList) != 0 && ((t.InListMask[rule] & InterfaceBit(p.InInterface)) != 0) == ((negate & MatchBits.InInterfaceList) != 0)) return false;
            if ((match & MatchBits.OutInterfaceList) != 0 && ((t.OutListMask[rule] & InterfaceBit(p.OutInterface)) != 0) == ((negate & MatchBits.OutInterfaceList) != 0)) return false;
            if ((match & MatchBits.NatState) != 0 && ((t.NatMask[rule] & p.NatState) != 0) == ((negate & MatchBits.NatState) != 0)) return false;
            if ((match & MatchBits.SrcAddressType) != 0
                && ((t.SrcTypeMask[rule] & AddressTypes.Of(p.Family, p.Src, p.Chain == EntryChain.Output)) != 0) == ((negate & MatchBits.SrcAddressType) != 0)) return false;
            if ((match & MatchBits.DstAddressType) != 0
                && ((t.DstTypeMask[rule] & AddressTypes.Of(p.Family, p.Dst, p.Chain == EntryChain.Input)) != 0) == ((negate & MatchBits.DstAddressType) != 0)) return false;
            if ((match & MatchBits.IcmpOptions) != 0
                && (p.IcmpType < t.IcmpTypeLow[rule] || p.IcmpType > t.IcmpTypeHigh[rule] || p.IcmpCode < t.IcmpCodeLow[rule] || p.IcmpCode > t.IcmpCodeHigh[rule])) return false;
            if ((match & MatchBits.Fragment) != 0 && p.IsFragment == ((negate & MatchBits.Fragment) != 0)) return false;
            if ((match & MatchBits.Ttl) != 0)
            {
                int ttl = p.Ttl, value = t.TtlValue[rule];
                if (ttl < 0) return false;   // not seen: a listener's connection carries no TTL
                switch ((TtlCompare)t.TtlCompare[rule])
                {
                    case TtlCompare.Equal: if (ttl != value) return false; break;
                    case TtlCompare.NotEqual: if (ttl == value) return false; break;
                    case TtlCompare.LessThan: if (ttl >= value) return false; break;
                    default: if (ttl <= value) return false; break;
                }
            }
            return true;
        }

        // An interface id as its bit in an interface-list mask: bit 31 for an interface no rule names, none when absent.
        private static int InterfaceBit(int id)
        {
            if (id >= 0) return 1 << id;
            return id == Packet.NoInterface ? 1 << Capacity.MaxInterfaceIds : 0;
        }

        private static bool InAddressRange(FilterTable t, int range, uint[] address)
        {
            if (t.Words == 1) return address[0] - t.AddressLow[range] <= t.AddressHigh[range] - t.AddressLow[range];   // IPv4: one unsigned compare
            return AddressWords.InRange(address, 0, t.AddressLow, t.AddressHigh, range * t.Words, t.Words);
        }
    }
}
