// JSON string escaping for the package writer: quotes, backslashes and control characters escaped,
// everything else written as is (the writer's bytes are UTF-8).
using Gateway.Core.Text;

namespace Gateway.Core.Package
{
    /// <summary>Writes JSON string literals.</summary>
    internal static class JsonText
    {
        public static void AppendString(ITextSink sink, string value)
        {
            sink.Append('"');
            char[]? pairs = StringChars.PairsOf(value);
            for (int i = 0; i < value.Length; i++)
            {
                char c = StringChars.At(value, pairs, i);
                switch (c)
                {
                    case '"': sink.Append("\\\""); break;
                    case '\\': sink.Append("\\\\"); break;
                    case '\n': sink.Append("\\n"); break;
                    case '\r': sink.Append("\\r"); break;
                    case '\t': sink.Append("\\t"); break;
                    default:
                        if (c < ' ' || c == 0x7F)
                        {
                            sink.Append("\\u00");
                            sink.Append(Hex.Digit(c >> 4));
                            sink.Append(Hex.Digit(c & 0xF));
                        }
                        else sink.Append(c);
                        break;
                }
            }
            sink.Append('"');
        }
    }
}
