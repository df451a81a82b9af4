namespace Polytopes.Cli.Tests;

/// <summary>The bench command's interface (its timings are not tested: speed lives in the benchmark itself).</summary>
public class BenchCommandTests
{
    [Fact]
    public void BenchHelp_ListsItsOptions()
    {
        var result = Cli.Run("bench", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--quick", result.Stdout);
        Assert.Contains("--no-baseline", result.Stdout);
        Assert.Contains("--json", result.Stdout);
        Assert.Contains("--no-certify", result.Stdout);
    }
}
