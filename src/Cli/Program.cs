// The `gateway` command. With no arguments it runs the built-in demo: the default rules (the RouterOS
// knock recipe) replayed against a bundled knock trace through the device's own table engine.
// Every failure ends as one line on standard error and a non-zero exit; --debug adds the stack trace.
using System.CommandLine;
using Gateway.Cli;
using Gateway.Cli.Commands;

var root = new RootCommand("Gateway: port-knocking firewall rules for ESP32 Ethernet boards. With no command, replays the built-in rules against a bundled knock trace.");
var debug = new Option<bool>("--debug") { Description = "show the .NET stack trace when a command fails unexpectedly", Recursive = true };
root.Options.Add(debug);
root.Subcommands.Add(CompileCommand.Create());
root.Subcommands.Add(LintCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(BoardsCommand.Create());
root.Subcommands.Add(EmulateCommand.Create());
root.Subcommands.Add(KnockCommand.Create());
root.Subcommands.Add(FlashCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(SpaCommand.Create());
foreach (var serial in SerialCommands.Create()) root.Subcommands.Add(serial);
root.Subcommands.Add(HelpCommand.Create(root));
root.SetAction(_ => DemoCommand.Run(Console.Out));

// No response files: `@FILE` is an argument's own form (gateway spa check @FILE), and a file of options must never
// turn a check off behind the command line's back.
var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    Console.Error.WriteLine("gateway: " + Failures.OneLine(e));
    if (parsed.GetValue(debug)) Console.Error.WriteLine(e);
    else Console.Error.WriteLine("gateway: (run again with --debug for the details)");
    return 2;
}
