// A problem in RouterOS command text, at a 1-based line and column of the original text.
using Gateway.Core.Text;

namespace Gateway.Host.RouterOs
{
    /// <summary>Where and what went wrong in RouterOS command text.</summary>
    public sealed class RouterOsError
    {
        public RouterOsError(int line, int column, string message)
        {
            Line = line;
            Column = column;
            Message = message;
        }

        /// <summary>1-based line of the original text.</summary>
        public int Line { get; }
        /// <summary>1-based column of the original text.</summary>
        public int Column { get; }
        /// <summary>Lower-case, no final period; names what was found and what is allowed.</summary>
        public string Message { get; }

        /// <summary><c>LINE:COL: message</c>; prefix a file name for a diagnostic.</summary>
        public override string ToString()
        {
            TextBuffer b = new TextBuffer();
            b.AppendInt(Line);
            b.Append(':');
            b.AppendInt(Column);
            b.Append(": ");
            b.Append(Message);
            return b.ToString();
        }
    }
}
