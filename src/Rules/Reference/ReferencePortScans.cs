// The reference interpreter's psd matcher: netfilter's psd algorithm written plainly over lists, one detector
// per rule, with the same fixed number of records reused oldest first as the engine (so the two agree exactly
// when sources outnumber the records). Shares no code with the core's PortScanDetector.
using Gateway.Core;
using Gateway.Core.Model;

namespace Gateway.Rules.Reference;

internal sealed class ReferencePortScans
{
    private sealed class Record
    {
        public required UInt128 Source { get; init; }
        public long LastMs { get; set; }
        public int Weight { get; set; }
        public List<int> Ports { get; } = new();
        public bool Forgotten { get; set; }
    }

    private sealed class Detector
    {
        public Record?[] Records { get; } = new Record?[Capacity.PsdSources];
        public int Next { get; set; }
    }

    private readonly Dictionary<Rule, Detector> _detectors = new(ReferenceEqualityComparer.Instance);

    /// <summary>Counts the packet for the rule's psd matcher and says whether it matches.</summary>
    public bool Observe(Rule rule, ReferencePacket p, long nowMs)
    {
        bool tcp = p.Protocol == Protocols.Tcp;
        if (!tcp && p.Protocol != Protocols.Udp) return false;
        if (p.Src == UInt128.Zero) return false;
        bool ack = tcp && (p.TcpFlags & TcpFlags.Ack) != 0;
        bool rst = tcp && (p.TcpFlags & TcpFlags.Rst) != 0;
        int weight = p.DstPort < 1024 ? rule.PsdLowPortWeight : rule.PsdHighPortWeight;
        if (!_detectors.TryGetValue(rule, out var detector)) _detectors[rule] = detector = new Detector();

        var known = detector.Records.FirstOrDefault(r => r != null && !r.Forgotten && r.Source == p.Src);
        if (known != null)
        {
            bool fresh = nowMs >= known.LastMs && nowMs - known.LastMs <= rule.PsdDelayMs;
            if (fresh)
            {
                if (known.Ports.Contains(p.DstPort)) return false;
                if (ack || rst) return false;
                known.LastMs = nowMs;
                if (known.Weight >= rule.PsdWeightThreshold) return true;
                known.Weight += weight;
                if (known.Weight >= rule.PsdWeightThreshold) return true;
                if (known.Ports.Count < Capacity.PsdPortsRemembered) known.Ports.Add(p.DstPort);
                return false;
            }
            known.Forgotten = true;
        }
        if (ack) return false;
        var record = new Record { Source = p.Src, LastMs = nowMs, Weight = weight };
        record.Ports.Add(p.DstPort);
        detector.Records[detector.Next] = record;
        detector.Next = (detector.Next + 1) % Capacity.PsdSources;
        return false;
    }
}
