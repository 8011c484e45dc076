// Evaluates a rules script in a Jint sandbox (DESIGN.md "Rule scripts"): strict mode, no CLR access, no
// modules, no eval, no clock or randomness, bounded statements, time, memory and recursion. Every
// failure becomes one FILE:LINE:COL diagnostic at the user's line.
using System.Text.RegularExpressions;
using Gateway.Core.Model;
using Gateway.Rules.Diagnostics;
using Gateway.Rules.Testing;
using Jint;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Gateway.Rules.Script;

/// <summary>The sandboxed JavaScript host for rules scripts.</summary>
public sealed class ScriptHost(ScriptLimits limits)
{
    // Replaces what would make a table depend on when or how often it was compiled.
    private const string Prelude = """
        (function (deny) {
          'use strict';
          Object.defineProperty(Math, 'random', { value: function () { return deny('Math.random'); } });
          Object.defineProperty(globalThis, 'Date', { get: function () { return deny('Date'); } });
          Object.defineProperty(globalThis, 'WeakRef', { get: function () { return deny('WeakRef'); } });
          Object.defineProperty(globalThis, 'FinalizationRegistry', { get: function () { return deny('FinalizationRegistry'); } });
        })(__deny);
        delete globalThis.__deny;
        """;

    public ScriptLimits Limits { get; } = limits;

    /// <summary>Where console.log writes; standard error by default.</summary>
    public TextWriter Log { get; init; } = Console.Error;

    public LoadResult Evaluate(string file, string text)
    {
        var tooDeep = ScriptNesting.FirstTooDeep(text, Limits.MaxNestingDepth);
        if (tooDeep is var (deepLine, deepColumn))
            return LoadResult.Fail(new Diagnostic(file, deepLine, deepColumn, $"script nests brackets deeper than the nesting limit ({Limits.MaxNestingDepth})"));
        var rules = new RuleSet();
        var tests = new List<ScriptTest>();
        var engine = CreateEngine(Limits);
        engine.SetValue("__deny", new ClrFunction(engine, "deny", (_, args) =>
            throw Fail(engine, file, $"{args[0]} is not available in rules: a table must not depend on the clock or on chance")));
        engine.Execute(Prelude, "prelude");
        new ScriptApi(engine, file, rules, tests, Log, new ScriptSourceMap(text, file)).Install();

        var failure = Run(engine, file, Limits, () => engine.Execute(text, file));
        if (failure != null) return LoadResult.Fail(failure);
        var invalid = RulesFile.Validate(file, rules);
        if (invalid != null) return LoadResult.Fail(invalid);
        var session = new ScriptSession(engine, file, rules, Limits);
        return new LoadResult(new LoadedRules { File = file, Source = text, RuleSet = rules, Tests = tests, Session = session }, Array.Empty<Diagnostic>());
    }

    internal static Engine CreateEngine(ScriptLimits limits) => new(o => o
        .Strict()
        .DisableStringCompilation()
        .MaxStatements(limits.MaxStatements)
        .TimeoutInterval(TimeSpan.FromMilliseconds(limits.TimeoutMs))
        .RegexTimeoutInterval(TimeSpan.FromMilliseconds(limits.RegexTimeoutMs))
        .LimitMemory(limits.MaxMemoryBytes)
        .LimitRecursion(limits.MaxRecursionDepth));

    /// <summary>A diagnostic at the innermost line of <paramref name="file"/> on the script's stack.</summary>
    internal static RulesException Fail(Engine engine, string file, string message)
    {
        var (line, column) = ScriptLocation.Current(engine, file);
        return new RulesException(new Diagnostic(file, line, column, message));
    }

    /// <summary>A diagnostic at one property of the object literal passed to the current call: its key (an
    /// unknown name) or its value (a bad value).</summary>
    internal static RulesException FailAt(Engine engine, string file, ScriptSourceMap map, string key, bool atValue, string message)
    {
        var (line, column) = ScriptLocation.Current(engine, file);
        (line, column) = map.Find(line, column, key, atValue);
        return new RulesException(new Diagnostic(file, line, column, message));
    }

    /// <summary>Runs script code and maps every way it can fail to a diagnostic; null on success.</summary>
    internal static Diagnostic? Run(Engine engine, string file, ScriptLimits limits, Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (RulesException e)
        {
            return e.Diagnostic;
        }
        // Before the time limit and JavaScript errors: a regex timeout is a TimeoutException, and Jint may wrap it.
        catch (RegexMatchTimeoutException)
        {
            return At(engine, file, $"a regular expression exceeded its time limit ({limits.RegexTimeoutMs} ms)");
        }
        catch (JavaScriptException e) when (e.InnerException is RegexMatchTimeoutException)
        {
            return At(engine, file, $"a regular expression exceeded its time limit ({limits.RegexTimeoutMs} ms)");
        }
        catch (JavaScriptException e) when (e.InnerException is RulesException inner)
        {
            return inner.Diagnostic;
        }
        catch (JavaScriptException e)
        {
            var start = e.Location.Start;
            string message = StripLocation(e.Message);
            if (start.Line == 0) return At(engine, file, message);
            return new Diagnostic(file, start.Line, start.Column + 1, LowerFirst(message));   // Jint columns are 0-based
        }
        catch (StatementsCountOverflowException)
        {
            return At(engine, file, $"script exceeded the statement limit ({limits.MaxStatements})");
        }
        catch (TimeoutException)
        {
            return At(engine, file, $"script exceeded the time limit ({limits.TimeoutMs} ms)");
        }
        catch (MemoryLimitExceededException)
        {
            return At(engine, file, $"script exceeded the memory limit ({limits.MaxMemoryBytes} bytes)");
        }
        catch (RecursionDepthOverflowException)
        {
            return At(engine, file, $"script exceeded the recursion limit ({limits.MaxRecursionDepth})");
        }
        catch (InsufficientExecutionStackException)
        {
            return At(engine, file, $"script nests too deeply for the interpreter (limits: {limits.MaxNestingDepth} brackets, {limits.MaxRecursionDepth} calls)");
        }
    }

    private static Diagnostic At(Engine engine, string file, string message)
    {
        var (line, column) = ScriptLocation.Current(engine, file);
        return new Diagnostic(file, line, column, message);
    }

    // Jint appends " (file:line:col)" to syntax errors; the diagnostic carries the position itself.
    private static string StripLocation(string message)
    {
        int open = message.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && message.EndsWith(')') ? message[..open] : message;
    }

    // Jint's own sentences start upper-case; STYLE.md wants lower-case. Identifiers (System, Foo) keep their case.
    private static readonly string[] s_sentenceStarts = { "Unexpected", "Cannot", "String", "Invalid", "Missing", "Maximum", "Assignment", "Illegal", "Octal", "Duplicate", "Unterminated", "Unknown", "Delete", "Strict", "Keyword", "Import", "Export" };

    private static string LowerFirst(string s) =>
        s_sentenceStarts.Any(w => s.StartsWith(w + " ", StringComparison.Ordinal)) ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
