// gateway help [COMMAND]: the same text as --help, for people who type the word.
using System.CommandLine;

namespace Gateway.Cli.Commands;

internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var verb = new Argument<string?>("COMMAND") { Description = "the command to explain", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("help", "Show help for gateway or one of its commands") { verb };
        command.SetAction(r =>
        {
            string? name = r.GetValue(verb);
            if (name != null && !root.Subcommands.Any(c => c.Name == name))
            {
                Console.Error.WriteLine($"gateway: no command {name}; commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}");
                return 1;
            }
            return root.Parse(name == null ? "--help" : name + " --help").Invoke();
        });
        return command;
    }
}
