// One address value of a rule or list entry: a single address, a CIDR prefix (kept as its network,
// as RouterOS does) or an IPv4 range a-b; optionally negated with '!'. Held as an inclusive word range.
using Gateway.Core.Text;

namespace Gateway.Core.Model
{
    /// <summary>An address, prefix or range, as the inclusive range [Low, High] of one family.</summary>
    public sealed class AddressMatch
    {
        /// <summary>Family the words belong to.</summary>
        public Family Family { get; private set; }
        /// <summary>First address, most significant word first (1 word for IPv4, 4 for IPv6).</summary>
        public uint[] Low { get; } = new uint[4];
        /// <summary>Last address, inclusive.</summary>
        public uint[] High { get; } = new uint[4];
        /// <summary><c>!</c>: the matcher holds for addresses outside the range.</summary>
        public bool IsNegated { get; set; }

        /// <summary>True when the range is a single address.</summary>
        public bool IsSingle { get { return AddressWords.Compare(Low, 0, High, 0, AddressWords.Of(Family)) == 0; } }

        /// <summary>Parses RouterOS's forms: <c>a</c>, <c>a/len</c> (stored as the network), and, for IPv4,
        /// <c>a-b</c>; a leading <c>!</c> when <paramref name="allowNegation"/>.</summary>
        /// <returns>The match, or null with <paramref name="error"/> saying what is wrong.</returns>
        public static AddressMatch? Parse(string text, Family family, bool allowNegation, out string error)
        {
            AddressMatch m = new AddressMatch();
            m.Family = family;
            int start = 0, end = text.Length;
            if (end > 0 && text[0] == '!')
            {
                if (!allowNegation) { error = "negation is not allowed here"; return null; }
                m.IsNegated = true;
                start = 1;
            }
            int words = AddressWords.Of(family);
            int slash = IndexOf(text, '/', start, end);
            int dash = IndexOf(text, '-', start, end);
            if (slash >= 0)
            {
                if (!ParseOne(text, start, slash, family, m.Low)) { error = BadAddress(family); return null; }
                if (!DecimalText.TryParseInt(text, slash + 1, end, AddressWords.BitsOf(family), out int length))
                {
                    error = "prefix length must be 0-" + DecimalText.ToText(AddressWords.BitsOf(family));
                    return null;
                }
                for (int w = 0; w < words; w++)
                {
                    uint mask = AddressWords.MaskWord(length, w);
                    m.Low[w] &= mask;
                    m.High[w] = m.Low[w] | ~mask;
                }
            }
            else if (dash >= 0)
            {
                if (family != Family.Ipv4) { error = "IPv6 takes an address or a prefix, not a range"; return null; }
                if (!ParseOne(text, start, dash, family, m.Low) || !ParseOne(text, dash + 1, end, family, m.High))
                {
                    error = BadAddress(family);
                    return null;
                }
                if (m.Low[0] > m.High[0]) { error = "range starts above its end"; return null; }
            }
            else
            {
                if (!ParseOne(text, start, end, family, m.Low)) { error = BadAddress(family); return null; }
                for (int w = 0; w < words; w++) m.High[w] = m.Low[w];
            }
            error = "";
            return m;
        }

        /// <summary>A single, non-negated address given as words.</summary>
        public static AddressMatch OfAddress(Family family, uint[] address)
        {
            AddressMatch m = new AddressMatch();
            m.Family = family;
            for (int w = 0; w < AddressWords.Of(family); w++) { m.Low[w] = address[w]; m.High[w] = address[w]; }
            return m;
        }

        /// <summary>A non-negated range [low, high] given as words.</summary>
        public static AddressMatch OfRange(Family family, uint[] low, uint[] high)
        {
            AddressMatch m = OfAddress(family, low);
            for (int w = 0; w < AddressWords.Of(family); w++) m.High[w] = high[w];
            return m;
        }

        /// <summary>Canonical text: the address, the prefix (network/len) or the range, with its <c>!</c>.</summary>
        public void AppendTo(ITextSink sink)
        {
            if (IsNegated) sink.Append('!');
            int words = AddressWords.Of(Family);
            AppendAddress(sink, Low);
            if (IsSingle) return;
            int length = AddressWords.PrefixLengthOf(Low, High, words);
            if (length >= 0)
            {
                sink.Append('/');
                DecimalText.Append(sink, length);
                return;
            }
            sink.Append('-');
            AppendAddress(sink, High);
        }

        public override string ToString()
        {
            TextBuffer b = new TextBuffer();
            AppendTo(b);
            return b.ToString();
        }

        private void AppendAddress(ITextSink sink, uint[] words)
        {
            if (Family == Family.Ipv4) IpAddressText.AppendIpv4(sink, words[0]);
            else IpAddressText.AppendIpv6(sink, words, 0);
        }

        private static bool ParseOne(string text, int start, int end, Family family, uint[] into)
        {
            if (family == Family.Ipv4)
            {
                bool ok = IpAddressText.TryParseIpv4(text, start, end, out uint v);
                into[0] = v;
                return ok;
            }
            return IpAddressText.TryParseIpv6(text, start, end, into, 0);
        }

        private static string BadAddress(Family family)
        {
            return family == Family.Ipv4 ? "not an IPv4 address, prefix or range" : "not an IPv6 address or prefix";
        }

        private static int IndexOf(string s, char c, int start, int end)
        {
            for (int i = start; i < end; i++) if (s[i] == c) return i;
            return -1;
        }
    }
}
