// Refuses scripts that nest brackets deeper than ScriptLimits.MaxNestingDepth before any parser sees them:
// Jint's parser and evaluator recurse per level, and 50,000 nested parentheses would end in .NET's
// InsufficientExecutionStackException instead of a diagnostic. A light scan (strings, template literals
// and comments skipped; regex literals are not recognised, so their brackets count, which only matters
// hundreds of levels deep) gives the position where the limit is crossed.
namespace Gateway.Rules.Script;

internal static class ScriptNesting
{
    /// <summary>The 1-based position of the first bracket beyond <paramref name="maxDepth"/>, or null.</summary>
    public static (int Line, int Column)? FirstTooDeep(string text, int maxDepth)
    {
        int depth = 0, line = 1, column = 0;
        char quote = '\0';          // inside a string or template literal: its closing quote
        bool lineComment = false, blockComment = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            column++;
            if (c == '\n') { line++; column = 0; lineComment = false; continue; }
            if (lineComment) continue;
            if (blockComment)
            {
                if (c == '*' && i + 1 < text.Length && text[i + 1] == '/') { blockComment = false; i++; column++; }
                continue;
            }
            if (quote != '\0')
            {
                if (c == '\\') { i++; column++; }
                else if (c == quote) quote = '\0';
                continue;
            }
            switch (c)
            {
                case '"' or '\'' or '`':
                    quote = c;
                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    lineComment = true;
                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    blockComment = true;
                    i++;
                    column++;
                    break;
                case '(' or '[' or '{':
                    if (++depth > maxDepth) return (line, column);
                    break;
                case ')' or ']' or '}':
                    if (depth > 0) depth--;
                    break;
            }
        }
        return null;
    }
}
