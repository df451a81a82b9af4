using System.CommandLine;

namespace Polytopes.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("polytopes: exact linear regions of piecewise-linear neural networks");
        return root.Parse(args).Invoke();
    }
}
