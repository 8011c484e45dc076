// The value of RouterOS's psd matcher, "WeightThreshold,DelayThreshold,LowPortWeight,HighPortWeight"
// (e.g. psd=21,3s,3,1): parsed into a Rule and written back in the same canonical form.
using Gateway.Core.Text;

namespace Gateway.Core.Model
{
    /// <summary>Reads and writes <c>psd=</c>.</summary>
    public static class PortScanDetection
    {
        /// <summary>Largest weight threshold and port weight (netfilter's psd keeps weights in 16 bits).</summary>
        public const int MaxWeight = 65535;
        /// <summary>Longest delay threshold: an hour (RouterOS's examples use 3s).</summary>
        public const long MaxDelayMs = 3600000;

        /// <summary>The error text for a malformed value.</summary>
        public const string Error = "psd must be WeightThreshold,DelayThreshold,LowPortWeight,HighPortWeight, e.g. 21,3s,3,1 (threshold 1-65535, delay up to 1h, weights 0-65535)";

        /// <summary>Sets the rule's psd matcher from <paramref name="value"/>; false when it is malformed.</summary>
        public static bool TryParse(string value, Rule rule)
        {
            int first = value.IndexOf(',');
            int second = first < 0 ? -1 : value.IndexOf(',', first + 1);
            int third = second < 0 ? -1 : value.IndexOf(',', second + 1);
            if (third < 0 || value.IndexOf(',', third + 1) >= 0) return false;
            if (!DecimalText.TryParseInt(value, 0, first, MaxWeight, out int threshold) || threshold < 1) return false;
            if (!RouterOsTime.TryParse(value.Substring(first + 1, second - first - 1), MaxDelayMs, out long delayMs) || delayMs < 1) return false;
            if (!DecimalText.TryParseInt(value, second + 1, third, MaxWeight, out int low)) return false;
            if (!DecimalText.TryParseInt(value, third + 1, value.Length, MaxWeight, out int high)) return false;
            rule.PsdWeightThreshold = threshold;
            rule.PsdDelayMs = delayMs;
            rule.PsdLowPortWeight = low;
            rule.PsdHighPortWeight = high;
            return true;
        }

        /// <summary>The canonical text of the rule's psd matcher (the rule must have one).</summary>
        public static string ToText(Rule rule)
        {
            return DecimalText.ToText(rule.PsdWeightThreshold) + "," + RouterOsTime.ToText(rule.PsdDelayMs) + ","
                + DecimalText.ToText(rule.PsdLowPortWeight) + "," + DecimalText.ToText(rule.PsdHighPortWeight);
        }
    }
}
