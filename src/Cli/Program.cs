using System.CommandLine;
using Polytopes.Cli.Commands;

namespace Polytopes.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point for tests: runs the command line with the given writers.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // For a mistyped command ("polytopes enumerat x") the library lists "Required command was not provided."
            // before "Unrecognized command or argument 'enumerat'"; report the one that names the bad token.
            var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'")))
                        ?? parse.Errors[0];
            stderr.WriteLine($"polytopes: error: {error.Message}");
            return (int)ExitCode.BadInput;
        }
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    public static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("polytopes: exact linear regions of piecewise-linear neural networks");
        root.Subcommands.Add(EnumerateCommand.Create(stdout, stderr));
        root.Subcommands.Add(ConvertCommand.Create(stdout, stderr));
        root.Subcommands.Add(LineCommand.Create(stdout, stderr));
        root.Subcommands.Add(SampleCommand.Create(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Create(stdout, stderr));
        root.Subcommands.Add(InitCommand.Create(stdout, stderr));
        root.Subcommands.Add(SweepCommand.Create(stdout, stderr));
        root.Subcommands.Add(MergeCommand.Create(stdout, stderr));
        root.Subcommands.Add(BenchCommand.Create(stdout, stderr));
        root.Subcommands.Add(HistogramCommand.Create(stdout, stderr));
        root.Subcommands.Add(StatsCommand.Create(stdout, stderr));
        root.Subcommands.Add(TrackCommand.Create(stdout, stderr));
        root.Subcommands.Add(MapCommand.Create(stdout, stderr));
        return root;
    }
}
