// Finds where a property of an object literal sits in the script, so that a bad `dstPort: 70000`
// is reported at that key or value rather than at the start of the filter.add(...) call. Jint reports
// where a call is; this parse of the same text (Acornima, Jint's own parser) finds what is inside it.
using Acornima;
using Acornima.Ast;

namespace Gateway.Rules.Script;

internal sealed class ScriptSourceMap
{
    private readonly Node? _root;

    public ScriptSourceMap(string text, string file)
    {
        try { _root = new Parser().ParseScript(text, file); }
        catch (ParseErrorException) { _root = null; }   // evaluation reports the syntax error itself
    }

    /// <summary>The 1-based position of <paramref name="key"/> (or of its value) inside the call that
    /// starts at the given 1-based position; the call's position when it is not found.</summary>
    public (int Line, int Column) Find(int callLine, int callColumn, string key, bool value)
    {
        if (_root == null) return (callLine, callColumn);
        foreach (var call in Descendants(_root).OfType<CallExpression>())
        {
            var start = call.Location.Start;
            if (start.Line != callLine || start.Column + 1 != callColumn) continue;
            foreach (var property in Descendants(call).OfType<Property>())
            {
                string? name = property.Key switch
                {
                    Identifier id => id.Name,
                    StringLiteral s => s.Value,
                    _ => null,
                };
                if (name != key) continue;
                var at = (value ? property.Value : property.Key).Location.Start;
                return (at.Line, at.Column + 1);
            }
        }
        return (callLine, callColumn);
    }

    private static IEnumerable<Node> Descendants(Node node)
    {
        var stack = new Stack<Node>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            var children = n.ChildNodes.ToList();
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }
}
