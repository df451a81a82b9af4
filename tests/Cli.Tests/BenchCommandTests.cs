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

    /// <summary>One small network end to end: every column is there, and the ratios are positive numbers (their
    /// values are timings and not checked).</summary>
    [Fact]
    public void BenchJson_OneNetwork_HasEveryColumn()
    {
        var result = Cli.Run("bench", "--network", "2-16-16", "--no-baseline", "--no-certify", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var row = Assert.Single(doc.RootElement.GetProperty("networks").EnumerateArray());
        Assert.Equal("2-16-16", row.GetProperty("network").GetString());
        foreach (var key in new[] { "us_per_region", "us_per_region_streaming", "us_per_region_all_threads", "limit_ratio", "thread_speedup", "parallel_ceiling", "bytes_allocated_per_region" })
            Assert.True(row.GetProperty(key).GetDouble() > 0, key);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("textbook_speedup").ValueKind);
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
