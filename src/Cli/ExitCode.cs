namespace Polytopes.Cli;

/// <summary>Process exit codes of the polytopes command.</summary>
public enum ExitCode
{
    Success = 0,
    /// <summary>The run finished but its answer is incomplete (e.g. a region limit was hit).</summary>
    Incomplete = 1,
    /// <summary>Bad input: a file, an option or a value; one line on stderr says which and why.</summary>
    BadInput = 2,
    /// <summary>An internal failure (a bug): reported on one line, never with a stack trace.</summary>
    InternalError = 3,
}
