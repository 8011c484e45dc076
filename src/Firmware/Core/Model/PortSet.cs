// A port matcher's value: up to Capacity.MaxPortRangesPerMatcher ports and ranges, optionally negated
// (RouterOS src-port, dst-port, port: "22", "1000-2000", "!22,80").
using Gateway.Core.Text;

namespace Gateway.Core.Model
{
    /// <summary>A list of inclusive port ranges in the order written, with an optional <c>!</c>.</summary>
    public sealed class PortSet
    {
        /// <summary>Highest port number.</summary>
        public const int MaxPort = 65535;

        private readonly int[] _low = new int[Capacity.MaxPortRangesPerMatcher];
        private readonly int[] _high = new int[Capacity.MaxPortRangesPerMatcher];

        /// <summary>Ranges held.</summary>
        public int Count { get; private set; }
        /// <summary><c>!</c>: the matcher holds for ports outside every range.</summary>
        public bool IsNegated { get; set; }

        public int LowAt(int index) { return _low[index]; }
        public int HighAt(int index) { return _high[index]; }

        /// <summary>Parses <c>[!]p[-q][,p[-q]...]</c>, ports 0-65535.</summary>
        /// <returns>The set, or null with <paramref name="error"/>.</returns>
        public static PortSet? Parse(string text, out string error)
        {
            PortSet set = new PortSet();
            int at = 0, end = text.Length;
            if (end > 0 && text[0] == '!') { set.IsNegated = true; at = 1; }
            if (at == end) { error = "empty port list"; return null; }
            while (at <= end)
            {
                int itemEnd = at;
                while (itemEnd < end && text[itemEnd] != ',') itemEnd++;
                int dash = at;
                while (dash < itemEnd && text[dash] != '-') dash++;
                if (!DecimalText.TryParseInt(text, at, dash, MaxPort, out int low))
                {
                    error = "port must be a number 0-65535 or a range p-q";
                    return null;
                }
                int high = low;
                if (dash < itemEnd && !DecimalText.TryParseInt(text, dash + 1, itemEnd, MaxPort, out high))
                {
                    error = "port must be a number 0-65535 or a range p-q";
                    return null;
                }
                if (low > high) { error = "port range starts above its end"; return null; }
                if (set.Count == Capacity.MaxPortRangesPerMatcher)
                {
                    error = "more than " + DecimalText.ToText(Capacity.MaxPortRangesPerMatcher) + " ports or ranges in one list";
                    return null;
                }
                set._low[set.Count] = low;
                set._high[set.Count] = high;
                set.Count++;
                at = itemEnd + 1;
            }
            error = "";
            return set;
        }

        /// <summary>Canonical text: ranges in written order, a single port as itself.</summary>
        public void AppendTo(ITextSink sink)
        {
            if (IsNegated) sink.Append('!');
            for (int i = 0; i < Count; i++)
            {
                if (i > 0) sink.Append(',');
                DecimalText.Append(sink, _low[i]);
                if (_high[i] != _low[i]) { sink.Append('-'); DecimalText.Append(sink, _high[i]); }
            }
        }

        public override string ToString()
        {
            TextBuffer b = new TextBuffer();
            AppendTo(b);
            return b.ToString();
        }
    }
}
