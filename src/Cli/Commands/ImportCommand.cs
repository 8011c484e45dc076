// gateway import knockd.conf|access.conf [-o FILE]: a knockd configuration as a rules script using knock(), or
// fwknopd's access.conf as one using spa(), written to FILE (default: standard output); what could not be translated
// is listed on standard error with its line. An access.conf's keys are never written into the script: the serial
// console commands that store them go to standard error, for the person at the terminal.
using System.CommandLine;
using Gateway.Rules.Import;

namespace Gateway.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("CONFIG") { Description = "a knockd configuration (/etc/knockd.conf) or fwknopd's access.conf (/etc/fwknop/access.conf)" };
        var output = new Option<string?>("--output", "-o") { Description = "write the script here instead of standard output" };
        var command = new Command("import", "Translate a knockd configuration (knock() sequences) or fwknopd's access.conf (spa() doors) into a rules script") { input, output };
        command.SetAction(r =>
        {
            string path = r.GetValue(input)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{Path.GetFileName(path)}:1:1: error: file not found: {path}");
                return 1;
            }
            string text = File.ReadAllText(path);
            string script;
            IReadOnlyList<string> notTranslated;
            int doors;
            if (FwknopAccessImport.LooksLikeAccessConf(text))
            {
                var access = FwknopAccessImport.Translate(Path.GetFileName(path), text);
                (script, notTranslated, doors) = (access.Script, access.NotTranslated, access.Doors);
                if (access.KeyCommands.Count > 0)
                {
                    Console.Error.WriteLine("Set the keys on the board's serial console (gateway console, or picocom); they are not in the script:");
                    foreach (var command in access.KeyCommands) Console.Error.WriteLine("  " + command);
                }
            }
            else
            {
                var knockd = KnockdImport.Translate(Path.GetFileName(path), text);
                (script, notTranslated, doors) = (knockd.Script, knockd.NotTranslated, knockd.Doors);
            }
            foreach (var line in notTranslated) Console.Error.WriteLine(line);
            string? target = r.GetValue(output);
            if (target == null) Console.Out.Write(script);
            else File.WriteAllText(target, script);
            Console.Error.WriteLine($"{doors} door{(doors == 1 ? "" : "s")} translated, {notTranslated.Count} line{(notTranslated.Count == 1 ? "" : "s")} not");
            return doors > 0 ? 0 : 1;
        });
        return command;
    }
}
