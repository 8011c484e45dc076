// The outcome of reading, validating or compiling rules: an error code with the numbers that explain it.
// Returned, never thrown; a refused package never replaces the running rules.
using Gateway.Core.Text;

namespace Gateway.Core.Package
{
    /// <summary>Error code, position and numbers of a refusal; <see cref="IsOk"/> when none.</summary>
    public sealed class PackageResult
    {
        /// <summary>No byte position known (the RuleSet did not come from a package).</summary>
        public const int NoOffset = -1;

        public PackageError Error { get; private set; }
        /// <summary>Byte offset in the package where the problem is, or <see cref="NoOffset"/>.</summary>
        public int Offset { get; private set; } = NoOffset;
        /// <summary>1-based line in the rules file of the item at fault, or 0 when unknown.</summary>
        public int Line { get; private set; }
        /// <summary>1-based column in the rules file of the item at fault, or 0 when unknown.</summary>
        public int Column { get; private set; }
        /// <summary>The bound that was exceeded (over-capacity, too-large), else 0.</summary>
        public long Limit { get; private set; }
        /// <summary>How much was asked for (over-capacity, too-large), else 0.</summary>
        public long Actual { get; private set; }
        /// <summary>What the numbers count ("rules", "package bytes"), or empty.</summary>
        public string What { get; private set; } = "";
        /// <summary>A sentence about the problem, lower-case, naming what was found and what is allowed.</summary>
        public string Message { get; private set; } = "";

        public bool IsOk { get { return Error == PackageError.None; } }

        public static PackageResult Ok() { return new PackageResult(); }

        public static PackageResult Fail(PackageError error, int offset, string message)
        {
            PackageResult r = new PackageResult();
            r.Error = error;
            r.Offset = offset;
            r.Message = message;
            return r;
        }

        /// <summary>A refusal about one item of the rules, located by its package offset and source line.</summary>
        public static PackageResult At(PackageError error, int offset, int line, int column, string message)
        {
            PackageResult r = Fail(error, offset, message);
            r.Line = line;
            r.Column = column;
            return r;
        }

        public static PackageResult OverLimit(PackageError error, int offset, string what, long actual, long limit)
        {
            PackageResult r = Fail(error, offset, what + " " + DecimalText.ToText(actual) + ", limit " + DecimalText.ToText(limit));
            r.What = what;
            r.Actual = actual;
            r.Limit = limit;
            return r;
        }

        /// <summary><c>over-capacity at byte 212: rules 600, limit 512</c>.</summary>
        public override string ToString()
        {
            if (IsOk) return "ok";
            TextBuffer b = new TextBuffer();
            b.Append(PackageErrors.Token(Error));
            if (Offset != NoOffset) { b.Append(" at byte "); b.AppendInt(Offset); }
            if (Message.Length > 0) { b.Append(": "); b.Append(Message); }
            return b.ToString();
        }
    }
}
