// gateway import knockd.conf [-o FILE]: a knockd configuration as a rules script using knock(), written to
// FILE (default: standard output); what could not be translated is listed on standard error with its line.
using System.CommandLine;
using Gateway.Rules.Import;

namespace Gateway.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("knockd.conf") { Description = "a knockd configuration (knockd's /etc/knockd.conf format)" };
        var output = new Option<string?>("--output", "-o") { Description = "write the script here instead of standard output" };
        var command = new Command("import", "Translate a knockd configuration into a rules script (knock() sequences and their accepts)") { input, output };
        command.SetAction(r =>
        {
            string path = r.GetValue(input)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{Path.GetFileName(path)}:1:1: error: file not found: {path}");
                return 1;
            }
            var translation = KnockdImport.Translate(Path.GetFileName(path), File.ReadAllText(path));
            foreach (var line in translation.NotTranslated) Console.Error.WriteLine(line);
            string? target = r.GetValue(output);
            if (target == null) Console.Out.Write(translation.Script);
            else File.WriteAllText(target, translation.Script);
            Console.Error.WriteLine($"{translation.Doors} door{(translation.Doors == 1 ? "" : "s")} translated, {translation.NotTranslated.Count} line{(translation.NotTranslated.Count == 1 ? "" : "s")} not");
            return translation.Doors > 0 ? 0 : 1;
        });
        return command;
    }
}
