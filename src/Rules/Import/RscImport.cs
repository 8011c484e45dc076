// .rsc files on the PC: the core's RouterOS importer (the same one the device's console uses), with its
// errors turned into FILE:LINE:COL diagnostics. A file may be a full export: what the importer skips
// (other menus, srcnat, place-before) comes back as warnings.
using Gateway.Core.Model;
using Gateway.Host.RouterOs;
using Gateway.Rules.Diagnostics;

namespace Gateway.Rules.Import;

/// <summary>Imports RouterOS command files.</summary>
public static class RscImport
{
    public static LoadResult Load(string fileName, string text)
    {
        var rules = new RuleSet();
        var importer = new RouterOsImporter(rules) { SkipOtherMenus = true };
        var error = importer.Import(text);
        if (error != null) return LoadResult.Fail(new Diagnostic(fileName, error.Line, error.Column, error.Message));
        var invalid = RulesFile.Validate(fileName, rules);
        if (invalid != null) return LoadResult.Fail(invalid);
        var warnings = Enumerable.Range(0, importer.WarningCount).Select(importer.WarningAt)
            .Select(w => new Diagnostic(fileName, w.Line, w.Column, "warning: " + w.Message)).ToList();
        return new LoadResult(new LoadedRules { File = fileName, Source = text, RuleSet = rules, Warnings = warnings }, Array.Empty<Diagnostic>());
    }
}
