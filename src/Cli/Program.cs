// The `gateway` command. With no arguments it runs the built-in demo: the default rules (the RouterOS
// knock recipe) replayed against a bundled knock trace through the device's own table engine.
using System.CommandLine;
using Gateway.Cli.Commands;

var root = new RootCommand("Gateway: port-knocking firewall rules for ESP32 Ethernet boards. With no command, replays the built-in rules against a bundled knock trace.");
root.Subcommands.Add(CompileCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(BoardsCommand.Create());
root.Subcommands.Add(EmulateCommand.Create());
root.Subcommands.Add(KnockCommand.Create());
root.Subcommands.Add(FlashCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
foreach (var serial in SerialCommands.Create()) root.Subcommands.Add(serial);
root.SetAction(_ => DemoCommand.Run(Console.Out));
return root.Parse(args).Invoke();
