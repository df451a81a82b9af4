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
            stderr.WriteLine($"polytopes: error: {parse.Errors[0].Message}");
            return (int)ExitCode.BadInput;
        }
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    public static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("polytopes: exact linear regions of piecewise-linear neural networks");
        root.Subcommands.Add(EnumerateCommand.Create(stdout, stderr));
        return root;
    }
}
