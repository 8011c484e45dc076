// Loads a rules file by its kind: JavaScript through the sandboxed script host, RouterOS commands
// (.rsc) through the core's RouterOS importer. Either way the RuleSet is validated before it is returned.
using Gateway.Core.Model;
using Gateway.Core.Package;
using Gateway.Rules.Diagnostics;
using Gateway.Rules.Import;
using Gateway.Rules.Script;

namespace Gateway.Rules;

/// <summary>Entry point for reading rules files.</summary>
public static class RulesFile
{
    /// <summary>Reads and loads a file; a missing file is a diagnostic too.</summary>
    public static LoadResult Load(string path, ScriptLimits? limits = null)
    {
        string name = Path.GetFileName(path);
        if (!System.IO.File.Exists(path)) return LoadResult.Fail(new Diagnostic(name, 1, 1, "file not found: " + path));
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return LoadPackage(name, System.IO.File.ReadAllBytes(path));
        return LoadText(name, System.IO.File.ReadAllText(path), limits);
    }

    /// <summary>Loads a rule package (what `gateway compile` writes and the device stores).</summary>
    public static LoadResult LoadPackage(string fileName, byte[] bytes)
    {
        var reader = new PackageReader(new Gateway.Core.Tables.TableLimits { MaxRules = int.MaxValue, MaxForwards = int.MaxValue, Ipv4ListEntries = int.MaxValue / 4, Ipv6ListEntries = int.MaxValue / 4 });
        var result = reader.Read(new ByteArraySource(bytes), out var package);
        if (!result.IsOk)
        {
            var (line, column) = LineOf(bytes, result.Offset);
            return LoadResult.Fail(new Diagnostic(fileName, line, column, "rule package refused: " + result));
        }
        return new LoadResult(new LoadedRules { File = package!.SourceFile, Source = package.SourceText ?? "", RuleSet = package.RuleSet }, Array.Empty<Diagnostic>());
    }

    private static (int Line, int Column) LineOf(byte[] bytes, int offset)
    {
        if (offset < 0) return (1, 1);
        int line = 1, column = 1;
        for (int i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') { line++; column = 1; }
            else column++;
        }
        return (line, column);
    }

    /// <summary>Loads rules text; <paramref name="fileName"/>'s extension picks the language: .js (JavaScript),
    /// .rsc (RouterOS commands), .json (a rule package) or .conf (a knockd configuration, translated into a
    /// script first). Any other name is refused rather than guessed at.</summary>
    public static LoadResult LoadText(string fileName, string text, ScriptLimits? limits = null)
    {
        if (fileName.EndsWith(".rsc", StringComparison.OrdinalIgnoreCase)) return RscImport.Load(fileName, text);
        if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return LoadPackage(fileName, System.Text.Encoding.UTF8.GetBytes(text));
        if (fileName.EndsWith(".conf", StringComparison.OrdinalIgnoreCase) && FwknopAccessImport.LooksLikeAccessConf(text))
        {
            var access = FwknopAccessImport.Translate(fileName, text);   // its keys stay out: set them on the console
            return new ScriptHost(limits ?? ScriptLimits.Default).Evaluate(KnockdImport.ScriptName(fileName), access.Script);
        }
        if (fileName.EndsWith(".conf", StringComparison.OrdinalIgnoreCase))
        {
            var translation = KnockdImport.Translate(fileName, text);
            return new ScriptHost(limits ?? ScriptLimits.Default).Evaluate(KnockdImport.ScriptName(fileName), translation.Script);
        }
        if (fileName.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase))
            return new ScriptHost(limits ?? ScriptLimits.Default).Evaluate(fileName, text);
        return LoadResult.Fail(new Diagnostic(fileName, 1, 1, "not a rules file the gateway knows: name it .js (a rules script), .rsc (RouterOS commands), .json (a rule package) or .conf (a knockd configuration or fwknopd's access.conf)"));
    }

    /// <summary>Validates a RuleSet, turning a refusal into a diagnostic at the rule's line.</summary>
    public static Diagnostic? Validate(string file, RuleSet rules)
    {
        var result = RuleSetValidator.Validate(rules);
        if (result.IsOk) return null;
        return new Diagnostic(file, Math.Max(result.Line, 1), Math.Max(result.Column, 1), result.Message);
    }
}
