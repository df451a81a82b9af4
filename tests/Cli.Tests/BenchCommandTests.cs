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
        Assert.Contains("--network", result.Stdout);
    }

    [Fact]
    public void BenchUnknownNetwork_IsBadInputNamingTheSuite()
    {
        var result = Cli.Run("bench", "--network", "2-7-7");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("2-7-7", result.Stderr);
        Assert.Contains("2-64-64", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }
}
