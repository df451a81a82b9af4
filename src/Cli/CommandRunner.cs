using Polytopes.Enumeration;

namespace Polytopes.Cli;

/// <summary>Runs a command body and turns every failure into one line on stderr and an exit code: bad input
/// (files, options) exits 2, anything else 3 — never a stack trace.</summary>
internal static class CommandRunner
{
    public static int Run(TextWriter stderr, Func<ExitCode> body)
    {
        try
        {
            return (int)body();
        }
        catch (InputException e)
        {
            stderr.WriteLine($"polytopes: error: {e.Message}");
            return (int)ExitCode.BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("polytopes: cancelled");
            return (int)ExitCode.Incomplete;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"polytopes: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return (int)ExitCode.InternalError;
        }
    }
}
